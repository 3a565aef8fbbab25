package dev.gazette.sequence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import dev.gazette.delivery.ContinuousSends;
import dev.gazette.subscriber.Audience;

/**
 * Moves subscribers on through their sequences. Each instance runs it; a batch of due enrollments
 * is locked with {@code FOR UPDATE SKIP LOCKED}, so two instances never take the same one, and in
 * the same transaction each due step becomes a delivery row of the step's send (unique per send and
 * subscriber, so not even a second pass could queue it twice) and the enrollment points at the next
 * step, due after that step's delay. A crash before the commit leaves the enrollment due; after it,
 * the delivery engine owns the message. A subscriber who may no longer be mailed, or left the topic
 * of a topic sequence, is stopped here whatever way they left.
 */
@ApplicationScoped
class SequenceJob {

    private static final Logger LOG = Logger.getLogger(SequenceJob.class);

    // The due enrollments of running sequences, oldest first, with whether the subscriber may still be
    // mailed and still has the topic; locked for this transaction, skipping those another instance holds.
    private static final String DUE = """
            SELECT e.id, e.subscriber_id, e.next_step_id,
                   (""" + Audience.MAY_BE_MAILED + """
            ) AS sendable,
                   (q.topic IS NULL OR q.topic = ANY (s.tags)) AS in_topic
              FROM sequence_enrollment e
              JOIN sequence q ON q.id = e.sequence_id
              JOIN subscriber s ON s.id = e.subscriber_id
             WHERE e.state = 'active' AND e.due_at <= ?1 AND q.active AND q.deleted_at IS NULL
             ORDER BY e.due_at, e.id
             LIMIT ?2
             FOR UPDATE OF e SKIP LOCKED""";

    // The step after this one, among those in place.
    private static final String NEXT = """
            SELECT n.id, n.delay_minutes FROM sequence_step c JOIN sequence_step n ON n.sequence_id = c.sequence_id
             WHERE c.id = ?1 AND n.removed_at IS NULL AND (n.position, n.id) > (c.position, c.id)
             ORDER BY n.position, n.id LIMIT 1""";

    private final EntityManager entityManager;
    private final ContinuousSends sends;
    private final SequenceConfig config;
    private final Clock clock;

    SequenceJob(EntityManager entityManager, ContinuousSends sends, SequenceConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.sends = sends;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${gazette.sequences.check:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void run() {
        try {
            while (advance() == config.batchSize()) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.error("Moving sequences on failed; the next run tries again", e);
        }
    }

    /** Moves one batch of due enrollments on, in one transaction; returns how many it took. */
    int advance() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<Object[]> due = entityManager.createNativeQuery(DUE).setParameter(1, now)
                    .setParameter(2, config.batchSize()).getResultList();
            for (Object[] row : due) {
                long enrollment = ((Number) row[0]).longValue();
                if (!(Boolean) row[3]) {
                    stop(enrollment, "left", now);
                } else if (!(Boolean) row[4]) {
                    stop(enrollment, "left_topic", now);
                } else {
                    step(enrollment, ((Number) row[1]).longValue(), ((Number) row[2]).longValue(), now);
                }
            }
            return due.size();
        });
    }

    /** Queues the due step (unless it was removed since) and points the enrollment at the next one. */
    private void step(long enrollment, long subscriberId, long stepId, Instant now) {
        SequenceStep step = SequenceStep.findById(stepId);
        if (step.removedAt == null) {
            sends.enqueue(step.sendId, subscriberId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> next = entityManager.createNativeQuery(NEXT).setParameter(1, stepId).getResultList();
        if (next.isEmpty()) {
            // the last step is queued: the sequence is done for this subscriber
            entityManager.createNativeQuery("UPDATE sequence_enrollment SET state = 'completed', next_step_id = NULL, "
                    + "due_at = NULL, updated_at = ?2 WHERE id = ?1").setParameter(1, enrollment).setParameter(2, now)
                    .executeUpdate();
            return;
        }
        long nextId = ((Number) next.get(0)[0]).longValue();
        int delay = ((Number) next.get(0)[1]).intValue();
        // the next step, due its delay after this one went to the delivery engine
        entityManager.createNativeQuery("UPDATE sequence_enrollment SET next_step_id = ?2, due_at = ?3, updated_at = ?4 "
                + "WHERE id = ?1").setParameter(1, enrollment).setParameter(2, nextId)
                .setParameter(3, now.plusSeconds(60L * delay)).setParameter(4, now).executeUpdate();
    }

    private void stop(long enrollment, String reason, Instant now) {
        // the subscriber left the list or the topic: nothing more is queued for them
        entityManager.createNativeQuery("UPDATE sequence_enrollment SET state = 'stopped', stopped_reason = ?2, "
                + "due_at = NULL, updated_at = ?3 WHERE id = ?1").setParameter(1, enrollment).setParameter(2, reason)
                .setParameter(3, now).executeUpdate();
    }
}
