package dev.gazette.issue;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Fires scheduled issues once they are due: moves each to {@code sending} and writes its
 * {@code issue_send_request} row in one statement and one transaction. The schedule lives only in
 * the database, so it survives restarts; rows are claimed with {@code FOR UPDATE SKIP LOCKED} and
 * the send request is unique per issue, so however many instances (or threads) run this job at
 * once, each issue fires exactly once.
 */
@ApplicationScoped
class IssueScheduler {

    private static final Logger LOG = Logger.getLogger(IssueScheduler.class);

    // Due scheduled issues, claimed by whoever locks them first, moved to sending, and their send requested.
    private static final String FIRE = """
            WITH due AS (
                SELECT id FROM issue
                WHERE status = 'scheduled' AND scheduled_at <= ?1 AND (?3 = 0 OR id = ?3)
                  -- a suspended publication sends nothing, its issues wait until it is reinstated
                  AND EXISTS (SELECT 1 FROM publication p WHERE p.id = issue.publication_id AND p.status = 'active')
                ORDER BY scheduled_at, id
                LIMIT ?2
                FOR UPDATE SKIP LOCKED
            ), moved AS (
                UPDATE issue SET status = 'sending', updated_at = ?1
                FROM due WHERE issue.id = due.id
                RETURNING issue.id, issue.audience_tags, issue.segment_id, issue.web_only, issue.send_requested_by,
                          issue.send_requested_at, issue.scheduled_at
            )
            INSERT INTO issue_send_request (issue_id, audience_tags, segment_id, web_only, requested_by, requested_at,
                                            scheduled_at, fired_at)
            SELECT id, audience_tags, segment_id, web_only, send_requested_by, COALESCE(send_requested_at, ?1), scheduled_at, ?1
              FROM moved
            ON CONFLICT (issue_id) DO NOTHING
            RETURNING issue_id
            """;

    // Forgets readers whose view window has passed (see IssueArchive).
    private static final String PRUNE_VIEWS = "DELETE FROM issue_view WHERE last_seen_at < ?1";

    private final EntityManager entityManager;
    private final IssueConfig config;
    private final Clock clock;

    IssueScheduler(EntityManager entityManager, IssueConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "issue-schedule", every = "${gazette.issue.schedule-poll:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Instant now = clock.instant();
        List<Long> fired = fireDue(now);
        if (!fired.isEmpty()) {
            LOG.infof("Started the send of issues %s", fired);
        }
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(PRUNE_VIEWS)
                .setParameter(1, Timestamp.from(now.minus(config.viewWindow()))).executeUpdate());
    }

    /** Fires every issue due at {@code now}, in its own transaction; returns the ids fired. */
    List<Long> fireDue(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> fire(0, now));
    }

    /** Fires one issue (0: every due one) in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    List<Long> fire(long issueId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> ids = entityManager.createNativeQuery(FIRE)
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, config.scheduleBatch())
                .setParameter(3, issueId)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }
}
