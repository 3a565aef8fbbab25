package dev.gazette.abtest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * What the delivery engine asks of an issue's subject test: at send start, to split the snapshot
 * into the sample and the held remainder (in the snapshot's own transaction, so the split and the
 * rows are one); per message, the subject and preheader of a row's variant.
 */
@ApplicationScoped
public class SubjectTests {

    private static final Logger LOG = Logger.getLogger(SubjectTests.class);

    /** A variant's words: its subject, and its preheader (null: the issue's own subtitle). */
    public record Variant(int number, String subject, String preheader) {
    }

    private final EntityManager entityManager;
    private final SubjectTestConfig config;

    SubjectTests(EntityManager entityManager, SubjectTestConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    // The issue's test, locked so that a send started twice (it cannot, but a retried transaction)
    // splits once: nothing happens for an issue without one, or one already started.
    private static final String PLAN = """
            SELECT t.sample_percent, t.wait_minutes, (SELECT count(*) FROM subject_variant v WHERE v.issue_id = t.issue_id)
              FROM subject_test t WHERE t.issue_id = ?1 AND t.send_id IS NULL FOR UPDATE""";

    // A random sample of the send's rows, numbered in random order: the first n * k get the variants
    // in turn (so each gets exactly n), every other row is held until the winner is known.
    private static final String SPLIT = """
            WITH ranked AS (
                SELECT d.id, row_number() OVER (ORDER BY random()) AS n FROM delivery d WHERE d.send_id = ?1)
            UPDATE delivery d
               SET variant = CASE WHEN r.n <= ?2 * ?3 THEN ((r.n - 1) % ?3) + 1 END,
                   in_sample = r.n <= ?2 * ?3,
                   status = CASE WHEN r.n <= ?2 * ?3 THEN 'queued' ELSE 'held' END
              FROM ranked r WHERE d.id = r.id""";

    /**
     * Splits a just-snapshotted send of this issue, when the issue carries a test: each variant gets
     * an equal share of a random sample, the rest is held. Runs in the caller's transaction; returns
     * how many rows are held.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int split(long issueId, long sendId, long total, Instant now) {
        List<?> rows = entityManager.createNativeQuery(PLAN).setParameter(1, issueId).getResultList();
        if (rows.isEmpty() || total == 0) {
            return 0;
        }
        Object[] plan = (Object[]) rows.get(0);
        int percent = ((Number) plan[0]).intValue();
        int waitMinutes = ((Number) plan[1]).intValue();
        int variants = ((Number) plan[2]).intValue();
        long perVariant = perVariant(total, percent, variants, config.minimumPerVariant());
        if (perVariant == 0) {
            return tooSmall(issueId, sendId, now);
        }
        entityManager.createNativeQuery(SPLIT).setParameter(1, sendId).setParameter(2, perVariant)
                .setParameter(3, variants).executeUpdate();
        // the test phase starts now; the decision job waits for decide_at
        entityManager.createNativeQuery("UPDATE subject_test SET send_id = ?2, per_variant = ?3, decide_at = ?4, "
                + "updated_at = ?5 WHERE issue_id = ?1").setParameter(1, issueId).setParameter(2, sendId)
                .setParameter(3, perVariant).setParameter(4, now.plus(Duration.ofMinutes(waitMinutes)))
                .setParameter(5, now).executeUpdate();
        long held = total - perVariant * variants;
        LOG.infof("Send %d of issue %d: %d variants of %d recipients each, %d held for the winner", sendId, issueId,
                variants, perVariant, held);
        return (int) held;
    }

    /**
     * An audience smaller than the number of variants cannot be split: everyone gets the first
     * variant, and the test is over at once, decided by the rule that breaks ties.
     */
    private int tooSmall(long issueId, long sendId, Instant now) {
        entityManager.createNativeQuery("UPDATE delivery SET variant = 1 WHERE send_id = ?1").setParameter(1, sendId)
                .executeUpdate();
        entityManager.createNativeQuery("UPDATE subject_test SET send_id = ?2, per_variant = 0, decide_at = ?3, winner = 1, "
                + "decided_by = 'metric', decided_at = ?3, updated_at = ?3 WHERE issue_id = ?1").setParameter(1, issueId)
                .setParameter(2, sendId).setParameter(3, now).executeUpdate();
        return 0;
    }

    /**
     * Each variant's share: the sample share of the audience split evenly (rounded down, so every
     * variant gets the same number), at least the minimum, at most what the audience allows.
     */
    static long perVariant(long total, int percent, int variants, int minimum) {
        long share = total * percent / 100 / variants;
        return Math.min(Math.max(share, minimum), total / variants);
    }

    /** The words of one variant of an issue's test; empty when there is no such variant. */
    @Transactional
    public Optional<Variant> variant(long issueId, int number) {
        List<?> rows = entityManager.createNativeQuery(
                "SELECT subject, preheader FROM subject_variant WHERE issue_id = ?1 AND variant = ?2")
                .setParameter(1, issueId).setParameter(2, number).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Variant(number, (String) row[0], (String) row[1]));
    }
}
