package dev.gazette.subscriber;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Subscriptions, consent, import and export. */
@ConfigMapping(prefix = "gazette.subscriber")
interface SubscriberConfig {

    /** Subscribe form submissions per client address and minute. */
    @WithDefault("10")
    int subscribePerMinute();

    /** How long the link in a double opt-in email stays valid. */
    @WithDefault("P7D")
    Duration confirmTtl();

    /**
     * A second subscribe request for a still-unconfirmed address within this interval sends no new
     * email, so that nobody can flood an inbox through the form.
     */
    @WithDefault("PT10M")
    Duration confirmResendInterval();

    /** The version of the privacy policy the subscribe form shows; recorded with every consent. */
    @WithDefault("2026-11")
    String policyVersion();

    /**
     * The mailbox of the {@code mailto:} half of {@code List-Unsubscribe}; by default
     * {@code unsubscribe@} the host of {@code gazette.base-url}.
     */
    Optional<String> unsubscribeMailbox();

    /** The largest CSV file an import reads; a larger one is refused with 413 {@code import_too_large}. */
    @WithDefault("209715200")
    long importMaxBytes();

    /** How many bad lines an import report lists (the rest are counted in {@code errorCount}). */
    @WithDefault("1000")
    int importMaxReportedErrors();

    /** The largest page the subscriber list returns. */
    @WithDefault("500")
    int maxPageSize();
}
