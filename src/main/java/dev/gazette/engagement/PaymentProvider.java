package dev.gazette.engagement;

import java.util.Map;

/**
 * A way to take a tip's money (see docs/adr/0008-payment-providers.md). A provider starts a
 * checkout for a pending tip and, when it has webhooks, turns a signed request into an event;
 * {@link TipService} owns the tip's states and applies each event once.
 */
interface PaymentProvider {

    /** Where the reader pays, and the provider's id for that payment. */
    record Checkout(String providerRef, String url) {
    }

    enum Outcome {
        PAID, FAILED, REFUNDED, IGNORED
    }

    /**
     * A verified webhook event; the tip is named by its public id or by the provider's reference.
     */
    record Event(String id, String type, Outcome outcome, String tipPublicId, String providerRef) {
    }

    /** The name in configuration, in tips and in the webhook's path. */
    String name();

    /**
     * Starts paying for a pending tip.
     *
     * @param returnUrl where the reader comes back to after paying or giving up
     */
    Checkout start(Tip tip, String description, String returnUrl);

    /** Verifies a webhook's signature and reads its event; refuses with 400 {@code invalid_signature}. */
    Event verify(String body, Map<String, String> headers);
}
