package dev.gazette.membership;

import java.math.BigDecimal;
import java.util.Optional;

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

    /** Where the reader pays for this pending checkout. */
    String checkoutUrl(String checkoutPublicId);

    /**
     * Charges a membership for one period; {@code idempotencyKey} names the membership and the
     * period, so a retried call after a timeout never charges twice.
     */
    Charge charge(Membership membership, BigDecimal amount, String currency, String idempotencyKey);

    /**
     * Whether this provider can take money now (its keys are configured). A provider that is not
     * ready takes no checkout, renews nothing and refunds nothing: its memberships wait for it.
     */
    default boolean ready() {
        return true;
    }

    /**
     * Gives back {@code amount} of a paid charge ({@code chargeRef}: the provider's payment, as the
     * charge row keeps it); asked twice with the same key, it refunds once. Answers the provider's
     * reference of the refund, or throws a {@code DomainException} (503 {@code
     * payment_provider_unavailable}, 409 {@code refund_refused}) and nothing was refunded.
     */
    String refund(String chargeRef, BigDecimal amount, String currency, String reason, String idempotencyKey);

    /**
     * Where the reader changes their card or plan at the provider (such as a customer portal), coming
     * back to {@code returnUrl}; empty when Gazette's own pages do it, as for the sandbox. Asked at the
     * moment the reader follows their signed link, so a portal session is fresh.
     */
    default Optional<String> portalUrl(Membership membership, String returnUrl) {
        return Optional.empty();
    }

    /**
     * Tells the provider that the reader canceled at the period's end (or resumed), for a provider
     * that bills itself and would otherwise renew; the others need nothing.
     */
    default void cancelAtPeriodEnd(Membership membership, boolean cancel) {
    }
}
