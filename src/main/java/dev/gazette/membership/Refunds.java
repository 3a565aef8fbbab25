package dev.gazette.membership;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.core.DomainException;
import dev.gazette.core.SqlTimes;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * A writer gives back all or part of a member's charge, through the provider that took it (the
 * sandbox moves no money). The charge's row is locked while it is refunded, so two refunds of one
 * charge take turns and never give back more than was paid; each refund has an idempotency key
 * (the studio form's, or the API caller's), so a double click or a retried request refunds once,
 * and the provider receives that key too. A refund is a row, the charge's refunded total, a ledger
 * line and an audit line, in one transaction; the membership's state is not touched.
 */
@ApplicationScoped
class Refunds {

    /** A refund: {@code chargeId} required; {@code amount} left out gives back what is left of the charge. */
    record RefundRequest(Long chargeId, BigDecimal amount, String reason, String idempotencyKey) {
    }

    /** One refund, with its charge's refunded total and what is left of it. */
    record RefundView(long id, long chargeId, BigDecimal amount, String currency, String provider, String providerRef,
            String actor, String reason, Instant at, BigDecimal chargeRefunded, BigDecimal chargeRemaining) {
    }

    /** The refund, and whether this request made it (false: its key had made it already). */
    record Outcome(RefundView refund, boolean created) {
    }

    // The member's charge, locked: refunds of one charge take turns.
    private static final String CHARGE = """
            SELECT c.id, c.amount, c.currency, c.refunded, c.status, c.provider, c.provider_ref
              FROM membership_charge c WHERE c.id = ?1 AND c.membership_id = ?2 FOR UPDATE""";

    private static final String INSERT = """
            INSERT INTO membership_refund (charge_id, membership_id, idempotency_key, amount, currency, provider, provider_ref,
                                           actor, reason, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)""";

    private static final String ADD_REFUNDED = "UPDATE membership_charge SET refunded = refunded + ?2 WHERE id = ?1";

    // A member's refunds, newest first, with their charge's totals.
    private static final String LIST = """
            SELECT r.id, r.charge_id, r.amount, r.currency, r.provider, r.provider_ref, r.actor, r.reason, r.created_at,
                   c.refunded, c.amount - c.refunded
              FROM membership_refund r JOIN membership_charge c ON c.id = r.charge_id
             WHERE r.membership_id = ?1 AND (?2 = '' OR r.idempotency_key = ?2)
             ORDER BY r.id DESC""";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Publications publications;
    private final Memberships memberships;
    private final BillingProviders providers;
    private final Audit audit;
    private final EntityManager entityManager;
    private final Clock clock;

    Refunds(Publications publications, Memberships memberships, BillingProviders providers, Audit audit,
            EntityManager entityManager, Clock clock) {
        this.publications = publications;
        this.memberships = memberships;
        this.providers = providers;
        this.audit = audit;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** A fresh key for a form, so that its double submission refunds once. */
    static String newKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Refunds a member's charge. 404 {@code member_not_found} (another writer's publication: 404 as
     * well), 404 {@code charge_not_found}, 400 {@code validation_failed} ({@code chargeId}: {@code
     * required}; {@code amount}: {@code invalid_amount}; {@code idempotencyKey}: {@code
     * invalid_key}), 409 {@code charge_not_paid}, 409 {@code charge_fully_refunded}, 422 {@code
     * refund_exceeds_charge}, 409 {@code refund_refused} or 503 {@code payment_provider_unavailable}
     * from the provider; in each case nothing changed.
     */
    @Transactional
    Outcome refund(Caller caller, String slug, long subscriberId, RefundRequest request) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        Membership m = memberships.locked(publication.id(), subscriberId);
        if (m == null) {
            throw MemberService.memberNotFound();
        }
        if (request == null || request.chargeId() == null) {
            throw DomainException.invalidField("chargeId", "required", "name the charge to refund");
        }
        String given = request.idempotencyKey() == null ? "" : request.idempotencyKey().strip();
        if (given.length() > 64 || !given.matches("[A-Za-z0-9_-]*")) {
            throw DomainException.invalidField("idempotencyKey", "invalid_key",
                    "at most 64 letters, digits, dashes or underscores");
        }
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        if (reason != null && reason.length() > 500) {
            throw DomainException.invalidField("reason", "reason_too_long", "at most 500 characters");
        }
        String key = "refund-" + m.id + "-" + (given.isEmpty() ? newKey() : given);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(CHARGE).setParameter(1, request.chargeId())
                .setParameter(2, m.id).getResultList();
        if (rows.isEmpty()) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "charge_not_found", "No such charge of this member");
        }
        // after the charge's lock: a double click's second request finds the first one's refund here
        List<RefundView> done = list(m.id, key);
        if (!done.isEmpty()) {
            return new Outcome(done.get(0), false);
        }
        Object[] charge = rows.get(0);
        BigDecimal paid = (BigDecimal) charge[1];
        String currency = ((String) charge[2]).strip();
        BigDecimal remaining = paid.subtract((BigDecimal) charge[3]);
        if (!"paid".equals(charge[4])) {
            throw new DomainException(DomainException.Kind.CONFLICT, "charge_not_paid", "This charge took no money");
        }
        if (remaining.signum() <= 0) {
            throw new DomainException(DomainException.Kind.CONFLICT, "charge_fully_refunded",
                    "This charge was refunded in full already");
        }
        BigDecimal amount = request.amount() == null ? remaining : request.amount();
        if (amount.signum() <= 0
                || amount.stripTrailingZeros().scale() > Math.max(0,
                        Currency.getInstance(currency).getDefaultFractionDigits())) {
            throw DomainException.invalidField("amount", "invalid_amount",
                    "an amount above zero with no more decimals than " + currency + " has");
        }
        if (amount.compareTo(remaining) > 0) {
            throw new DomainException(DomainException.Kind.UNPROCESSABLE, "refund_exceeds_charge",
                    "At most " + remaining.stripTrailingZeros().toPlainString() + " " + currency + " is left to refund");
        }
        String provider = (String) charge[5];
        BillingProvider billing = SandboxBilling.NAME.equals(provider)
                ? providers.serving(provider).orElse(new SandboxBilling())
                : providers.require(provider);
        String reference = billing.refund((String) charge[6], amount, currency, reason, key);
        String actor = Memberships.writer(caller.accountId());
        entityManager.createNativeQuery(INSERT).setParameter(1, request.chargeId()).setParameter(2, m.id)
                .setParameter(3, key).setParameter(4, amount).setParameter(5, currency).setParameter(6, provider)
                .setParameter(7, reference).setParameter(8, actor).setParameter(9, reason)
                .setParameter(10, Timestamp.from(clock.instant())).executeUpdate();
        entityManager.createNativeQuery(ADD_REFUNDED).setParameter(1, request.chargeId()).setParameter(2, amount)
                .executeUpdate();
        String what = amount.stripTrailingZeros().toPlainString() + " " + currency + " of charge " + request.chargeId()
                + (amount.compareTo(remaining) == 0 ? " (all that was left)" : "");
        memberships.refunded(m, actor, reason == null ? what : what + ": " + reason);
        audit.record(caller, AuditAction.member_refunded, publication.id(), publication.slug(), "membership " + m.id, what);
        return new Outcome(list(m.id, key).get(0), true);
    }

    /** A member's refunds, newest first; 404 {@code member_not_found}. */
    @Transactional
    List<RefundView> list(Caller caller, String slug, long subscriberId) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        Membership m = Membership.<Membership>find("publicationId = ?1 and subscriberId = ?2", publication.id(),
                subscriberId).firstResultOptional().orElseThrow(MemberService::memberNotFound);
        return list(m.id, "");
    }

    @SuppressWarnings("unchecked")
    private List<RefundView> list(long membershipId, String key) {
        List<Object[]> rows = entityManager.createNativeQuery(LIST).setParameter(1, membershipId).setParameter(2, key)
                .getResultList();
        return rows.stream().map(r -> new RefundView(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                (BigDecimal) r[2], ((String) r[3]).strip(), (String) r[4], (String) r[5], (String) r[6], (String) r[7],
                SqlTimes.instant(r[8]), (BigDecimal) r[9], (BigDecimal) r[10])).toList();
    }
}
