package dev.gazette.issue;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The delivery engine's side of a send: the requests the scheduler wrote when issues became due,
 * and the issue's move to {@code sent} when every delivery is done. Rendering goes through
 * {@link IssueRenderer}.
 */
@ApplicationScoped
public class SendRequests {

    /**
     * A send that has started and waits for the delivery engine.
     *
     * @param audienceTags empty: every active subscriber; otherwise subscribers with any of these tags
     */
    public record PendingSend(long id, long issueId, long publicationId, List<String> audienceTags, Long requestedBy,
            Instant requestedAt, Instant scheduledAt, Instant firedAt) {
    }

    // Send requests no delivery engine has taken yet, oldest first.
    private static final String WAITING = """
            SELECT r.id, r.issue_id, i.publication_id, r.audience_tags, r.requested_by, r.requested_at,
                   r.scheduled_at, r.fired_at
            FROM issue_send_request r JOIN issue i ON i.id = r.issue_id
            WHERE r.picked_up_at IS NULL
            ORDER BY r.fired_at, r.id
            LIMIT ?1
            """;

    // Takes a send request over, once: only the first caller sees a row change.
    private static final String PICK_UP = "UPDATE issue_send_request SET picked_up_at = ?2 WHERE id = ?1 AND picked_up_at IS NULL";

    // A started send is done: the issue becomes sent (and stays public on the web).
    private static final String MARK_SENT = """
            UPDATE issue SET status = 'sent', sent_at = ?2, updated_at = ?2
            WHERE id = ?1 AND status IN ('sending', 'paused')
            """;

    private final EntityManager entityManager;
    private final Clock clock;

    SendRequests(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    public List<PendingSend> waiting(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(WAITING).setParameter(1, limit).getResultList();
        return rows.stream().map(r -> new PendingSend(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue(), Arrays.asList((String[]) r[3]), r[4] == null ? null : ((Number) r[4]).longValue(),
                instant(r[5]), instant(r[6]), instant(r[7]))).toList();
    }

    /** Marks the request as taken by the caller; false when someone else took it first. */
    @Transactional
    public boolean pickUp(long sendRequestId) {
        return entityManager.createNativeQuery(PICK_UP).setParameter(1, sendRequestId)
                .setParameter(2, Timestamp.from(clock.instant())).executeUpdate() == 1;
    }

    /** The send of this issue is complete; false when the issue was not sending. */
    @Transactional
    public boolean markSent(long issueId) {
        return entityManager.createNativeQuery(MARK_SENT).setParameter(1, issueId)
                .setParameter(2, Timestamp.from(clock.instant())).executeUpdate() == 1;
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return value instanceof Instant instant ? instant : null;
    }
}
