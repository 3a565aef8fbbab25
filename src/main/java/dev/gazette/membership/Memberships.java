package dev.gazette.membership;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.gazette.core.DomainException;
import dev.gazette.event.EventType;
import dev.gazette.event.Events;
import dev.gazette.sequence.SequenceTriggers;

/**
 * The one place a membership changes state, in the caller's transaction: each change is written to
 * the ledger (who, what, from, to, why) and tells webhooks ({@code member.started}, {@code
 * member.renewed}, {@code member.canceled}) in the same transaction.
 *
 * <pre>
 * (none)   -- checkout, no trial ----------> active
 * (none)   -- checkout, a trial -----------> trialing
 * (none)   -- comp given by the writer ----> active (kind comp)
 * trialing/active -- period over, charged --> active (next period)
 * trialing/active -- period over, declined -> past_due
 * past_due -- a dunning retry pays ----------> active (next period)
 * past_due -- the last retry is declined ----> ended
 * trialing/active -- cancel --> cancelAtPeriodEnd -- resume --> flag cleared
 * with cancelAtPeriodEnd, or a comp that ran out or was removed --> ended
 * ended -- checkout or comp --> starts again on the same row
 * </pre>
 */
@ApplicationScoped
class Memberships {

    /** Who made a change, as the ledger names them. */
    static final String READER = "reader";
    static final String SYSTEM = "system";

    static String writer(long accountId) {
        return "writer:" + accountId;
    }

    // One line of the ledger.
    private static final String LEDGER = """
            INSERT INTO membership_ledger (membership_id, at, actor, action, from_state, to_state, plan_id, period_end, reason)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)""";

    private final EntityManager entityManager;
    private final Events events;
    private final SequenceTriggers sequences;
    private final Clock clock;

    Memberships(EntityManager entityManager, Events events, SequenceTriggers sequences, Clock clock) {
        this.entityManager = entityManager;
        this.events = events;
        this.sequences = sequences;
        this.clock = clock;
    }

    // The subscriber's row, locked: changes to one subscriber's membership (a first one included) take turns.
    private static final String SUBSCRIBER = "SELECT id FROM subscriber WHERE id = ?1 FOR UPDATE";

    /** The subscriber's membership of the publication, locked for a change; null when they never had one. */
    @Transactional(Transactional.TxType.MANDATORY)
    Membership locked(long publicationId, long subscriberId) {
        // two checkouts settled at once for one subscriber: the second waits here, then finds the first's row
        entityManager.createNativeQuery(SUBSCRIBER).setParameter(1, subscriberId).getResultList();
        return Membership.<Membership>find("publicationId = ?1 and subscriberId = ?2", publicationId, subscriberId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * A paid membership begins after a paid checkout: trialing through the plan's trial, or active
     * for its first period (whose charge the caller records). A subscriber who had one that ended
     * starts again on the same row; one who still has one is refused (409 {@code already_member}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Membership startPaid(long publicationId, long subscriberId, Plan plan, String provider, String providerRef,
            String actor) {
        Instant now = clock.instant();
        Membership m = fresh(publicationId, subscriberId);
        Membership.State from = m.state;
        m.kind = Membership.Kind.paid;
        m.planId = plan.id;
        m.provider = provider;
        m.providerRef = providerRef;
        m.price = plan.price;
        m.currency = plan.currency;
        m.currentPeriodStart = now;
        m.state = plan.trialDays > 0 ? Membership.State.trialing : Membership.State.active;
        m.currentPeriodEnd = plan.trialDays > 0
                ? now.plus(java.time.Duration.ofDays(plan.trialDays))
                : periodEnd(now, plan.interval);
        started(m, from, actor, plan.trialDays > 0 ? "trial of " + plan.trialDays + " days" : null);
        return m;
    }

    /** A writer's gift: active until {@code until} (null: until removed), no money, no plan. */
    @Transactional(Transactional.TxType.MANDATORY)
    Membership startComp(long publicationId, long subscriberId, Instant until, String actor, String reason) {
        Instant now = clock.instant();
        Membership m = fresh(publicationId, subscriberId);
        Membership.State from = m.state;
        m.kind = Membership.Kind.comp;
        m.planId = null;
        m.provider = "comp";
        m.providerRef = null;
        m.price = null;
        m.currency = null;
        m.state = Membership.State.active;
        m.currentPeriodStart = now;
        m.currentPeriodEnd = until;
        started(m, from, actor, reason);
        return m;
    }

    /**
     * The period was charged: the next one begins where it ended, at the announced new price if it
     * applies from this period on; a dunning that was running is over.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void renewed(Membership m, Plan.Interval interval) {
        Membership.State from = m.state;
        if (m.nextPrice != null && !m.currentPeriodEnd.isBefore(m.nextPriceFrom)) {
            m.price = m.nextPrice;
            m.nextPrice = null;
            m.nextPriceFrom = null;
        }
        m.currentPeriodStart = m.currentPeriodEnd;
        m.currentPeriodEnd = periodEnd(m.currentPeriodStart, interval);
        m.state = Membership.State.active;
        m.pastDueSince = null;
        m.dunningAttempts = 0;
        m.nextRetryAt = null;
        m.updatedAt = clock.instant();
        ledger(m, SYSTEM, "renewed", from, from == Membership.State.past_due ? "paid on a dunning retry" : null);
        events.emit(EventType.MEMBER_RENEWED, m.publicationId, m.eventData());
    }

    /**
     * The period's charge was declined: past_due, still reading while the dunning runs (see {@link
     * Dunning}, which sets when the next try is due).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void paymentFailed(Membership m, String why) {
        Membership.State from = m.state;
        m.state = Membership.State.past_due;
        m.updatedAt = clock.instant();
        if (m.pastDueSince == null) {
            m.pastDueSince = m.updatedAt;
            m.dunningAttempts = 0;
        }
        ledger(m, SYSTEM, "payment_failed", from, why);
    }

    /** A dunning retry was declined too: still past_due, the next try at {@code next} (null: the provider's). */
    @Transactional(Transactional.TxType.MANDATORY)
    void retryFailed(Membership m, String actor, Instant next, String why) {
        m.nextRetryAt = next;
        m.updatedAt = clock.instant();
        ledger(m, actor, "retry_failed", m.state, "attempt " + m.dunningAttempts + (why == null ? "" : ": " + why));
    }

    /** The reader gave another card: a running dunning tries it now rather than at its next date. */
    @Transactional(Transactional.TxType.MANDATORY)
    void cardUpdated(Membership m, String providerRef) {
        m.providerRef = providerRef;
        m.updatedAt = clock.instant();
        if (m.state == Membership.State.past_due && m.nextRetryAt != null) {
            m.nextRetryAt = m.updatedAt;
        }
        ledger(m, READER, "card_updated", m.state, null);
    }

    /**
     * The reader switched to another plan of the publication: no proration, the period they paid
     * runs to its end on the old terms, and the new plan's price and interval apply from the next.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void planChanged(Membership m, Plan plan, String actor) {
        if (m.kind != Membership.Kind.paid || m.state == Membership.State.ended) {
            throw new DomainException(DomainException.Kind.CONFLICT, "membership_not_changeable",
                    "Only a running paid membership can change its plan");
        }
        Long old = m.planId;
        m.planId = plan.id;
        m.price = plan.price;
        m.currency = plan.currency;
        m.nextPrice = null;
        m.nextPriceFrom = null;
        m.updatedAt = clock.instant();
        ledger(m, actor, "plan_changed", m.state, "from plan " + old + " at the next period");
    }

    /** A plan's new price was announced to this member: charged from the first period starting at {@code from}. */
    @Transactional(Transactional.TxType.MANDATORY)
    void priceAnnounced(Membership m, java.math.BigDecimal price, Instant from) {
        m.nextPrice = price;
        m.nextPriceFrom = from;
        m.updatedAt = clock.instant();
        ledger(m, SYSTEM, "price_announced", m.state, price.toPlainString() + " " + m.currency + " from " + from);
    }

    /** Ends at the period's end; 409 {@code membership_not_cancelable} for a comp or one already ended or ending. */
    @Transactional(Transactional.TxType.MANDATORY)
    void cancelAtPeriodEnd(Membership m, String actor) {
        if (m.kind != Membership.Kind.paid || m.state == Membership.State.ended || m.cancelAtPeriodEnd) {
            throw new DomainException(DomainException.Kind.CONFLICT, "membership_not_cancelable",
                    "Only a running paid membership can be canceled, once");
        }
        m.cancelAtPeriodEnd = true;
        m.updatedAt = clock.instant();
        ledger(m, actor, "cancel_requested", m.state, "ends at the period's end");
    }

    /** Takes a cancellation back before the period ends; 409 {@code membership_not_canceled} otherwise. */
    @Transactional(Transactional.TxType.MANDATORY)
    void resume(Membership m, String actor) {
        if (m.state == Membership.State.ended || !m.cancelAtPeriodEnd) {
            throw new DomainException(DomainException.Kind.CONFLICT, "membership_not_canceled",
                    "Only a membership canceled at its period's end can be resumed");
        }
        m.cancelAtPeriodEnd = false;
        m.updatedAt = clock.instant();
        ledger(m, actor, "resumed", m.state, null);
    }

    /** Ends now: its period ran out after a cancellation, a comp ran out or was removed. */
    @Transactional(Transactional.TxType.MANDATORY)
    void end(Membership m, String actor, String why) {
        Membership.State from = m.state;
        m.state = Membership.State.ended;
        m.cancelAtPeriodEnd = false;
        m.nextRetryAt = null;
        m.nextPrice = null;
        m.nextPriceFrom = null;
        m.endedAt = clock.instant();
        m.updatedAt = m.endedAt;
        ledger(m, actor, "ended", from, why);
        events.emit(EventType.MEMBER_CANCELED, m.publicationId, m.eventData());
    }

    /**
     * A provider that bills itself reports a paid period: the membership runs until its end, active
     * (from past_due too). A renewal is a later period than the stored one (event {@code
     * member.renewed}); otherwise the provider restates the current period, whose start is seconds
     * from Gazette's estimate at checkout. The caller has made sure the period ends later than the
     * stored one: a membership never moves backwards.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void paidThrough(Membership m, Instant start, Instant end, String actor) {
        Membership.State from = m.state;
        boolean renewal = start.isAfter(m.currentPeriodStart.plus(java.time.Duration.ofHours(1)));
        m.currentPeriodStart = start;
        m.currentPeriodEnd = end;
        m.state = Membership.State.active;
        m.updatedAt = clock.instant();
        ledger(m, actor, renewal ? "renewed" : "period_synced", from, null);
        if (renewal) {
            events.emit(EventType.MEMBER_RENEWED, m.publicationId, m.eventData());
        }
    }

    /** The reader changed their price at the provider (its customer portal): the next periods cost this. */
    @Transactional(Transactional.TxType.MANDATORY)
    void repriced(Membership m, Long planId, java.math.BigDecimal price, String currency, String actor) {
        String was = m.price == null ? "-" : m.price.stripTrailingZeros().toPlainString() + " " + m.currency;
        m.planId = planId;
        m.price = price;
        m.currency = currency;
        m.updatedAt = clock.instant();
        ledger(m, actor, "price_changed", m.state, "was " + was);
    }

    /** Part or all of a charge was given back; the membership's state is the writer's separate choice. */
    @Transactional(Transactional.TxType.MANDATORY)
    void refunded(Membership m, String actor, String reason) {
        m.updatedAt = clock.instant();
        ledger(m, actor, "refunded", m.state, reason);
    }

    private Membership fresh(long publicationId, long subscriberId) {
        Membership m = locked(publicationId, subscriberId);
        if (m != null && m.state != Membership.State.ended) {
            throw new DomainException(DomainException.Kind.CONFLICT, "already_member",
                    "This subscriber already has a membership");
        }
        if (m == null) {
            m = new Membership();
            m.publicationId = publicationId;
            m.subscriberId = subscriberId;
        }
        m.cancelAtPeriodEnd = false;
        m.endedAt = null;
        m.pastDueSince = null;
        m.dunningAttempts = 0;
        m.nextRetryAt = null;
        m.startedAt = clock.instant();
        m.updatedAt = m.startedAt;
        return m;
    }

    private void started(Membership m, Membership.State from, String actor, String reason) {
        m.persistAndFlush();
        ledger(m, actor, m.kind == Membership.Kind.comp ? "comp_given" : "started", from, reason);
        events.emit(EventType.MEMBER_STARTED, m.publicationId, m.eventData());
        sequences.becamePaidMember(m.subscriberId);
    }

    private void ledger(Membership m, String actor, String action, Membership.State from, String reason) {
        entityManager.createNativeQuery(LEDGER).setParameter(1, m.id).setParameter(2, Timestamp.from(clock.instant()))
                .setParameter(3, actor).setParameter(4, action).setParameter(5, from == null ? null : from.name())
                .setParameter(6, m.state.name()).setParameter(7, m.planId)
                .setParameter(8, m.currentPeriodEnd == null ? null : Timestamp.from(m.currentPeriodEnd))
                .setParameter(9, reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) : reason)
                .executeUpdate();
    }

    /** What the period starting at {@code periodStart} costs: the announced new price once it applies. */
    static java.math.BigDecimal priceFor(Membership m, Instant periodStart) {
        return m.nextPrice != null && !periodStart.isBefore(m.nextPriceFrom) ? m.nextPrice : m.price;
    }

    /** One month or one year on, in UTC (the 31st of January renews on the last day of February). */
    static Instant periodEnd(Instant start, Plan.Interval interval) {
        var utc = start.atOffset(ZoneOffset.UTC);
        return (interval == Plan.Interval.year ? utc.plusYears(1) : utc.plusMonths(1)).toInstant();
    }
}
