package dev.gazette.membership;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The built-in provider: a local checkout page ({@code /checkout/membership/{id}}) and charges that
 * move no money. A charge succeeds, unless the reader paid with the test card that declines
 * renewals ({@link #DECLINES_RENEWALS}); the card {@link #DECLINED} fails at checkout.
 */
@ApplicationScoped
class SandboxBilling implements BillingProvider {

    static final String NAME = "sandbox";
    /** A test card that pays at checkout and declines every renewal: a way to walk past_due. */
    static final String DECLINES_RENEWALS = "4000000000000341";
    /** A test card declined at checkout. */
    static final String DECLINED = "4000000000000002";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String checkoutUrl(String checkoutPublicId) {
        return "/checkout/membership/" + checkoutPublicId;
    }

    @Override
    public Charge charge(Membership membership, BigDecimal amount, String currency, String idempotencyKey) {
        if (membership.providerRef != null && membership.providerRef.endsWith(DECLINES_RENEWALS)) {
            return new Charge(false, null, "card_declined");
        }
        return new Charge(true, "sandbox_" + idempotencyKey, null);
    }

    @Override
    public String refund(String chargeRef, BigDecimal amount, String currency, String reason, String idempotencyKey) {
        return "sandbox_refund_" + idempotencyKey;
    }

    /** The reference a sandbox membership keeps: which test card paid. */
    static String reference(String card) {
        return "sandbox_card_" + card;
    }
}
