package dev.gazette.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.gazette.subscriber.ReaderData;

/** A subscriber's deliveries and their opens and clicks, for their own data export. */
@ApplicationScoped
class RecipientActivity implements ReaderData {

    // every issue handed to them, with what the relay said
    private static final String DELIVERIES = """
            SELECT i.slug, d.status, d.sent_at, d.failed_at, d.bounce, d.last_code, d.last_status, d.last_reply
            FROM delivery d JOIN send s ON s.id = d.send_id JOIN issue i ON i.id = s.issue_id
            WHERE d.subscriber_id = ?1 ORDER BY d.id""";
    // the opens or the clicks of their deliveries, people's and machines' alike
    private static final String EVENTS = """
            SELECT i.slug, l.url, e.machine, e.at FROM tracking_event e JOIN delivery d ON d.id = e.delivery_id
            JOIN send s ON s.id = d.send_id JOIN issue i ON i.id = s.issue_id LEFT JOIN issue_link l ON l.id = e.link_id
            WHERE d.subscriber_id = ?1 AND e.kind = ?2 ORDER BY e.id""";

    private final EntityManager entityManager;

    RecipientActivity(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public Map<String, List<Map<String, Object>>> of(Subject who) {
        Map<String, List<Map<String, Object>>> sections = new LinkedHashMap<>();
        sections.put("deliveries", ReaderData.rows(entityManager.createNativeQuery(DELIVERIES)
                .setParameter(1, who.subscriberId()).getResultList(), "issue", "status", "sentAt", "failedAt", "bounce",
                "replyCode", "replyStatus", "reply"));
        sections.put("opens", ReaderData.rows(events(who.subscriberId(), "open"), "issue", "url", "machine", "at"));
        sections.put("clicks", ReaderData.rows(events(who.subscriberId(), "click"), "issue", "url", "machine", "at"));
        return sections;
    }

    private List<?> events(long subscriberId, String kind) {
        return entityManager.createNativeQuery(EVENTS).setParameter(1, subscriberId).setParameter(2, kind).getResultList();
    }
}
