package dev.gazette.event;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import dev.gazette.core.DomainException;
import dev.gazette.core.SqlTimes;
import dev.gazette.event.WebhookViews.Attempt;
import dev.gazette.event.WebhookViews.Deliveries;
import dev.gazette.event.WebhookViews.Delivery;

/** An endpoint's delivery log (each delivery with its attempts), its manual replay and its test event. */
@ApplicationScoped
class WebhookLog {

    static final int PAGE = 50;

    private final EntityManager entityManager;
    private final Events events;
    private final Event<DeliveriesRecorded> recorded;

    WebhookLog(EntityManager entityManager, Events events, Event<DeliveriesRecorded> recorded) {
        this.entityManager = entityManager;
        this.events = events;
        this.recorded = recorded;
    }

    /** The endpoint's deliveries, newest first, fifty a page before the id {@code before}. */
    @Transactional
    @SuppressWarnings("unchecked")
    Deliveries deliveries(WebhookScope scope, long endpointId, Long before) {
        WebhookEndpoints.find(scope, endpointId);
        // a page of the endpoint's deliveries with their events' types, one more to know of a next page
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT d.id, d.event_id, e.type, d.state, d.attempts, d.next_attempt_at, d.created_at, d.delivered_at,
                       d.last_status
                  FROM webhook_delivery d JOIN event e ON e.id = d.event_id
                 WHERE d.endpoint_id = ?1 AND d.id < ?2 ORDER BY d.id DESC LIMIT ?3""")
                .setParameter(1, endpointId).setParameter(2, before == null ? Long.MAX_VALUE : before)
                .setParameter(3, PAGE + 1).getResultList();
        Map<Long, List<Attempt>> attempts = attempts(rows.stream().limit(PAGE).map(r -> ((Number) r[0]).longValue()).toList());
        List<Delivery> items = rows.stream().limit(PAGE).map(r -> {
            long id = ((Number) r[0]).longValue();
            return new Delivery(id, (String) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue(),
                    SqlTimes.instant(r[5]), SqlTimes.instant(r[6]), r[7] == null ? null : SqlTimes.instant(r[7]),
                    r[8] == null ? null : ((Number) r[8]).intValue(), attempts.getOrDefault(id, List.of()));
        }).toList();
        return new Deliveries(items, rows.size() > PAGE ? items.get(PAGE - 1).id() : null);
    }

    /**
     * Sends a delivery again, with the same webhook-id and body, whatever became of it: due now, its
     * next failures retried as a new delivery's would be.
     */
    @Transactional
    void replay(WebhookScope scope, long endpointId, long deliveryId) {
        WebhookEndpoints.find(scope, endpointId);
        // due at once again, counted afresh from now for its retries' age
        int changed = entityManager.createNativeQuery("""
                UPDATE webhook_delivery SET state = 'pending', next_attempt_at = ?3, started_at = ?3, lease_owner = NULL,
                       lease_until = NULL
                 WHERE id = ?1 AND endpoint_id = ?2""").setParameter(1, deliveryId).setParameter(2, endpointId)
                .setParameter(3, Timestamp.from(events.now())).executeUpdate();
        if (changed == 0) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "delivery_not_found", "No such delivery");
        }
        recorded.fire(new DeliveriesRecorded());
    }

    /** A {@code webhook.test} event for this endpoint alone (posted once it is enabled); returns its delivery's id. */
    @Transactional
    long test(WebhookScope scope, long endpointId) {
        WebhookEndpoint endpoint = WebhookEndpoints.find(scope, endpointId);
        String id = Events.newId();
        Timestamp now = Timestamp.from(events.now());
        // the test event, outside any publication's fan-out
        entityManager.createNativeQuery("""
                INSERT INTO event (id, type, version, publication_id, data, occurred_at)
                VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6)""").unwrap(NativeQuery.class).setParameter(1, id)
                .setParameter(2, EventType.WEBHOOK_TEST.code()).setParameter(3, EventType.WEBHOOK_TEST.version())
                .setParameter(4, endpoint.publicationId, Long.class)
                .setParameter(5, events.text(new EventData.Test("A test event from Gazette"))).setParameter(6, now)
                .executeUpdate();
        // its one delivery, to this endpoint
        long delivery = ((Number) entityManager.createNativeQuery("""
                INSERT INTO webhook_delivery (endpoint_id, event_id, next_attempt_at, created_at, started_at)
                VALUES (?1, ?2, ?3, ?3, ?3) RETURNING id""").setParameter(1, endpointId).setParameter(2, id)
                .setParameter(3, now).getSingleResult()).longValue();
        recorded.fire(new DeliveriesRecorded());
        return delivery;
    }

    @SuppressWarnings("unchecked")
    private Map<Long, List<Attempt>> attempts(List<Long> deliveryIds) {
        Map<Long, List<Attempt>> byDelivery = new LinkedHashMap<>();
        if (deliveryIds.isEmpty()) {
            return byDelivery;
        }
        // the attempts of the page's deliveries, oldest first
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT delivery_id, requested_at, duration_ms, status, response_excerpt, error FROM webhook_attempt
                 WHERE delivery_id = ANY (?1) ORDER BY delivery_id, id""")
                .setParameter(1, deliveryIds.toArray(Long[]::new)).getResultList();
        for (Object[] r : rows) {
            byDelivery.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
                    .add(new Attempt(SqlTimes.instant(r[1]), ((Number) r[2]).intValue(),
                            r[3] == null ? null : ((Number) r[3]).intValue(), (String) r[4], (String) r[5]));
        }
        return byDelivery;
    }
}
