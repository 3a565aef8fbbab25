package dev.gazette.core;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How requests are read, for every feature: who the client is, how large a callback may be. */
@ConfigMapping(prefix = "gazette.http")
public interface RequestConfig {

    /**
     * Addresses or CIDR blocks of the reverse proxies in front of Gazette, whose
     * {@code X-Forwarded-For} is believed (see {@link ClientAddresses}). Unset: forwarded headers are
     * ignored and the connection's address is the client.
     */
    Optional<List<String>> trustedProxies();

    /**
     * The largest body of a call from another system (a relay's bounce report, a payment
     * provider's webhook); larger ones get 413 {@code payload_too_large}, counted as they arrive.
     */
    @WithDefault("1048576")
    int maxWebhookBytes();
}
