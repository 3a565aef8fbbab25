package dev.gazette.membership;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import dev.gazette.core.DomainException;

/**
 * Renews and ends memberships whose period is over. Every instance runs it: a batch of due
 * memberships is locked with {@code FOR UPDATE SKIP LOCKED}, so two instances (or two runs at the
 * same moment) never take the same one, and each period's charge carries an idempotency key
 * (membership and period end) that is unique in {@code membership_charge}: a period is charged
 * exactly once. In the same transaction the membership moves on: renewed (active, next period),
 * past_due (declined), or ended (a cancellation at the period's end, or a comp that ran out).
 */
@ApplicationScoped
class Renewals {

    private static final Logger LOG = Logger.getLogger(Renewals.class);

    // Running memberships whose period is over, oldest first, that this instance can end or charge (through
    // a provider that serves now); never one of a provider that renews and ends its own (Stripe: its webhooks
    // do); locked, skipping those another run holds.
    private static final String DUE = """
            SELECT id FROM membership
             WHERE state IN ('trialing', 'active') AND current_period_end <= ?1
               AND (kind = 'comp' OR cancel_at_period_end OR provider IN (?3))
               AND provider NOT IN (?4)
             ORDER BY current_period_end, id
             LIMIT ?2
             FOR UPDATE SKIP LOCKED""";

    // The period's charge, once: a second insert with the same key inserts nothing.
    private static final String CHARGE = """
            INSERT INTO membership_charge (membership_id, idempotency_key, period_start, period_end, amount, currency,
                                           provider, provider_ref, status, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT (idempotency_key) DO NOTHING""";

    private final EntityManager entityManager;
    private final Memberships memberships;
    private final BillingProviders providers;
    private final Dunning dunning;
    private final MembershipConfig config;
    private final Clock clock;

    Renewals(EntityManager entityManager, Memberships memberships, BillingProviders providers, Dunning dunning,
            MembershipConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.memberships = memberships;
        this.dunning = dunning;
        // a membership renews through the provider it was paid with while that one serves: sandbox memberships
        // left from before an operator switched the sandbox off are not renewed for nothing, they wait (due)
        this.providers = providers;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${gazette.membership.renew-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Renewing memberships failed; the next run tries again");
        }
    }

    /** Renews or ends every membership due now, a batch per transaction; how many it moved. */
    int runOnce() {
        int total = 0;
        while (true) {
            int moved = QuarkusTransaction.requiringNew().call(this::batch);
            total += moved;
            if (moved < config.batchSize()) {
                return total;
            }
        }
    }

    private int batch() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Number> ids = entityManager.createNativeQuery(DUE).setParameter(1, Timestamp.from(now))
                .setParameter(2, config.batchSize()).setParameter(3, providers.charged())
                .setParameter(4, providers.selfBilling()).getResultList();
        int moved = 0;
        for (Number id : ids) {
            moved += move(entityManager.find(Membership.class, id.longValue())) ? 1 : 0;
        }
        // one the provider could not answer stays due: a batch that moved fewer than it claimed ends this run
        return moved;
    }

    private boolean move(Membership m) {
        if (m.kind == Membership.Kind.comp) {
            memberships.end(m, Memberships.SYSTEM, "comp_expired");
            return true;
        }
        if (m.cancelAtPeriodEnd) {
            memberships.end(m, Memberships.SYSTEM, "canceled_at_period_end");
            return true;
        }
        Plan plan = Plan.findById(m.planId);
        BillingProvider provider = providers.serving(m.provider).orElse(null);
        if (provider == null) {
            // a membership of a provider this instance does not run stays due for one that does
            LOG.warnf("Membership %d is billed by %s, which does not serve here", m.id, m.provider);
            return false;
        }
        Instant periodStart = m.currentPeriodEnd;
        Instant periodEnd = Memberships.periodEnd(periodStart, plan.interval);
        String key = "membership-" + m.id + "-" + periodStart.getEpochSecond();
        // an announced price change applies from the first period starting on or after its date
        BigDecimal amount = Memberships.priceFor(m, periodStart);
        BillingProvider.Charge charge;
        try {
            charge = provider.charge(m, amount, m.currency, key);
        } catch (DomainException e) {
            // the provider did not answer (a timeout after every try): it may have charged, so nothing is
            // recorded and the membership stays due; the next run asks again with the same key, and the
            // provider answers that charge instead of making a second one
            LOG.warnf("Membership %d was not renewed this run: %s", m.id, e.getMessage());
            return false;
        }
        int recorded = entityManager.createNativeQuery(CHARGE).setParameter(1, m.id).setParameter(2, key)
                .setParameter(3, Timestamp.from(periodStart)).setParameter(4, Timestamp.from(periodEnd))
                .setParameter(5, amount).setParameter(6, m.currency).setParameter(7, provider.name())
                .setParameter(8, charge.providerRef()).setParameter(9, charge.paid() ? "paid" : "failed")
                .setParameter(10, Timestamp.from(clock.instant())).executeUpdate();
        if (recorded == 0) {
            // this period was charged already: the row lock makes it unreachable, the unique key makes it
            // harmless, and the provider saw the same key, so it charged once too
            return true;
        }
        if (charge.paid()) {
            memberships.renewed(m, plan.interval);
        } else {
            dunning.declined(m, amount, charge.failure());
        }
        return true;
    }
}
