package dev.gazette.membership;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * A stand-in for a provider that bills itself (as Stripe does): it has a portal, and Gazette never
 * charges it. Tests move a sandbox membership to it to walk that side of dunning and plan changes.
 */
@ApplicationScoped
class SelfBillingProvider implements BillingProvider {

    static final String NAME = "selfbilling";
    static final String PORTAL = "https://portal.example.test/session";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean billsItself() {
        return true;
    }

    @Override
    public java.util.Optional<String> portalUrl(Membership membership, String returnUrl) {
        return java.util.Optional.of(PORTAL + "?membership=" + membership.id);
    }

    @Override
    public String checkoutUrl(String checkoutPublicId) {
        throw new UnsupportedOperationException("members are moved to this provider by the tests");
    }

    /** Refunds go to the provider too (the billing seam asks for them once refunds exist); never here. */
    public String refund(String chargeRef, BigDecimal amount, String currency, String reason, String idempotencyKey) {
        throw new AssertionError("the tests refund nothing through this stand-in");
    }

    @Override
    public Charge charge(Membership membership, BigDecimal amount, String currency, String idempotencyKey) {
        throw new AssertionError("a provider that bills itself is never charged by Gazette");
    }
}
