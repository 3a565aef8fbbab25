package dev.gazette.membership;

import java.math.BigDecimal;

/**
 * How a membership's money is taken (see docs/adr/0022-paid-subscriptions.md). A provider shows
 * the reader where to pay for a checkout, and charges a membership for a period under an
 * idempotency key: asked twice with the same key, it charges once. {@link Memberships} alone owns
 * the membership's states; a provider only answers.
 */
interface BillingProvider {

    /** A charge's answer: paid or not, the provider's reference, and why it failed. */
    record Charge(boolean paid, String providerRef, String failure) {
    }

    /** The name in {@code gazette.payments.provider} and on memberships. */
    String name();

    /**
     * Whether the provider renews on its own schedule and reports each renewal or failure by webhook
     * (Stripe), rather than Gazette charging each period through {@link #charge} (the sandbox, Toss). A
     * provider that bills itself is never charged by the renewal job, and Gazette does not retry its
     * failed renewals: the provider's own retries do.
     */
    default boolean billsItself() {
        return false;
    }

    /**
     * Where the reader changes their card or plan at the provider (such as a customer portal),
     * coming back to {@code returnUrl}; empty when Gazette's own pages do it, as for the sandbox.
     * Asked at the moment the reader follows their signed link, so a portal session is fresh.
     */
    default java.util.Optional<String> portalUrl(Membership membership, String returnUrl) {
        return java.util.Optional.empty();
    }

    /** Where the reader pays for this pending checkout. */
    String checkoutUrl(String checkoutPublicId);

    /**
     * Charges a membership for one period; {@code idempotencyKey} names the membership and the
     * period, so a retried call after a timeout never charges twice.
     */
    Charge charge(Membership membership, BigDecimal amount, String currency, String idempotencyKey);
}
