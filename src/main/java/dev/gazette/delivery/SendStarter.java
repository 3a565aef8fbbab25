package dev.gazette.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import dev.gazette.abtest.SubjectTests;
import dev.gazette.issue.IssueStates;
import dev.gazette.segment.Segments;
import dev.gazette.subscriber.Audience;

/**
 * Starts the sends the issue scheduler fired: for each waiting send request, creates the send and
 * snapshots its audience into one delivery row per recipient, in one set-based statement and the
 * same transaction that marks the request picked up. Subscribers who join later are not added. A
 * web-only request snapshots no one (the send is over at once, and the issue on the web); a send
 * whose audience turns out empty (a scheduled send whose subscribers left before it was due) is
 * paused, in the same transaction, saying so: the writer then resumes it to publish it on the web
 * only, or cancels it.
 */
@ApplicationScoped
class SendStarter {

    private static final Logger LOG = Logger.getLogger(SendStarter.class);

    /** Why a send that would mail no one waits for its writer. */
    static final String NO_RECIPIENT = "no subscriber would receive it";

    private final EntityManager entityManager;
    private final IssueStates issues;
    private final Clock clock;
    private final Segments segments;
    private final SubjectTests subjectTests;

    SendStarter(EntityManager entityManager, IssueStates issues, Clock clock, Segments segments,
            SubjectTests subjectTests) {
        this.segments = segments;
        this.entityManager = entityManager;
        this.issues = issues;
        this.clock = clock;
        this.subjectTests = subjectTests;
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
                    SELECT r.id, r.issue_id, i.publication_id, array_to_string(r.audience_tags, chr(31)), r.web_only,
                           r.segment_id
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
            boolean webOnly = (Boolean) row[4];
            Long segment = row[5] == null ? null : ((Number) row[5]).longValue();
            Instant now = clock.instant();
            // the send; no segment travels as 0, as a null parameter has no type PostgreSQL could infer
            long sendId = ((Number) entityManager.createNativeQuery("""
                    INSERT INTO send (issue_id, publication_id, status, audience_tags, segment_id, created_at,
                                      started_at, updated_at)
                    VALUES (?1, ?2, 'sending', ?3, NULLIF(?5, 0), ?4, ?4, ?4)
                    ON CONFLICT (issue_id) DO UPDATE SET updated_at = EXCLUDED.updated_at
                    RETURNING id""").setParameter(1, issueId).setParameter(2, publicationId)
                    .setParameter(3, tags).setParameter(4, now).setParameter(5, segment == null ? 0L : segment)
                    .getSingleResult()).longValue();
            long snapshotStart = System.nanoTime();
            int added = webOnly ? 0 : snapshot(sendId, publicationId, tags, segment, now);
            long total = ((Number) entityManager.createNativeQuery("UPDATE send SET total = (SELECT count(*) FROM delivery "
                    + "WHERE send_id = ?1) WHERE id = ?1 RETURNING total").setParameter(1, sendId).getSingleResult())
                    .longValue();
            entityManager.createNativeQuery("UPDATE issue_send_request SET picked_up_at = ?2 WHERE id = ?1")
                    .setParameter(1, requestId).setParameter(2, now).executeUpdate();
            if (!webOnly) {
                subjectTests.split(issueId, sendId, total, now);
            }
            if (total == 0 && !webOnly) {
                holdEmpty(sendId, issueId, now);
            }
            LOG.infof("Send %d of issue %d started for %d recipients (snapshot in %d ms)", sendId, issueId, added,
                    java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - snapshotStart));
            return true;
        });
    }

    /**
     * The snapshot: every subscriber of the publication who may be mailed (with any of the tags, if
     * given, and in the segment, if one is: its filter evaluated here, once), one row each; returns how many.
     */
    private int snapshot(long sendId, long publicationId, String[] tags, Long segment, Instant now) {
        Segments.Target target = segment == null ? null : segments.target(segment, 5);
        var query = entityManager.createNativeQuery(
                "INSERT INTO delivery (send_id, subscriber_id, next_attempt_at) SELECT ?1, s.id, ?4 FROM subscriber s "
                        + "WHERE s.publication_id = ?2 AND " + Audience.MAY_BE_MAILED
                        + " AND (cardinality(CAST(?3 AS text[])) = 0 OR s.tags && CAST(?3 AS text[])) "
                        + (target == null ? "" : "AND " + target.sql() + " ")
                        + "ORDER BY s.id ON CONFLICT (send_id, subscriber_id) DO NOTHING")
                .setParameter(1, sendId).setParameter(2, publicationId).setParameter(3, tags).setParameter(4, now);
        return (target == null ? query : target.bind(query)).executeUpdate();
    }

    /** Pauses a send that would mail no one, and its issue, before the finisher could call it sent. */
    private void holdEmpty(long sendId, long issueId, Instant now) {
        // the new send, paused with the reason the writer sees
        int held = entityManager.createNativeQuery("UPDATE send SET status = 'paused', pause_reason = ?2, updated_at = ?3 "
                + "WHERE id = ?1 AND status = 'sending'").setParameter(1, sendId).setParameter(2, NO_RECIPIENT)
                .setParameter(3, now).executeUpdate();
        if (held > 0) {
            issues.paused(issueId);
            LOG.warnf("Send %d of issue %d is paused: %s", sendId, issueId, NO_RECIPIENT);
        }
    }
}
