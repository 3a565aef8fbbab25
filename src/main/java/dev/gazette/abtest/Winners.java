package dev.gazette.abtest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Ends a test: records its winner and, in the same transaction and one statement, releases every
 * held row of the send with the winner's variant, due at once. Recording only an undecided test
 * makes it happen once, whichever instance or the writer gets there first.
 */
@ApplicationScoped
class Winners {

    private static final Logger LOG = Logger.getLogger(Winners.class);

    private final EntityManager entityManager;
    private final Clock clock;

    Winners(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Records the winner of an undecided test and releases the held rows; false when it was decided already. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean decide(long issueId, long sendId, int winner, String decidedBy) {
        Instant now = clock.instant();
        int decided = entityManager.createNativeQuery("UPDATE subject_test SET winner = ?2, decided_by = ?3, "
                + "decided_at = ?4, updated_at = ?4 WHERE issue_id = ?1 AND winner IS NULL").setParameter(1, issueId)
                .setParameter(2, winner).setParameter(3, decidedBy).setParameter(4, now).executeUpdate();
        if (decided == 0) {
            return false;
        }
        // the remainder, all at once: queued with the winner's subject, claimed like any other row
        int released = entityManager.createNativeQuery("UPDATE delivery SET status = 'queued', variant = ?2, "
                + "next_attempt_at = ?3 WHERE send_id = ?1 AND status = 'held'").setParameter(1, sendId)
                .setParameter(2, winner).setParameter(3, now).executeUpdate();
        LOG.infof("Subject test of issue %d: variant %d wins (%s); %d held recipients get it", issueId, winner, decidedBy,
                released);
        return true;
    }

    /** A started test of the issue, locked until the transaction ends: its send, variants, metric and winner. */
    record Started(long sendId, int variants, String metric, Integer winner, String sendStatus) {
    }

    // The test and its send, locked so that the job and the writer's pick take turns.
    private static final String STARTED = """
            SELECT t.send_id, (SELECT count(*) FROM subject_variant v WHERE v.issue_id = t.issue_id), t.metric, t.winner,
                   s.status
              FROM subject_test t JOIN send s ON s.id = t.send_id
             WHERE t.issue_id = ?1 FOR UPDATE OF t""";

    @Transactional(Transactional.TxType.MANDATORY)
    Started started(long issueId) {
        List<?> rows = entityManager.createNativeQuery(STARTED).setParameter(1, issueId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) rows.get(0);
        return new Started(((Number) r[0]).longValue(), ((Number) r[1]).intValue(), (String) r[2],
                r[3] == null ? null : ((Number) r[3]).intValue(), (String) r[4]);
    }
}
