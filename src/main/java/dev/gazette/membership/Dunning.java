package dev.gazette.membership;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.arc.All;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What happens after a declined renewal. The member is past_due (still reading) and Gazette tries
 * the charge again on the schedule {@code gazette.membership.dunning}, counted from the first
 * decline; each try has its own idempotency key ({@code membership-<id>-<period start>-retry-<n>}),
 * unique in {@code membership_charge}, and the due memberships are claimed with {@code FOR UPDATE
 * SKIP LOCKED}, so every try is charged once however many instances run the job. Each declined try
 * mails the member (amount, next try, a signed link to fix the card); a try that pays renews the
 * membership from where its period ended; after the last declined try it ends.
 *
 * <p>
 * A provider that bills itself retries on its own: Gazette never charges it, but its webhooks call
 * {@link #declinedByProvider} and {@link #endedByProvider}, which mail the member the same way.
 */
@ApplicationScoped
class Dunning {

    private static final Logger LOG = Logger.getLogger(Dunning.class);

    // Past-due memberships whose next try is due, billed by the configured provider; locked, skipping those
    // another run holds.
    private static final String DUE = """
            SELECT id FROM membership
             WHERE state = 'past_due' AND next_retry_at <= ?1 AND provider = ?3
             ORDER BY next_retry_at, id
             LIMIT ?2
             FOR UPDATE SKIP LOCKED""";

    // One try's charge, once: a second insert with the same key inserts nothing.
    private static final String CHARGE = """
            INSERT INTO membership_charge (membership_id, idempotency_key, period_start, period_end, amount, currency,
                                           provider, provider_ref, status, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT (idempotency_key) DO NOTHING""";

    private final EntityManager entityManager;
    private final Memberships memberships;
    private final MemberMails mails;
    private final Map<String, BillingProvider> providers;
    private final MembershipConfig config;
    private final DunningSchedule schedule;
    private final Clock clock;
    private final String configured;

    Dunning(EntityManager entityManager, Memberships memberships, MemberMails mails,
            @All List<BillingProvider> providers,
            @ConfigProperty(name = "gazette.payments.provider", defaultValue = "none") String configured,
            MembershipConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.memberships = memberships;
        this.mails = mails;
        this.providers = providers.stream().filter(p -> p.name().equals(configured))
                .collect(java.util.stream.Collectors.toMap(BillingProvider::name, p -> p));
        this.configured = configured;
        this.config = config;
        this.schedule = DunningSchedule.parse(config.dunning());
        this.clock = clock;
    }

    @Scheduled(every = "${gazette.membership.renew-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Retrying declined renewals failed; the next run tries again");
        }
    }

    /** Tries every past-due membership whose try is due now, a batch per transaction; how many it tried. */
    int runOnce() {
        int total = 0;
        while (true) {
            int tried = QuarkusTransaction.requiringNew().call(this::batch);
            total += tried;
            if (tried < config.batchSize()) {
                return total;
            }
        }
    }

    /**
     * A renewal Gazette charged was declined (the caller recorded the charge): past_due, the first
     * try planned, the member mailed. With an empty schedule the membership ends at once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void declined(Membership m, BigDecimal amount, String why) {
        memberships.paymentFailed(m, why);
        Optional<Instant> next = schedule.next(m.pastDueSince, 0);
        if (next.isEmpty()) {
            giveUp(m, amount, Memberships.SYSTEM);
            return;
        }
        m.nextRetryAt = next.get();
        mails.paymentFailed(m, amount, m.nextRetryAt);
    }

    /**
     * A provider that bills itself reports a declined charge (first or a retry of its own): past_due,
     * the member mailed with the provider's next try ({@code nextTry} null: not known). Gazette plans
     * no try of its own.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void declinedByProvider(Membership m, BigDecimal amount, String why, Instant nextTry) {
        if (m.state == Membership.State.ended) {
            return;
        }
        if (m.state != Membership.State.past_due) {
            memberships.paymentFailed(m, why);
        } else {
            m.dunningAttempts++;
            memberships.retryFailed(m, "provider:" + m.provider, null, why);
        }
        m.nextRetryAt = null;
        mails.paymentFailed(m, amount, nextTry);
    }

    /** A provider that bills itself gave up on a membership's payment: it ends, with the final mail. */
    @Transactional(Transactional.TxType.MANDATORY)
    void endedByProvider(Membership m, BigDecimal amount, String why) {
        if (m.state == Membership.State.ended) {
            return;
        }
        memberships.end(m, "provider:" + m.provider, why == null ? "payment_failed_after_retries" : why);
        mails.endedUnpaid(m, amount);
    }

    private int batch() {
        @SuppressWarnings("unchecked")
        List<Number> ids = entityManager.createNativeQuery(DUE).setParameter(1, Timestamp.from(clock.instant()))
                .setParameter(2, config.batchSize()).setParameter(3, configured).getResultList();
        for (Number id : ids) {
            retry(entityManager.find(Membership.class, id.longValue()));
        }
        return ids.size();
    }

    private void retry(Membership m) {
        if (m.cancelAtPeriodEnd) {
            // the reader asked to stop: the unpaid period is not tried again
            memberships.end(m, Memberships.SYSTEM, "canceled_while_past_due");
            return;
        }
        BillingProvider provider = providers.get(m.provider);
        if (provider == null || provider.billsItself()) {
            m.nextRetryAt = null;
            return;
        }
        Plan plan = Plan.findById(m.planId);
        int attempt = m.dunningAttempts + 1;
        Instant periodStart = m.currentPeriodEnd;
        Instant periodEnd = Memberships.periodEnd(periodStart, plan.interval);
        BigDecimal amount = Memberships.priceFor(m, periodStart);
        String key = "membership-" + m.id + "-" + periodStart.getEpochSecond() + "-retry-" + attempt;
        BillingProvider.Charge charge = provider.charge(m, amount, m.currency, key);
        int recorded = entityManager.createNativeQuery(CHARGE).setParameter(1, m.id).setParameter(2, key)
                .setParameter(3, Timestamp.from(periodStart)).setParameter(4, Timestamp.from(periodEnd))
                .setParameter(5, amount).setParameter(6, m.currency).setParameter(7, provider.name())
                .setParameter(8, charge.providerRef()).setParameter(9, charge.paid() ? "paid" : "failed")
                .setParameter(10, Timestamp.from(clock.instant())).executeUpdate();
        if (recorded == 0) {
            // this try was made already: the row lock makes it unreachable, the unique key harmless
            return;
        }
        m.dunningAttempts = attempt;
        if (charge.paid()) {
            memberships.renewed(m, plan.interval);
            return;
        }
        Optional<Instant> next = schedule.next(m.pastDueSince, attempt);
        if (next.isEmpty()) {
            giveUp(m, amount, Memberships.SYSTEM);
            return;
        }
        memberships.retryFailed(m, Memberships.SYSTEM, next.get(), charge.failure());
        mails.paymentFailed(m, amount, next.get());
    }

    private void giveUp(Membership m, BigDecimal amount, String actor) {
        memberships.end(m, actor, "payment_failed_after_retries");
        mails.endedUnpaid(m, amount);
    }
}
