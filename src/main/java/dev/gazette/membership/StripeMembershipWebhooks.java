package dev.gazette.membership;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.gazette.core.DomainException;
import dev.gazette.core.StripeSignature;

/**
 * Stripe's webhooks about memberships, verified by their {@code Stripe-Signature} (stale ones
 * refused) and applied once per event id ({@code membership_provider_event}). Stripe sends events
 * late and out of order, so each is compared with what is stored and never moves a membership
 * backwards: a paid invoice only extends the period, a failed one only concerns a period not yet
 * paid, a subscription change older than the newest applied one is ignored, and an ended membership
 * stays ended. Any event that names a pending checkout settles it, whichever comes first.
 */
@ApplicationScoped
class StripeMembershipWebhooks {

    private static final String ACTOR = ProviderCheckouts.provider(StripeBilling.NAME);

    // The event, once: a repeat inserts nothing and changes nothing.
    private static final String RECEIVED = """
            INSERT INTO membership_provider_event (provider, event_id, event_type, outcome, received_at)
            VALUES ('stripe', ?1, ?2, 'received', ?3)
            ON CONFLICT (provider, event_id) DO NOTHING""";

    // What the event did, for whoever reads the table after an incident.
    private static final String OUTCOME = """
            UPDATE membership_provider_event SET membership_id = ?2, outcome = ?3 WHERE provider = 'stripe' AND event_id = ?1""";

    private final ProviderCheckouts checkouts;
    private final Memberships memberships;
    private final Dunning dunning;
    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final Clock clock;
    private final Optional<String> secret;
    private final Duration tolerance;

    StripeMembershipWebhooks(ProviderCheckouts checkouts, Memberships memberships, Dunning dunning,
            EntityManager entityManager,
            ObjectMapper json, Clock clock,
            @ConfigProperty(name = "gazette.payments.stripe.membership-webhook-secret") Optional<String> secret,
            @ConfigProperty(name = "gazette.payments.stripe.tolerance", defaultValue = "PT5M") Duration tolerance) {
        this.checkouts = checkouts;
        this.memberships = memberships;
        this.dunning = dunning;
        this.entityManager = entityManager;
        this.json = json;
        this.clock = clock;
        this.secret = secret;
        this.tolerance = tolerance;
    }

    /** 400 {@code invalid_signature} before the body is read when the header is missing. */
    void requireSigned(Map<String, String> headers) {
        String header = headers.get("stripe-signature");
        if (header == null || header.isBlank()) {
            throw invalidSignature();
        }
    }

    /**
     * Verifies and applies one event: 400 {@code invalid_signature} (wrong, missing or stale),
     * 400 {@code malformed_json}, 503 without a configured secret.
     *
     * @return whether the event was new
     */
    @Transactional
    boolean receive(String body, Map<String, String> headers) {
        String key = secret.orElseThrow(() -> new DomainException(DomainException.Kind.UNAVAILABLE,
                "payment_provider_unavailable", "No Stripe webhook secret for memberships is configured"));
        if (!StripeSignature.valid(headers.get("stripe-signature"), body, key, clock.instant(), tolerance)) {
            throw invalidSignature();
        }
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (IOException e) {
            throw new DomainException(DomainException.Kind.INVALID, "malformed_json", "The webhook's body is not JSON");
        }
        String id = event.path("id").asText("");
        String type = event.path("type").asText("");
        if (id.isEmpty() || type.isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID, "malformed_json", "The webhook names no event");
        }
        if (entityManager.createNativeQuery(RECEIVED).setParameter(1, id).setParameter(2, type)
                .setParameter(3, Timestamp.from(clock.instant())).executeUpdate() == 0) {
            return false;
        }
        JsonNode object = event.path("data").path("object");
        Instant created = Instant.ofEpochSecond(event.path("created").asLong(clock.instant().getEpochSecond()));
        Applied applied = switch (type) {
            case "checkout.session.completed" -> checkoutCompleted(object);
            case "checkout.session.expired" -> new Applied(null,
                    checkouts.expireStripe(object.path("client_reference_id").asText(null)) ? "checkout_expired" : "ignored");
            case "invoice.paid" -> invoicePaid(object);
            case "invoice.payment_failed" -> invoiceFailed(object);
            case "customer.subscription.created", "customer.subscription.updated" -> subscriptionUpdated(object, created);
            case "customer.subscription.deleted" -> subscriptionDeleted(object, created);
            default -> new Applied(null, "ignored");
        };
        entityManager.createNativeQuery(OUTCOME).setParameter(1, id)
                .setParameter(2, applied.membership() == null ? null : applied.membership().id)
                .setParameter(3, applied.outcome()).executeUpdate();
        return true;
    }

    /** What an event did to which membership. */
    private record Applied(Membership membership, String outcome) {
    }

    private Applied checkoutCompleted(JsonNode session) {
        if (!"subscription".equals(session.path("mode").asText())) {
            // a tip's checkout: the tips' endpoint handles it
            return new Applied(null, "ignored");
        }
        String checkout = text(session.path("client_reference_id"))
                .orElse(text(session.path("metadata").path("membership_checkout")).orElse(null));
        Membership m = checkouts.settleStripe(checkout, text(session.path("subscription")).orElse(null),
                text(session.path("customer")).orElse(null));
        return new Applied(m, m == null ? "unknown_checkout" : "started");
    }

    private Applied invoicePaid(JsonNode invoice) {
        Membership m = fromInvoice(invoice);
        if (m == null) {
            return new Applied(null, "unknown_subscription");
        }
        JsonNode period = invoice.path("lines").path("data").path(0).path("period");
        Instant start = Instant.ofEpochSecond(period.path("start").asLong());
        Instant end = Instant.ofEpochSecond(period.path("end").asLong());
        long paid = invoice.path("amount_paid").asLong(0);
        if (paid == 0) {
            // a trial's invoice (nothing paid): the trial runs as the checkout set it
            return new Applied(m, "nothing_paid");
        }
        String currency = invoice.path("currency").asText(m.currency).toUpperCase(Locale.ROOT);
        String reference = text(invoice.path("payment_intent")).or(() -> text(invoice.path("charge")))
                .or(() -> text(invoice.path("payments").path("data").path(0).path("payment").path("payment_intent")))
                .orElse(invoice.path("id").asText());
        boolean recorded = checkouts.recordCharge(m, "stripe-" + invoice.path("id").asText(), start, end,
                StripeBilling.majorUnits(paid, currency), currency, reference);
        if (m.state == Membership.State.ended) {
            return new Applied(m, recorded ? "charge_recorded_after_end" : "repeat");
        }
        if (!end.isAfter(m.currentPeriodEnd)) {
            // an older period's invoice arriving late: the receipt is kept, the membership stays where it is
            return new Applied(m, recorded ? "charge_recorded" : "repeat");
        }
        memberships.paidThrough(m, start, end, ACTOR);
        return new Applied(m, "paid_through");
    }

    private Applied invoiceFailed(JsonNode invoice) {
        Membership m = fromInvoice(invoice);
        if (m == null) {
            return new Applied(null, "unknown_subscription");
        }
        Instant end = Instant.ofEpochSecond(invoice.path("lines").path("data").path(0).path("period").path("end").asLong());
        if (m.state == Membership.State.ended) {
            return new Applied(m, "ignored_" + m.state.name());
        }
        if (!end.isAfter(m.currentPeriodEnd)) {
            // a period already paid (its success arrived first): the failure is history
            return new Applied(m, "stale");
        }
        // Stripe retries on its own schedule: each failure it reports mails the member (dunning), with its
        // next try when it says one
        long next = invoice.path("next_payment_attempt").asLong(0);
        dunning.declinedByProvider(m, m.price, "stripe:invoice_payment_failed (attempt "
                + invoice.path("attempt_count").asInt(1) + ")", next > 0 ? Instant.ofEpochSecond(next) : null);
        return new Applied(m, "past_due");
    }

    private Applied subscriptionUpdated(JsonNode subscription, Instant created) {
        String status = subscription.path("status").asText();
        Membership m = ProviderCheckouts.bySubscription(subscription.path("id").asText(null));
        if (m == null && ("active".equals(status) || "trialing".equals(status))) {
            m = checkouts.settleStripe(text(subscription.path("metadata").path("membership_checkout")).orElse(null),
                    subscription.path("id").asText(null), text(subscription.path("customer")).orElse(null));
        }
        if (m == null) {
            return new Applied(null, "unknown_subscription");
        }
        if (m.state == Membership.State.ended) {
            return new Applied(m, "ignored_ended");
        }
        if (m.providerSyncedAt != null && created.isBefore(m.providerSyncedAt)) {
            return new Applied(m, "stale");
        }
        m.providerSyncedAt = created;
        if ("canceled".equals(status) || "incomplete_expired".equals(status)) {
            memberships.end(m, ACTOR, "stripe_subscription_" + status);
            return new Applied(m, "ended");
        }
        StringBuilder outcome = new StringBuilder("synced");
        boolean canceling = subscription.path("cancel_at_period_end").asBoolean(false)
                || !subscription.path("cancel_at").isNull() && subscription.path("cancel_at").isNumber();
        if (canceling && !m.cancelAtPeriodEnd && m.kind == Membership.Kind.paid) {
            memberships.cancelAtPeriodEnd(m, ACTOR);
            outcome.append(",cancel_requested");
        } else if (!canceling && m.cancelAtPeriodEnd) {
            memberships.resume(m, ACTOR);
            outcome.append(",resumed");
        }
        JsonNode price = subscription.path("items").path("data").path(0).path("price");
        if (price.path("unit_amount").isNumber()) {
            String currency = price.path("currency").asText(m.currency).toUpperCase(Locale.ROOT);
            BigDecimal amount = StripeBilling.majorUnits(price.path("unit_amount").asLong(), currency);
            if (m.price == null || amount.compareTo(m.price) != 0 || !currency.equals(m.currency)) {
                String interval = price.path("recurring").path("interval").asText("month");
                Plan plan = Plan.<Plan>find("publicationId = ?1 and price = ?2 and currency = ?3 and retiredAt is null",
                        m.publicationId, amount, currency).list().stream()
                        .filter(p -> p.interval.name().equals(interval)).findFirst().orElse(null);
                memberships.repriced(m, plan == null ? m.planId : plan.id, amount, currency, ACTOR);
                outcome.append(",price_changed");
            }
        }
        return new Applied(m, outcome.toString());
    }

    private Applied subscriptionDeleted(JsonNode subscription, Instant created) {
        Membership m = ProviderCheckouts.bySubscription(subscription.path("id").asText(null));
        if (m == null) {
            return new Applied(null, "unknown_subscription");
        }
        if (m.state == Membership.State.ended) {
            return new Applied(m, "already_ended");
        }
        m.providerSyncedAt = m.providerSyncedAt == null || created.isAfter(m.providerSyncedAt)
                ? created
                : m.providerSyncedAt;
        if (m.state == Membership.State.past_due) {
            // Stripe gave up on the payment: the member gets dunning's final mail
            dunning.endedByProvider(m, m.price, "stripe_subscription_deleted");
        } else {
            memberships.end(m, ACTOR, "stripe_subscription_deleted");
        }
        return new Applied(m, "ended");
    }

    /** The invoice's membership: by its subscription, or by the checkout its metadata names (paid before the checkout's own event). */
    private Membership fromInvoice(JsonNode invoice) {
        JsonNode parent = invoice.path("parent").path("subscription_details");
        String subscription = text(invoice.path("subscription")).or(() -> text(parent.path("subscription"))).orElse(null);
        Membership m = ProviderCheckouts.bySubscription(subscription);
        if (m != null) {
            return m;
        }
        String checkout = text(invoice.path("subscription_details").path("metadata").path("membership_checkout"))
                .or(() -> text(parent.path("metadata").path("membership_checkout"))).orElse(null);
        return checkouts.settleStripe(checkout, subscription, text(invoice.path("customer")).orElse(null));
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static DomainException invalidSignature() {
        return new DomainException(DomainException.Kind.INVALID, "invalid_signature",
                "The webhook's Stripe-Signature does not match its body, or is too old");
    }
}
