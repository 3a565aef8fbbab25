package dev.gazette.membership;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

/**
 * Mails members ahead of what they will be charged: before a yearly renewal ({@code
 * gazette.membership.renewal-notice-days}, 7 at least), and once a writer changed their plan's price
 * (the new price then applies from their first period starting {@code price-notice-days} after the
 * notice). Each notice is a row of {@code membership_notice}, unique per membership, kind and
 * renewal or change, inserted with the mail in one transaction: a member hears of each once, however
 * many instances run the job (they also skip each other's locked memberships).
 */
@ApplicationScoped
class Notices {

    private static final Logger LOG = Logger.getLogger(Notices.class);

    /** Korean rules on automatic renewal ask for notice ahead; Gazette never gives less than this. */
    static final int MIN_RENEWAL_NOTICE_DAYS = 7;

    // Running yearly memberships that renew within the notice's lead and were not told of this renewal yet.
    private static final String RENEWING = """
            SELECT m.id FROM membership m JOIN plan p ON p.id = m.plan_id
             WHERE m.kind = 'paid' AND m.state IN ('trialing', 'active') AND NOT m.cancel_at_period_end
               AND p.billing_interval = 'year' AND m.current_period_end > ?1 AND m.current_period_end <= ?2
               AND NOT EXISTS (SELECT 1 FROM membership_notice n WHERE n.membership_id = m.id AND n.kind = 'renewal'
                                  AND n.reference = CAST(extract(epoch FROM m.current_period_end) AS BIGINT))
             ORDER BY m.current_period_end, m.id
             LIMIT ?3
             FOR UPDATE OF m SKIP LOCKED""";

    // Running members of a plan whose latest price change they were not told of, and whose price it changes.
    private static final String REPRICED = """
            SELECT m.id, c.id FROM membership m JOIN plan_price_change c ON c.plan_id = m.plan_id
             WHERE c.id = (SELECT max(id) FROM plan_price_change WHERE plan_id = m.plan_id)
               AND m.kind = 'paid' AND m.state <> 'ended' AND coalesce(m.next_price, m.price) <> c.new_price
               AND NOT EXISTS (SELECT 1 FROM membership_notice n WHERE n.membership_id = m.id
                                  AND n.kind = 'price_change' AND n.reference = c.id)
             ORDER BY c.id, m.id
             LIMIT ?1
             FOR UPDATE OF m SKIP LOCKED""";

    // The notice, once: a second insert for the same membership, kind and reference inserts nothing.
    private static final String NOTICE = """
            INSERT INTO membership_notice (membership_id, kind, reference, amount, currency, effective_at, sent_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT ON CONSTRAINT membership_notice_once DO NOTHING""";

    private final EntityManager entityManager;
    private final Memberships memberships;
    private final MemberMails mails;
    private final MembershipConfig config;
    private final Clock clock;

    Notices(EntityManager entityManager, Memberships memberships, MemberMails mails, MembershipConfig config,
            Clock clock) {
        this.entityManager = entityManager;
        this.memberships = memberships;
        this.mails = mails;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${gazette.membership.renew-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Sending membership notices failed; the next run tries again");
        }
    }

    /** Sends every notice due now, a batch per transaction; how many it sent. */
    int runOnce() {
        int total = 0;
        int sent;
        do {
            sent = QuarkusTransaction.requiringNew().call(this::renewals);
            total += sent;
        } while (sent >= config.batchSize());
        do {
            sent = QuarkusTransaction.requiringNew().call(this::priceChanges);
            total += sent;
        } while (sent >= config.batchSize());
        return total;
    }

    /** The lead of a yearly renewal's notice, in days. */
    int renewalNoticeDays() {
        return Math.max(MIN_RENEWAL_NOTICE_DAYS, config.renewalNoticeDays());
    }

    private int renewals() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Number> ids = entityManager.createNativeQuery(RENEWING).setParameter(1, Timestamp.from(now))
                .setParameter(2, Timestamp.from(now.plus(Duration.ofDays(renewalNoticeDays()))))
                .setParameter(3, config.batchSize()).getResultList();
        for (Number id : ids) {
            Membership m = entityManager.find(Membership.class, id.longValue());
            BigDecimal amount = Memberships.priceFor(m, m.currentPeriodEnd);
            if (record(m, "renewal", m.currentPeriodEnd.getEpochSecond(), amount, m.currentPeriodEnd)) {
                mails.renewalNotice(m, amount, m.currentPeriodEnd);
            }
        }
        return ids.size();
    }

    private int priceChanges() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(REPRICED).setParameter(1, config.batchSize())
                .getResultList();
        for (Object[] row : rows) {
            Membership m = entityManager.find(Membership.class, ((Number) row[0]).longValue());
            PlanPriceChange change = PlanPriceChange.findById(((Number) row[1]).longValue());
            Plan plan = Plan.findById(m.planId);
            // the first period that starts once the notice has had its days
            Instant earliest = now.plus(Duration.ofDays(change.noticeDays));
            Instant from = m.currentPeriodEnd;
            while (from.isBefore(earliest)) {
                from = Memberships.periodEnd(from, plan.interval);
            }
            BigDecimal old = m.nextPrice != null ? m.nextPrice : m.price;
            if (record(m, "price_change", change.id, change.newPrice, from)) {
                memberships.priceAnnounced(m, change.newPrice, from);
                mails.priceNotice(m, old, change.newPrice, from, change.id);
            }
        }
        return rows.size();
    }

    private boolean record(Membership m, String kind, long reference, BigDecimal amount, Instant effective) {
        return entityManager.createNativeQuery(NOTICE).setParameter(1, m.id).setParameter(2, kind)
                .setParameter(3, reference).setParameter(4, amount).setParameter(5, m.currency)
                .setParameter(6, Timestamp.from(effective)).setParameter(7, Timestamp.from(clock.instant()))
                .executeUpdate() == 1;
    }
}
