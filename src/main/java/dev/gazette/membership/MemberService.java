package dev.gazette.membership;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;
import dev.gazette.core.SqlTimes;
import dev.gazette.membership.MembershipRequests.GiveComp;
import dev.gazette.membership.MembershipViews.ChargeView;
import dev.gazette.membership.MembershipViews.LedgerLine;
import dev.gazette.membership.MembershipViews.MemberDetail;
import dev.gazette.membership.MembershipViews.MemberView;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.subscriber.Readers;

/** A publication's members as its writer sees them, and the comps the writer gives and takes back. */
@ApplicationScoped
class MemberService {

    // The publication's memberships with the subscriber and plan, running ones first, newest first.
    private static final String MEMBERS = """
            SELECT m.id, m.subscriber_id, s.email, s.name, m.kind, m.state, m.cancel_at_period_end, m.plan_id, p.name,
                   m.price, m.currency, m.provider, m.current_period_start, m.current_period_end, m.started_at, m.ended_at
              FROM membership m JOIN subscriber s ON s.id = m.subscriber_id LEFT JOIN plan p ON p.id = m.plan_id
             WHERE m.publication_id = ?1 AND (?2 = 0 OR m.subscriber_id = ?2)
             ORDER BY (m.state = 'ended'), m.started_at DESC, m.id DESC
             LIMIT 500""";

    // A membership's ledger, oldest first.
    private static final String LEDGER = """
            SELECT at, actor, action, from_state, to_state, plan_id, period_end, reason
              FROM membership_ledger WHERE membership_id = ?1 ORDER BY id""";

    // A membership's charges, newest first: the receipts.
    private static final String CHARGES = """
            SELECT id, created_at, period_start, period_end, amount, currency, status, refunded
              FROM membership_charge WHERE membership_id = ?1 ORDER BY id DESC""";

    private final Publications publications;
    private final Readers readers;
    private final Memberships memberships;
    private final EntityManager entityManager;
    private final Clock clock;

    MemberService(Publications publications, Readers readers, Memberships memberships, EntityManager entityManager,
            Clock clock) {
        this.publications = publications;
        this.readers = readers;
        this.memberships = memberships;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    List<MemberView> list(Caller caller, String slug) {
        return members(publications.requireManaged(caller, slug).id(), 0);
    }

    /** One subscriber's membership with its ledger and charges; 404 {@code member_not_found}. */
    @Transactional
    MemberDetail get(Caller caller, String slug, long subscriberId) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        MemberView member = members(publication.id(), subscriberId).stream().findFirst()
                .orElseThrow(MemberService::memberNotFound);
        return new MemberDetail(member, ledger(member.id()), charges(member.id()));
    }

    /**
     * Gives an active subscriber a membership for nothing, until {@code until} (null: until taken
     * back); 404 {@code subscriber_not_found} for anyone else, 409 {@code already_member} for one
     * who has a running membership, 400 for an end in the past.
     */
    @Transactional
    MemberView giveComp(Caller caller, String slug, long subscriberId, GiveComp request) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        Instant until = request == null || request.until() == null ? null : request.until().toInstant();
        if (until != null && !until.isAfter(clock.instant())) {
            throw DomainException.invalidField("until", "until_in_past", "must be in the future");
        }
        String reason = request == null || request.reason() == null || request.reason().isBlank()
                ? null
                : request.reason().strip();
        if (reason != null && reason.length() > 500) {
            throw DomainException.invalidField("reason", "reason_too_long", "at most 500 characters");
        }
        readers.active(publication.id(), subscriberId).orElseThrow(() -> new DomainException(
                DomainException.Kind.NOT_FOUND, "subscriber_not_found", "No such active subscriber"));
        memberships.startComp(publication.id(), subscriberId, until, Memberships.writer(caller.accountId()), reason);
        return members(publication.id(), subscriberId).get(0);
    }

    /** Ends a comp now; 404 {@code member_not_found}, 409 {@code not_a_comp} for a paid or ended membership. */
    @Transactional
    MemberView removeComp(Caller caller, String slug, long subscriberId) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        Membership m = memberships.locked(publication.id(), subscriberId);
        if (m == null) {
            throw memberNotFound();
        }
        if (m.kind != Membership.Kind.comp || m.state == Membership.State.ended) {
            throw new DomainException(DomainException.Kind.CONFLICT, "not_a_comp", "Only a running comp can be removed");
        }
        memberships.end(m, Memberships.writer(caller.accountId()), "comp_removed");
        return members(publication.id(), subscriberId).get(0);
    }

    @SuppressWarnings("unchecked")
    List<MemberView> members(long publicationId, long subscriberId) {
        List<Object[]> rows = entityManager.createNativeQuery(MEMBERS).setParameter(1, publicationId)
                .setParameter(2, subscriberId).getResultList();
        return rows.stream().map(r -> new MemberView(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], (Boolean) r[6],
                r[7] == null ? null : ((Number) r[7]).longValue(), (String) r[8], (BigDecimal) r[9],
                r[10] == null ? null : ((String) r[10]).strip(), (String) r[11], SqlTimes.instant(r[12]),
                SqlTimes.instant(r[13]), SqlTimes.instant(r[14]), SqlTimes.instant(r[15]))).toList();
    }

    @SuppressWarnings("unchecked")
    List<LedgerLine> ledger(long membershipId) {
        List<Object[]> rows = entityManager.createNativeQuery(LEDGER).setParameter(1, membershipId).getResultList();
        return rows.stream().map(r -> new LedgerLine(SqlTimes.instant(r[0]), (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], r[5] == null ? null : ((Number) r[5]).longValue(), SqlTimes.instant(r[6]), (String) r[7]))
                .toList();
    }

    @SuppressWarnings("unchecked")
    List<ChargeView> charges(long membershipId) {
        List<Object[]> rows = entityManager.createNativeQuery(CHARGES).setParameter(1, membershipId).getResultList();
        return rows.stream().map(r -> new ChargeView(((Number) r[0]).longValue(), SqlTimes.instant(r[1]),
                SqlTimes.instant(r[2]), SqlTimes.instant(r[3]), (BigDecimal) r[4], ((String) r[5]).strip(), (String) r[6],
                (BigDecimal) r[7]))
                .toList();
    }

    static DomainException memberNotFound() {
        return new DomainException(DomainException.Kind.NOT_FOUND, "member_not_found", "No such member");
    }
}
