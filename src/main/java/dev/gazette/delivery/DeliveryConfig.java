package dev.gazette.delivery;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The delivery engine. */
@ConfigMapping(prefix = "gazette.delivery")
interface DeliveryConfig {

    /** Whether this instance sends; an instance that only serves pages can turn it off. */
    @WithDefault("true")
    boolean enabled();

    /** Messages per second across all sends of this instance (0: no limit but the relay's). */
    @WithDefault("0")
    int ratePerSecond();

    /** Messages per second for any one publication (0: no limit of its own). */
    @WithDefault("0")
    int publicationRatePerSecond();

    /** Messages in flight to the relay at once. */
    @WithDefault("32")
    int concurrency();

    /** Rows claimed per batch. */
    @WithDefault("500")
    int batchSize();

    /** How long a claimed row is reserved for this instance; a dead instance's rows return after it. */
    @WithDefault("PT2M")
    Duration lease();

    /** How often an idle instance looks for work. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** How often fired issues are looked for, to start their sends (a duration like 1s). */
    @WithDefault("1s")
    String startCheck();

    /** How often sends with nothing left are marked sent (a duration like 1s). */
    @WithDefault("1s")
    String finishCheck();

    /** The name this instance leases rows under (default: host name and process id). */
    Optional<String> instanceName();

    /** The shared secret a relay sends in X-Bounce-Secret with its reports (unset: reports are refused). */
    Optional<String> bounceSecret();

    Retry retry();

    Circuit circuit();

    interface Retry {
        /** The wait before the first retry of a transient failure; it doubles, with jitter. */
        @WithDefault("PT1M")
        Duration initialDelay();

        /** The longest wait between two retries. */
        @WithDefault("PT1H")
        Duration maxDelay();

        /** After this long since the send started, a row still failing transiently is failed. */
        @WithDefault("P3D")
        Duration maxAge();

        /** Soft bounces (mailbox full...) of a subscriber before the address is suppressed. */
        @WithDefault("3")
        int softBounceLimit();
    }

    interface Circuit {
        /** Connection failures in a row that mean the relay is down. */
        @WithDefault("5")
        int failureThreshold();

        /** How long to wait before trying a relay that is down again. */
        @WithDefault("PT5S")
        Duration openFor();
    }
}
