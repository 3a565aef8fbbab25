package dev.gazette.abtest;

import java.time.Clock;
import java.util.List;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

/**
 * Decides the tests whose time is over, on every instance: each takes one due test at a time,
 * locked with {@code FOR UPDATE SKIP LOCKED}, so two instances never decide the same test, and an
 * instance killed mid-decision leaves it undecided (its transaction never committed) for the next
 * run. A paused send's test waits for the resume: its sample may not all have gone out.
 */
@ApplicationScoped
class SubjectTestJob {

    private static final Logger LOG = Logger.getLogger(SubjectTestJob.class);

    // The oldest due and undecided test of a send that is going (or already over, when the whole
    // audience was the sample), locked; skipped when another instance holds it.
    private static final String DUE = """
            SELECT t.issue_id, t.send_id, t.metric, (SELECT count(*) FROM subject_variant v WHERE v.issue_id = t.issue_id)
              FROM subject_test t JOIN send s ON s.id = t.send_id
             WHERE t.winner IS NULL AND t.decide_at <= ?1 AND s.status IN ('sending', 'sent')
             ORDER BY t.decide_at LIMIT 1
             FOR UPDATE OF t SKIP LOCKED""";

    private final EntityManager entityManager;
    private final VariantFigures figures;
    private final Winners winners;
    private final Clock clock;

    SubjectTestJob(EntityManager entityManager, VariantFigures figures, Winners winners, Clock clock) {
        this.entityManager = entityManager;
        this.figures = figures;
        this.winners = winners;
        this.clock = clock;
    }

    @Scheduled(every = "${gazette.abtest.check:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void decideDue() {
        try {
            while (decideOne()) {
                // one test per transaction: the release of a large remainder commits on its own
            }
        } catch (RuntimeException e) {
            LOG.warn("Deciding subject tests failed; the next run tries again", e);
        }
    }

    boolean decideOne() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = entityManager.createNativeQuery(DUE).setParameter(1, clock.instant()).getResultList();
            if (rows.isEmpty()) {
                return false;
            }
            Object[] r = (Object[]) rows.get(0);
            long issueId = ((Number) r[0]).longValue();
            long sendId = ((Number) r[1]).longValue();
            int winner = VariantFigures.winner(figures.of(sendId).sample(), ((Number) r[3]).intValue(), (String) r[2]);
            return winners.decide(issueId, sendId, winner, "metric");
        });
    }
}
