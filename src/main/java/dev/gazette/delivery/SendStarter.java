package dev.gazette.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import dev.gazette.subscriber.Audience;

/**
 * Starts the sends the issue scheduler fired: for each waiting send request, creates the send and
 * snapshots its audience into one delivery row per recipient, in one set-based statement and the
 * same transaction that marks the request picked up. Subscribers who join later are not added.
 */
@ApplicationScoped
class SendStarter {

    private static final Logger LOG = Logger.getLogger(SendStarter.class);

    private final EntityManager entityManager;
    private final Clock clock;

    SendStarter(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Scheduled(every = "${gazette.delivery.start-check:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void startWaiting() {
        boolean started = false;
        while (startOne()) {
            // one request per transaction, so a huge audience does not hold the others back
            started = true;
        }
        if (started) {
            refreshStatistics();
        }
    }

    /**
     * A snapshot can add a million rows at once, which autovacuum notices only later: until then the
     * planner misjudges the claim (hundreds of milliseconds per batch in the benchmark). A sample of
     * the table costs a fraction of a second.
     */
    private void refreshStatistics() {
        try {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("ANALYZE delivery").executeUpdate());
        } catch (RuntimeException e) {
            LOG.warn("Refreshing the delivery table's statistics failed; sending goes on", e);
        }
    }

    /**
     * Starts the oldest waiting request, if any; several instances never take the same one. The
     * request of an issue cancelled after it fired is left alone: it never starts.
     */
    boolean startOne() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = entityManager.createNativeQuery("""
                    SELECT r.id, r.issue_id, i.publication_id, array_to_string(r.audience_tags, chr(31))
                      FROM issue_send_request r JOIN issue i ON i.id = r.issue_id
                     WHERE r.picked_up_at IS NULL AND r.fired_at <= ?1 AND i.status <> 'cancelled'
                     ORDER BY r.id LIMIT 1
                     FOR UPDATE OF r SKIP LOCKED""").setParameter(1, clock.instant()).getResultList();
            if (rows.isEmpty()) {
                return false;
            }
            Object[] row = (Object[]) rows.get(0);
            long requestId = ((Number) row[0]).longValue();
            long issueId = ((Number) row[1]).longValue();
            long publicationId = ((Number) row[2]).longValue();
            String joined = (String) row[3];
            String[] tags = joined == null || joined.isEmpty() ? new String[0] : joined.split("\u001f");
            Instant now = clock.instant();
            long sendId = ((Number) entityManager.createNativeQuery("""
                    INSERT INTO send (issue_id, publication_id, status, audience_tags, created_at, started_at, updated_at)
                    VALUES (?1, ?2, 'sending', ?3, ?4, ?4, ?4)
                    ON CONFLICT (issue_id) DO UPDATE SET updated_at = EXCLUDED.updated_at
                    RETURNING id""").setParameter(1, issueId).setParameter(2, publicationId)
                    .setParameter(3, tags).setParameter(4, now).getSingleResult()).longValue();
            long snapshotStart = System.nanoTime();
            // The snapshot: every subscriber of the publication who may be mailed (with any of the
            // tags, if given), one row each.
            int total = entityManager.createNativeQuery(
                    "INSERT INTO delivery (send_id, subscriber_id, next_attempt_at) SELECT ?1, s.id, ?4 FROM subscriber s "
                            + "WHERE s.publication_id = ?2 AND " + Audience.MAY_BE_MAILED
                            + " AND (cardinality(CAST(?3 AS text[])) = 0 OR s.tags && CAST(?3 AS text[])) "
                            + "ORDER BY s.id ON CONFLICT (send_id, subscriber_id) DO NOTHING")
                    .setParameter(1, sendId).setParameter(2, publicationId).setParameter(3, tags).setParameter(4, now)
                    .executeUpdate();
            entityManager.createNativeQuery("UPDATE send SET total = (SELECT count(*) FROM delivery WHERE send_id = ?1) "
                    + "WHERE id = ?1").setParameter(1, sendId).executeUpdate();
            entityManager.createNativeQuery("UPDATE issue_send_request SET picked_up_at = ?2 WHERE id = ?1")
                    .setParameter(1, requestId).setParameter(2, now).executeUpdate();
            LOG.infof("Send %d of issue %d started for %d recipients (snapshot in %d ms)", sendId, issueId, total,
                    java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - snapshotStart));
            return true;
        });
    }
}
