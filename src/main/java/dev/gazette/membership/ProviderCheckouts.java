package dev.gazette.membership;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import dev.gazette.core.DomainException;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * Checkouts that a real provider settles: Toss's card registration comes back to Gazette, which
 * issues the billing key and charges the first period; Stripe's Checkout Session is settled by
 * its webhooks. Either way the membership starts through {@link Memberships}, and a checkout is
 * settled once however often its answer arrives.
 */
@ApplicationScoped
class ProviderCheckouts {

    private static final Logger LOG = Logger.getLogger(ProviderCheckouts.class);

    /** The ledger's actor for what a provider reports. */
    static String provider(String name) {
        return "provider:" + name;
    }

    // A charged period, once per idempotency key: the receipt.
    static final String CHARGE = """
            INSERT INTO membership_charge (membership_id, idempotency_key, period_start, period_end, amount, currency,
                                           provider, provider_ref, status, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'paid', ?9)
            ON CONFLICT (idempotency_key) DO NOTHING""";

    private final Checkouts checkouts;
    private final Memberships memberships;
    private final TossBilling toss;
    private final BillingProviders providers;
    private final Publications publications;
    private final EntityManager entityManager;
    private final Clock clock;

    ProviderCheckouts(Checkouts checkouts, Memberships memberships, TossBilling toss, BillingProviders providers,
            Publications publications, EntityManager entityManager, Clock clock) {
        this.checkouts = checkouts;
        this.memberships = memberships;
        this.toss = toss;
        this.providers = providers;
        this.publications = publications;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** A provider's checkout page: the checkout, its plan and publication, and where the reader goes back to. */
    record View(Checkout checkout, Plan plan, PublicationRef publication, String back) {
    }

    /** The checkout as it stands, for the page the provider sends the reader back to; 404 {@code checkout_not_found}. */
    @Transactional
    View view(String publicId, String provider) {
        Checkout checkout = Checkout.<Checkout>find("publicId = ?1 and provider = ?2", publicId, provider)
                .firstResultOptional().orElseThrow(Checkouts::checkoutNotFound);
        return view(checkout);
    }

    /**
     * Toss sent the reader back with the {@code authKey} of the card they registered: the billing
     * key is issued (once: it is kept, sealed, on the checkout in its own transaction) and the first
     * period charged under the checkout's key, unless the plan starts with a trial. A timeout
     * leaves the checkout pending with its billing key, and the same link tries again without
     * charging twice. 404 {@code checkout_not_found} for a customer key that is not the checkout's.
     */
    View tossReturned(String publicId, String authKey, String customerKey) {
        providers.require(TossBilling.NAME);
        if (!TossBilling.customerKey(publicId).equals(customerKey) || authKey == null || authKey.isBlank()) {
            throw Checkouts.checkoutNotFound();
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Checkout checkout = lockedToss(publicId);
            if (checkout.status == Checkout.Status.pending && checkout.providerRef == null) {
                checkout.providerRef = toss.issue(authKey, customerKey).sealedBillingKey();
            }
        });
        return QuarkusTransaction.requiringNew().call(() -> {
            Checkout checkout = lockedToss(publicId);
            if (checkout.status != Checkout.Status.pending) {
                return view(checkout);
            }
            Plan plan = Plan.findById(checkout.planId);
            String key = "checkout-" + publicId;
            BillingProvider.Charge charge = plan.trialDays > 0
                    ? null
                    : toss.charge(checkout.providerRef, customerKey, plan.price, plan.currency, key,
                            publications.findById(checkout.publicationId).map(PublicationRef::name).orElse("Gazette")
                                    + " · " + plan.name);
            checkout.settledAt = clock.instant();
            String sealed = checkout.providerRef;
            // the checkout needs the billing key no more: the membership keeps it, or no one does
            checkout.providerRef = null;
            if (charge != null && !charge.paid()) {
                LOG.infof("Toss declined the first charge of checkout %s: %s", publicId, charge.failure());
                checkout.status = Checkout.Status.failed;
                return view(checkout);
            }
            checkout.status = Checkout.Status.paid;
            Membership m = memberships.startPaid(checkout.publicationId, checkout.subscriberId, plan, TossBilling.NAME,
                    sealed, Memberships.READER);
            m.providerCustomer = customerKey;
            if (charge != null) {
                recordCharge(m, key, m.currentPeriodStart, m.currentPeriodEnd, m.price, m.currency, charge.providerRef());
            }
            return view(checkout);
        });
    }

    /**
     * Stripe says a checkout was paid (or its subscription started): the membership starts, once,
     * with the subscription as its reference. Null for a checkout Gazette does not know or one
     * whose subscriber became a member otherwise meanwhile (logged: the operator cancels that
     * second subscription in Stripe).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Membership settleStripe(String publicId, String subscriptionId, String customerId) {
        Membership existing = bySubscription(subscriptionId);
        Checkout checkout = publicId == null
                ? null
                : Checkout.<Checkout>find("publicId = ?1 and provider = ?2", publicId, StripeBilling.NAME)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (checkout == null || checkout.status != Checkout.Status.pending || existing != null || subscriptionId == null) {
            return existing;
        }
        checkout.settledAt = clock.instant();
        try {
            Membership m = memberships.startPaid(checkout.publicationId, checkout.subscriberId,
                    Plan.findById(checkout.planId), StripeBilling.NAME, subscriptionId, provider(StripeBilling.NAME));
            m.providerCustomer = customerId;
            checkout.status = Checkout.Status.paid;
            return m;
        } catch (DomainException e) {
            if (!"already_member".equals(e.code())) {
                throw e;
            }
            LOG.warnf("Stripe subscription %s was paid for a reader who is already a member: cancel it in Stripe",
                    subscriptionId);
            checkout.status = Checkout.Status.cancelled;
            return null;
        }
    }

    /** Stripe's checkout ended unpaid (expired): it is closed, and a new one can start. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean expireStripe(String publicId) {
        Checkout checkout = Checkout.<Checkout>find("publicId = ?1 and provider = ?2", publicId, StripeBilling.NAME)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (checkout == null || checkout.status != Checkout.Status.pending) {
            return false;
        }
        checkout.status = Checkout.Status.cancelled;
        checkout.settledAt = clock.instant();
        return true;
    }

    static Membership bySubscription(String subscriptionId) {
        return subscriptionId == null
                ? null
                : Membership.<Membership>find("provider = ?1 and providerRef = ?2", StripeBilling.NAME, subscriptionId)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Records a paid period; false when its key was recorded already. */
    boolean recordCharge(Membership m, String key, Instant start, Instant end, java.math.BigDecimal amount,
            String currency, String providerRef) {
        return entityManager.createNativeQuery(CHARGE).setParameter(1, m.id).setParameter(2, key)
                .setParameter(3, Timestamp.from(start)).setParameter(4, Timestamp.from(end)).setParameter(5, amount)
                .setParameter(6, currency).setParameter(7, m.provider).setParameter(8, providerRef)
                .setParameter(9, Timestamp.from(clock.instant())).executeUpdate() == 1;
    }

    private Checkout lockedToss(String publicId) {
        return Checkout.<Checkout>find("publicId = ?1 and provider = ?2", publicId, TossBilling.NAME)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional().orElseThrow(Checkouts::checkoutNotFound);
    }

    private View view(Checkout checkout) {
        PublicationRef publication = publications.findById(checkout.publicationId)
                .orElseThrow(Checkouts::checkoutNotFound);
        return new View(checkout, Plan.findById(checkout.planId), publication, checkouts.back(publication, checkout));
    }
}
