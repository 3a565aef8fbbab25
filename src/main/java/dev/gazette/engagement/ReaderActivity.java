package dev.gazette.engagement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import dev.gazette.subscriber.ReaderData;

/**
 * A subscriber's comments, likes, tips, notes and feedback in their publication, for their own
 * data export.
 */
@ApplicationScoped
class ReaderActivity implements ReaderData {

    // the comments they wrote through their links, or confirmed by their address without one
    private static final String COMMENTS = """
            SELECT i.slug, c.body_markdown, c.status, c.created_at, c.edited_at FROM comment c
            JOIN issue i ON i.id = c.issue_id
            WHERE c.subscriber_id = ?1 OR (c.publication_id = ?2 AND c.email_hash = ?3) ORDER BY c.id""";
    // the issues they liked
    private static final String LIKES = """
            SELECT i.slug, l.created_at FROM issue_like l JOIN issue i ON i.id = l.issue_id
            WHERE l.subscriber_id = ?1 ORDER BY l.id""";
    // their tips in this publication, by subscriber or by the address they gave
    private static final String TIPS = """
            SELECT i.slug, t.coffees, t.amount, t.currency, t.tipper_name, t.tipper_email, t.message, t.status,
                   t.created_at, t.paid_at
            FROM tip t LEFT JOIN issue i ON i.id = t.issue_id
            WHERE t.publication_id = ?1 AND (t.subscriber_id = ?2 OR lower(t.tipper_email) = lower(?3)) ORDER BY t.id""";
    // their notes to this publication's writer
    private static final String NOTES = """
            SELECT message, status, created_at, confirmed_at FROM reader_note
            WHERE publication_id = ?1 AND lower(email) = lower(?2) ORDER BY id""";
    // their ratings of the issues they received, with their words
    private static final String FEEDBACK = """
            SELECT i.slug, f.rating, f.comment, f.created_at, f.updated_at FROM feedback f
            JOIN delivery d ON d.id = f.delivery_id JOIN issue i ON i.id = f.issue_id
            WHERE d.subscriber_id = ?1 ORDER BY f.created_at""";

    private final EntityManager entityManager;

    ReaderActivity(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public Map<String, List<Map<String, Object>>> of(Subject who) {
        Map<String, List<Map<String, Object>>> sections = new LinkedHashMap<>();
        sections.put("comments",
                ReaderData.rows(query(COMMENTS, who.subscriberId(), who.publicationId(), who.emailHash()).getResultList(),
                        "issue", "body",
                        "status", "createdAt", "editedAt"));
        sections.put("likes", ReaderData.rows(query(LIKES, who.subscriberId()).getResultList(), "issue", "createdAt"));
        sections.put("tips", ReaderData.rows(query(TIPS, who.publicationId(), who.subscriberId(), who.email())
                .getResultList(), "issue", "coffees", "amount", "currency", "name", "email", "message", "status",
                "createdAt", "paidAt"));
        sections.put("notes", ReaderData.rows(query(NOTES, who.publicationId(), who.email()).getResultList(), "message",
                "status", "createdAt", "confirmedAt"));
        sections.put("feedback", ReaderData.rows(query(FEEDBACK, who.subscriberId()).getResultList(), "issue", "rating",
                "comment", "createdAt", "updatedAt"));
        return sections;
    }

    private Query query(String sql, Object... parameters) {
        Query query = entityManager.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }
}
