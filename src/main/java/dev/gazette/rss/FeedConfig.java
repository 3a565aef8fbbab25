package dev.gazette.rss;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Followed feeds (RSS-to-email): how often they are read, how much of them, and when a failing one
 * is paused. Whether private addresses may be fetched is the webhooks' own setting
 * ({@code gazette.webhooks.allow-private-addresses}): one rule for every call Gazette makes out.
 */
@ConfigMapping(prefix = "gazette.feeds")
public interface FeedConfig {

    /** Whether this instance fetches feeds and makes their digests (instances share the work through row locks). */
    @WithDefault("true")
    boolean enabled();

    /** How often each instance looks for feeds due to be fetched and digests due to be made. */
    @WithDefault("30s")
    String check();

    /** How long after a fetch a feed is fetched again. */
    @WithDefault("PT30M")
    Duration interval();

    /** How long to wait for a connection to a feed's server. */
    @WithDefault("PT5S")
    Duration connectTimeout();

    /** The most a whole fetch may take, redirects included; a slower feed is refused ({@code timeout}). */
    @WithDefault("PT20S")
    Duration timeout();

    /** The largest feed read, in bytes; a larger one is refused ({@code too_large}) without reading the rest. */
    @WithDefault("2097152")
    int maxBytes();

    /** Redirects followed at most, each new address checked like the first. */
    @WithDefault("3")
    int maxRedirects();

    /** The wait after a first failed fetch; it doubles with each failure in a row, up to {@link #maxBackoff()}. */
    @WithDefault("PT5M")
    Duration backoff();

    @WithDefault("PT6H")
    Duration maxBackoff();

    /** How long a feed may fail without one good fetch before it is paused and its writer mailed. */
    @WithDefault("P3D")
    Duration pauseAfter();

    /** The most items one issue (a digest) carries; the rest wait for the next one. */
    @WithDefault("50")
    int maxItemsPerIssue();

    /**
     * In {@code each} mode, the most posts one fetch sends; further new posts of that fetch become drafts
     * (noted {@code too_many_at_once}), so a site that changes every post's id at once does not mail its
     * whole archive.
     */
    @WithDefault("5")
    int maxSendsPerFetch();

    /** Feeds one instance fetches per run. */
    @WithDefault("20")
    int batchSize();

    /** How long a fetch claim holds a feed; a dead instance's feeds come back after it. Keep it above {@link #timeout()}. */
    @WithDefault("PT2M")
    Duration lease();
}
