package dev.gazette.event;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Outbound webhooks: who may be called, how hard, and for how long. */
@ConfigMapping(prefix = "gazette.webhooks")
public interface WebhookConfig {

    /** Whether this instance delivers webhooks (instances share the work through row locks). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Whether endpoints may be on loopback, private, link-local, unique-local or other non-public
     * addresses. Off by default, so no writer can make Gazette call into the host's own network (SSRF).
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /**
     * The waits between attempts of one delivery, the first attempt being at once: the Standard Webhooks
     * schedule. The last wait repeats until {@link #maxAge()}.
     */
    @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT14H,PT20H,PT24H")
    List<Duration> retrySchedule();

    /**
     * How long a delivery is tried before it fails for good; an endpoint that has failed for this long
     * without a single success is disabled and its writer mailed.
     */
    @WithDefault("P3D")
    Duration maxAge();

    /** How long to wait for a connection to an endpoint. */
    @WithDefault("PT5S")
    Duration connectTimeout();

    /** How long an endpoint may stay silent while answering before the attempt fails. */
    @WithDefault("PT15S")
    Duration readTimeout();

    /** The most of an answer's body read; the rest is not read, and the connection is closed. */
    @WithDefault("65536")
    int maxResponseBytes();

    /** Requests in flight at once on this instance. */
    @WithDefault("64")
    int concurrency();

    /**
     * How long a claimed delivery is reserved for this instance; a dead instance's come back after it.
     * Keep it well above {@link #connectTimeout()} plus {@link #readTimeout()}: a call still under way when
     * its lease ends is claimed again and posted twice.
     */
    @WithDefault("PT1M")
    Duration lease();

    /** How often an idle instance looks for due deliveries (a commit that records one wakes it at once). */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** How long the secret before a rotation still signs, beside the new one. */
    @WithDefault("P1D")
    Duration rotationOverlap();
}
