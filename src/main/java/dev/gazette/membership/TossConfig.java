package dev.gazette.membership;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Toss Payments for paid memberships (see docs/adr/0023-billing-providers.md): card registration
 * in Toss's window, a billing key issued server-side, and each period charged by Gazette. Keys from
 * the environment only.
 */
@ConfigMapping(prefix = "gazette.payments.toss")
interface TossConfig {

    /** The API's address; tests point it at a stand-in. */
    @WithDefault("https://api.tosspayments.com")
    URI apiBase();

    /** The client key ({@code test_ck_...}/{@code live_ck_...}) the card registration window opens with. */
    Optional<String> clientKey();

    /** The secret key ({@code test_sk_...}/{@code live_sk_...}); Basic auth with an empty password. */
    Optional<String> secretKey();

    /**
     * The key (any text, at least 32 characters) that seals billing keys at rest. Without it a
     * random key is made and kept in the database, which protects billing keys in exports, logs
     * and copies of the membership table, but not in a full copy of the database.
     */
    Optional<String> sealingKey();

    /** How long one call may take before it is given up (and retried with the same idempotency key). */
    @WithDefault("PT10S")
    Duration timeout();

    /** How many times a charge or refund is tried, with the same idempotency key, before the job waits for its next run. */
    @WithDefault("2")
    int attempts();

    /** Where Toss's script for the card registration window is loaded from. */
    @WithDefault("https://js.tosspayments.com/v2/standard")
    String scriptUrl();
}
