package dev.gazette.event;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The one hook every feature calls when something worth telling happened: one {@code event} row,
 * and a delivery row for every enabled endpoint that wants its type, in the caller's transaction
 * (there must be one). A change that rolls back leaves neither; a commit leaves both, so a crash
 * after it loses nothing: the webhook workers find the deliveries in the table.
 */
@ApplicationScoped
public class Events {

    // The event, and its deliveries to the publication's and the platform's endpoints that want the type.
    private static final String EMIT = """
            WITH e AS (
                INSERT INTO event (id, type, version, publication_id, data, occurred_at)
                VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6)
                RETURNING id, type, publication_id)
            INSERT INTO webhook_delivery (endpoint_id, event_id, next_attempt_at, created_at, started_at)
            SELECT w.id, e.id, ?6, ?6, ?6 FROM e JOIN webhook_endpoint w
              ON w.enabled AND (w.publication_id = e.publication_id OR w.publication_id IS NULL)
             AND e.type = ANY (w.event_types)""";

    // The same for each subscriber of a list, with the payload of EventData.Subscriber built from their row.
    private static final String EMIT_PER_SUBSCRIBER = """
            WITH e AS (
                INSERT INTO event (id, type, version, publication_id, data, occurred_at)
                SELECT 'msg_' || replace(CAST(gen_random_uuid() AS text), '-', ''), ?2, ?3, s.publication_id,
                       jsonb_build_object('subscriberId', s.id, 'email', s.email, 'name', s.name, 'status', s.status), ?5
                  FROM subscriber s WHERE s.publication_id = ?4 AND s.id = ANY (CAST(?1 AS bigint[])) ORDER BY s.id
                RETURNING id, type, publication_id)
            INSERT INTO webhook_delivery (endpoint_id, event_id, next_attempt_at, created_at, started_at)
            SELECT w.id, e.id, ?5, ?5, ?5 FROM e JOIN webhook_endpoint w
              ON w.enabled AND (w.publication_id = e.publication_id OR w.publication_id IS NULL)
             AND e.type = ANY (w.event_types)""";

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final Clock clock;
    private final Event<DeliveriesRecorded> recorded;

    Events(EntityManager entityManager, ObjectMapper json, Clock clock, Event<DeliveriesRecorded> recorded) {
        this.entityManager = entityManager;
        this.json = json;
        this.clock = clock;
        this.recorded = recorded;
    }

    /** Records that {@code type} happened in the publication, with its payload (a record of {@link EventData}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void emit(EventType type, long publicationId, Object data) {
        int deliveries = entityManager.createNativeQuery(EMIT).setParameter(1, newId()).setParameter(2, type.code())
                .setParameter(3, type.version()).setParameter(4, publicationId).setParameter(5, text(data))
                .setParameter(6, Timestamp.from(clock.instant())).executeUpdate();
        if (deliveries > 0) {
            recorded.fire(new DeliveriesRecorded());
        }
    }

    /**
     * Records a subscriber event ({@link EventData.Subscriber}: id, address, name, status as they are
     * now) once for each of the publication's subscribers in {@code subscriberIds}, in one statement:
     * what a bulk change (an import) emits where a single change calls {@link #emit}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void emitPerSubscriber(EventType type, long publicationId, long[] subscriberIds) {
        if (subscriberIds.length == 0) {
            return;
        }
        entityManager.flush(); // the subscribers' state as the statement reads it
        int deliveries = entityManager.createNativeQuery(EMIT_PER_SUBSCRIBER).setParameter(1, subscriberIds)
                .setParameter(2, type.code()).setParameter(3, type.version()).setParameter(4, publicationId)
                .setParameter(5, Timestamp.from(clock.instant())).executeUpdate();
        if (deliveries > 0) {
            recorded.fire(new DeliveriesRecorded());
        }
    }

    /** A webhook-id: no full stop (the signed content is {@code id.timestamp.body}), unique, not guessable. */
    static String newId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    String text(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an event payload that is not JSON: " + data.getClass(), e);
        }
    }

    Instant now() {
        return clock.instant();
    }
}
