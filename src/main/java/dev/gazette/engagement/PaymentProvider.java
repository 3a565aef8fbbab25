package dev.gazette.engagement;

import java.util.Map;
import java.util.Optional;

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
     * A refund says how much has been refunded so far, in the currency's minor units (null: all of it).
     */
    record Event(String id, String type, Outcome outcome, String tipPublicId, String providerRef, Long refundedMinorUnits) {
    }

    /** The name in configuration, in tips and in the webhook's path. */
    String name();

    /**
     * Starts paying for a pending tip.
     *
     * @param returnUrl where the reader comes back to after paying or giving up
     */
    Checkout start(Tip tip, String description, String returnUrl);

    /**
     * The header that carries a webhook's signature, checked for before its body is read; empty
     * for a provider without webhooks.
     */
    Optional<String> signatureHeader();

    /** Verifies a webhook's signature and reads its event; refuses with 400 {@code invalid_signature}. */
    Event verify(String body, Map<String, String> headers);
}
