package dev.gazette.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Sends that stay open: a sequence step's message gets one send when the step is made, and a
 * delivery row is added to it each time a subscriber reaches the step, in the caller's transaction.
 * The dispatcher claims those rows like any other (row locks, lease, rate limits, suppressions,
 * the same headers and tracking), the row's uniqueness per send and subscriber keeps a step from
 * going twice to anyone, and the finisher never marks such a send sent.
 */
@ApplicationScoped
public class ContinuousSends {

    private final EntityManager entityManager;
    private final Clock clock;

    ContinuousSends(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Opens the send of a step's message (an issue of this publication); returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long open(long issueId, long publicationId) {
        Instant now = clock.instant();
        // the step's send, sending from the start and never finished
        return ((Number) entityManager.createNativeQuery("""
                INSERT INTO send (issue_id, publication_id, status, continuous, created_at, started_at, updated_at)
                VALUES (?1, ?2, 'sending', true, ?3, ?3, ?3) RETURNING id""").setParameter(1, issueId)
                .setParameter(2, publicationId).setParameter(3, now).getSingleResult()).longValue();
    }

    /**
     * Queues the step's message for this subscriber, due now; false when it was queued for them
     * before (a step goes to a subscriber once, whatever happens to the sequence).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean enqueue(long sendId, long subscriberId) {
        Instant now = clock.instant();
        // one row per send and subscriber: a second try for the same pair adds nothing
        int added = entityManager.createNativeQuery("""
                INSERT INTO delivery (send_id, subscriber_id, next_attempt_at, queued_at) VALUES (?1, ?2, ?3, ?3)
                ON CONFLICT (send_id, subscriber_id) DO NOTHING""").setParameter(1, sendId)
                .setParameter(2, subscriberId).setParameter(3, now).executeUpdate();
        if (added > 0) {
            // the send's total follows its rows, as the snapshot's does
            entityManager.createNativeQuery("UPDATE send SET total = total + 1, updated_at = ?2 WHERE id = ?1")
                    .setParameter(1, sendId).setParameter(2, now).executeUpdate();
        }
        return added > 0;
    }

    /** Why the engine paused this step's send (a relay's policy refusal, a message it could not render); empty while it sends. */
    @Transactional
    public Optional<String> pauseReason(long sendId) {
        List<?> rows = entityManager.createNativeQuery(
                "SELECT COALESCE(pause_reason, '') FROM send WHERE id = ?1 AND continuous AND status = 'paused'")
                .setParameter(1, sendId).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((String) rows.get(0));
    }

    /**
     * Sends a paused step's rows again, once the writer fixed what stopped it; false when it was not
     * paused. Refused (409 {@code sending_guard}) while the sending guard holds the publication.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean resume(long sendId) {
        if (!entityManager.createNativeQuery("SELECT 1 FROM send s JOIN sending_guard g ON g.publication_id = s.publication_id "
                + "WHERE s.id = ?1 AND g.tripped_at IS NOT NULL").setParameter(1, sendId).getResultList().isEmpty()) {
            throw SendingGuards.holding();
        }
        return entityManager.createNativeQuery("UPDATE send SET status = 'sending', pause_reason = NULL, updated_at = ?2 "
                + "WHERE id = ?1 AND continuous AND status = 'paused'").setParameter(1, sendId)
                .setParameter(2, clock.instant()).executeUpdate() > 0;
    }
}
