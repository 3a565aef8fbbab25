package dev.gazette.engagement;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which payment provider takes tips, and its settings (see docs/adr/0008-payment-providers.md). */
@ConfigMapping(prefix = "gazette.payments")
interface PaymentsConfig {

    /**
     * {@code none} (no tips: asking for one answers 409 {@code payments_off}), {@code sandbox} (a
     * local checkout page that pays nothing, and that anyone can use to mark a tip paid) or
     * {@code stripe}. With the embedded defaults (no database URL, no relay) it is {@code sandbox}
     * unless set.
     */
    @WithDefault(NONE)
    String provider();

    /** The provider setting that turns tips off. */
    String NONE = "none";

    Stripe stripe();

    interface Stripe {

        /** The API's address; tests point it at a stand-in. */
        @WithDefault("https://api.stripe.com")
        URI apiBase();

        /** The secret API key ({@code sk_...}); from the environment only. */
        Optional<String> secretKey();

        /** The webhook endpoint's signing secret ({@code whsec_...}); from the environment only. */
        Optional<String> webhookSecret();

        /**
         * The signing secret of the memberships' webhook endpoint ({@code
         * /api/v1/memberships/stripe/webhook}, read by membership/StripeMembershipWebhooks); from the
         * environment only.
         */
        Optional<String> membershipWebhookSecret();

        /** How old a signed webhook may be before it is refused as a replay. */
        @WithDefault("PT5M")
        Duration tolerance();
    }
}
