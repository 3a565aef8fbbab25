package dev.gazette.inbound;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Gazette's own SMTP listener for mail that comes back: bounces, complaints, mailto unsubscribes. */
@ConfigMapping(prefix = "gazette.inbound")
interface InboundConfig {

    /** The port to listen on (0: any free port); unset, no listener starts. */
    Optional<Integer> port();

    /** The address to listen on: the relay forwards to it, so it must be reachable from the relay. */
    @WithDefault("0.0.0.0")
    String host();

    /**
     * The domain of the delivery's envelope senders and the unsubscribe addresses (its MX is the
     * relay); unset, mail keeps the publication's address as envelope sender and nothing is accepted.
     */
    Optional<String> bounceDomain();

    /** The largest message taken (a bounce quotes the original message); larger is refused with 552. */
    @WithDefault("10485760")
    int maxMessageBytes();

    /** Connections at once; more wait for a free one. */
    @WithDefault("20")
    int maxConnections();

    /** Recipients per message. */
    @WithDefault("50")
    int maxRecipients();

    /** How long a silent connection is kept. */
    @WithDefault("PT1M")
    Duration timeout();
}
