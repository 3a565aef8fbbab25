package dev.gazette.sequence;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import dev.gazette.segment.Segments;
import dev.gazette.subscriber.Audience;

/**
 * Where sequences start and stop: one call from the feature where the trigger happens, in its own
 * transaction, so the enrollment commits with the change or not at all. Each starts the sequences
 * of the subscriber's publication that this trigger starts (active ones with at least one step),
 * once per subscriber and sequence ever; the first step is due after its delay (zero: the welcome
 * mail, within a second). Stopping is also checked when a step falls due, so a way of leaving that
 * calls nothing here (an import marking an address unsubscribed) still stops the sequence. A sequence
 * with a segment enrols only the subscribers who match it then: its filter is added to the statement
 * that enrols (one statement for the sequences without one, one more per sequence with one).
 */
@ApplicationScoped
public class SequenceTriggers {

    // Enrols the subscriber (if they may be mailed) in the active sequences that the condition picks,
    // at their first step still in place; a sequence they were ever enrolled in is left alone.
    private static final String ENROL = """
            INSERT INTO sequence_enrollment (sequence_id, subscriber_id, next_step_id, due_at, state, enrolled_at, updated_at)
            SELECT q.id, s.id, f.id, CAST(?2 AS timestamptz) + make_interval(mins => f.delay_minutes), 'active', ?2, ?2
              FROM subscriber s
              JOIN sequence q ON q.publication_id = s.publication_id AND q.active AND q.deleted_at IS NULL
             CROSS JOIN LATERAL (SELECT st.id, st.delay_minutes FROM sequence_step st
                                  WHERE st.sequence_id = q.id AND st.removed_at IS NULL
                                  ORDER BY st.position, st.id LIMIT 1) f
             WHERE\s""" + "%s AND " + Audience.MAY_BE_MAILED + " AND (%s) "
            + "ON CONFLICT (sequence_id, subscriber_id) DO NOTHING";

    private static final String CONFIRMED = "q.trigger_kind = 'confirmed' OR q.trigger_kind = 'topic' AND q.topic = ANY (s.tags)";

    // The publication's running sequences that have a segment.
    private static final String SEGMENTED = "SELECT q.id, q.segment_id FROM sequence q WHERE q.publication_id = %s "
            + "AND q.segment_id IS NOT NULL AND q.active AND q.deleted_at IS NULL ORDER BY q.id";

    private final EntityManager entityManager;
    private final Clock clock;
    private final Segments segments;

    SequenceTriggers(EntityManager entityManager, Clock clock, Segments segments) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.segments = segments;
    }

    /**
     * The subscriber became active: confirmed by email, or added one at a time by the writer. Starts
     * the publication's {@code confirmed} sequences, and the {@code topic} ones of the tags they have.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void confirmed(long subscriberId) {
        enrol(true, "s.id = ?1", CONFIRMED, subscriberId, null);
    }

    /**
     * {@link #confirmed} for subscribers of one publication at once (a batch of confirmations), and
     * which of them the publication greets itself: it has an active {@code confirmed} sequence whose
     * first step goes at once (and, if it has a segment, the subscriber was enrolled in it), whose
     * welcome then stands in for the platform's own.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<Long> confirmedAndGreeted(long publicationId, long[] subscriberIds) {
        enrol(false, "s.publication_id = ?1 AND s.id = ANY (CAST(?3 AS bigint[]))", CONFIRMED, publicationId,
                subscriberIds);
        // those a welcome of the publication's goes to at once
        @SuppressWarnings("unchecked")
        List<Number> greeted = entityManager.createNativeQuery("""
                SELECT s.id FROM subscriber s
                 WHERE s.publication_id = ?1 AND s.id = ANY (CAST(?2 AS bigint[])) AND EXISTS (
                    SELECT 1 FROM sequence q
                      JOIN LATERAL (SELECT st.delay_minutes FROM sequence_step st
                                     WHERE st.sequence_id = q.id AND st.removed_at IS NULL
                                     ORDER BY st.position, st.id LIMIT 1) first ON true
                     WHERE q.publication_id = s.publication_id AND q.trigger_kind = 'confirmed' AND q.active
                       AND q.deleted_at IS NULL AND first.delay_minutes = 0
                       AND (q.segment_id IS NULL OR EXISTS (SELECT 1 FROM sequence_enrollment e
                                                             WHERE e.sequence_id = q.id AND e.subscriber_id = s.id)))""")
                .setParameter(1, publicationId).setParameter(2, subscriberIds).getResultList();
        return greeted.stream().map(Number::longValue).collect(Collectors.toSet());
    }

    /**
     * The subscriber's tags changed from {@code before}: the {@code topic} sequences of tags they
     * joined start (if they are active), and those of topics they left stop.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tagsChanged(long subscriberId, String[] before) {
        enrol(true, "s.id = ?1",
                "q.trigger_kind = 'topic' AND q.topic = ANY (s.tags) AND NOT q.topic = ANY (CAST(?3 AS text[]))",
                subscriberId, before);
        // the topic sequences of a topic the subscriber no longer has
        entityManager
                .createNativeQuery(
                        """
                                UPDATE sequence_enrollment e SET state = 'stopped', stopped_reason = 'left_topic', due_at = NULL, updated_at = ?2
                                  FROM sequence q, subscriber s
                                 WHERE e.subscriber_id = ?1 AND e.state = 'active' AND q.id = e.sequence_id AND q.trigger_kind = 'topic'
                                   AND s.id = e.subscriber_id AND NOT q.topic = ANY (s.tags)""")
                .setParameter(1, subscriberId)
                .setParameter(2, clock.instant()).executeUpdate();
    }

    /**
     * The subscriber became a paid member. Paid memberships do not exist yet: the feature that brings
     * them calls this, in the transaction that starts the membership, to start the {@code paid} sequences.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void becamePaidMember(long subscriberId) {
        enrol(true, "s.id = ?1", "q.trigger_kind = 'paid'", subscriberId, null);
    }

    /**
     * A bulk import that asked for sequences: the subscribers it created active ({@code
     * subscriberIds}) start the {@code confirmed} sequences and the {@code topic} ones of their tags.
     * An import that does not ask starts none.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void imported(long publicationId, long[] subscriberIds) {
        if (subscriberIds.length > 0) {
            enrol(false, "s.publication_id = ?1 AND s.id = ANY (CAST(?3 AS bigint[]))", CONFIRMED, publicationId,
                    subscriberIds);
        }
    }

    /** The subscriber left the list (unsubscribed, bounced, complained): every sequence of theirs stops. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void left(long subscriberId, String reason) {
        entityManager.flush();
        // every sequence still running for the subscriber
        entityManager.createNativeQuery("UPDATE sequence_enrollment SET state = 'stopped', stopped_reason = ?2, "
                + "due_at = NULL, updated_at = ?3 WHERE subscriber_id = ?1 AND state = 'active'")
                .setParameter(1, subscriberId).setParameter(2, reason).setParameter(3, clock.instant()).executeUpdate();
    }

    /**
     * Enrols {@code who} ({@code ?1} is a subscriber's id when {@code bySubscriber}, else a publication's)
     * in the sequences {@code which} picks: those without a segment in one statement, then each with
     * a segment in one of its own, its filter evaluated now.
     */
    private void enrol(boolean bySubscriber, String who, String which, long id, Object third) {
        entityManager.flush(); // the subscriber's new state, as the statement reads it
        execute(String.format(ENROL, who, "(" + which + ") AND q.segment_id IS NULL"), id, third, null);
        String publication = bySubscriber ? "(SELECT x.publication_id FROM subscriber x WHERE x.id = ?1)" : "?1";
        @SuppressWarnings("unchecked")
        List<Object[]> segmented = entityManager.createNativeQuery(String.format(SEGMENTED, publication))
                .setParameter(1, id).getResultList();
        int next = third == null ? 3 : 4;
        for (Object[] row : segmented) {
            Segments.Target target = segments.target(((Number) row[1]).longValue(), next + 1);
            execute(String.format(ENROL, who, "(" + which + ") AND q.id = ?" + next + " AND " + target.sql()), id, third,
                    query -> target.bind(query.setParameter(next, ((Number) row[0]).longValue())));
        }
    }

    private void execute(String sql, long id, Object third, UnaryOperator<Query> more) {
        Query query = entityManager.createNativeQuery(sql).setParameter(1, id)
                .setParameter(2, clock.instant());
        if (third != null) {
            query.setParameter(3, third);
        }
        (more == null ? query : more.apply(query)).executeUpdate();
    }
}
