package dev.gazette.sender;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Checks the sender domains that are due again, a few at a time: each instance runs it, and the
 * rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so no domain is checked twice at once.
 */
@ApplicationScoped
class DomainRecheck {

    private static final Logger LOG = Logger.getLogger(DomainRecheck.class);
    private static final int BATCH = 10;

    private final EntityManager entityManager;
    private final DomainChecks checks;
    private final Clock clock;

    DomainRecheck(EntityManager entityManager, DomainChecks checks, Clock clock) {
        this.entityManager = entityManager;
        this.checks = checks;
        this.clock = clock;
    }

    @Scheduled(every = "${gazette.domains.recheck-poll:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "10s")
    void run() {
        try {
            while (checkDue() == BATCH) {
                // a full batch: there may be more
            }
        } catch (RuntimeException e) {
            LOG.warnf("Re-checking sender domains failed (%s); tried again at the next round", e.getMessage());
        }
    }

    /** Checks the due domains no other instance holds; returns how many. */
    @Transactional
    int checkDue() {
        // due domains, oldest first, skipping the ones another instance is checking
        @SuppressWarnings("unchecked")
        List<Number> ids = entityManager.createNativeQuery("""
                SELECT id FROM sender_domain WHERE state <> 'revoked' AND next_check_at <= ?1
                ORDER BY next_check_at LIMIT ?2 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, BATCH).getResultList();
        for (Number id : ids) {
            checks.check(SenderDomain.findById(id.longValue()));
        }
        return ids.size();
    }
}
