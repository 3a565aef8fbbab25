package dev.gazette.engagement;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * The studio's view of a publication's comments: the moderation queue (held first by choice of the
 * page), per issue or across the publication, newest first and paged by id, with the issue each is
 * on and, for a subscriber's, who they are. Deleted comments are never listed.
 */
@ApplicationScoped
class CommentQueue {

    static final List<String> STATUSES = List.of("held", "visible", "hidden", "pending");

    /**
     * A comment in the queue; {@code subscriberId} and {@code email} only when a subscriber wrote it,
     * {@code blockable} when its author has an address the writer can block.
     */
    record Line(long id, long issueId, String issueTitle, Long parentId, String authorName, boolean writer,
            Long subscriberId, String email, String bodyHtml, String status, boolean pinned, Instant createdAt,
            boolean blockable) {
    }

    /** An issue that has comments, for the page's filter. */
    record IssueChoice(long id, String title) {
    }

    private static final String LINES = """
            SELECT c.id, c.issue_id, i.title, c.parent_id, c.author_name, c.account_id IS NOT NULL, c.subscriber_id,
                   s.email, c.body_html, c.status, c.pinned, c.created_at,
                   c.account_id IS NULL AND (c.email_hash IS NOT NULL OR c.subscriber_id IS NOT NULL)
            FROM comment c
            JOIN issue i ON i.id = c.issue_id
            LEFT JOIN subscriber s ON s.id = c.subscriber_id
            WHERE c.publication_id = ?1 AND c.id < ?2 AND c.status <> 'deleted'
              AND (?3 = '' OR c.status = ?3) AND (?4 = 0 OR c.issue_id = ?4)
            ORDER BY c.id DESC
            LIMIT ?5""";

    private final Publications publications;
    private final EntityManager entityManager;

    CommentQueue(Publications publications, EntityManager entityManager) {
        this.publications = publications;
        this.entityManager = entityManager;
    }

    /** Up to {@code count} comments older than {@code before} (all when null), of one status and issue when given. */
    @Transactional
    List<Line> lines(Caller caller, String slug, String status, long issueId, Long before, int count) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(LINES).setParameter(1, publication.id())
                .setParameter(2, before == null ? Long.MAX_VALUE : before)
                .setParameter(3, status != null && STATUSES.contains(status) ? status : "").setParameter(4, issueId)
                .setParameter(5, count).getResultList();
        return rows.stream().map(r -> new Line(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2],
                r[3] == null ? null : ((Number) r[3]).longValue(), (String) r[4], (Boolean) r[5],
                r[6] == null ? null : ((Number) r[6]).longValue(), (String) r[7], (String) r[8], (String) r[9],
                (Boolean) r[10], SqlValues.instant(r[11]), (Boolean) r[12])).toList();
    }

    /** How many comments are in each status (deleted ones left out), in one issue when given. */
    @Transactional
    Map<String, Long> counts(Caller caller, String slug, long issueId) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT status, count(*) FROM comment
                WHERE publication_id = ?1 AND status <> 'deleted' AND (?2 = 0 OR issue_id = ?2)
                GROUP BY status""").setParameter(1, publication.id()).setParameter(2, issueId).getResultList();
        Map<String, Long> counts = new HashMap<>();
        STATUSES.forEach(s -> counts.put(s, 0L));
        rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
        return counts;
    }

    /** The issues that have comments, newest first, for choosing one. */
    @Transactional
    List<IssueChoice> issues(Caller caller, String slug) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery(
                        """
                                SELECT i.id, i.title FROM issue i
                                WHERE i.publication_id = ?1 AND EXISTS (SELECT 1 FROM comment c WHERE c.issue_id = i.id AND c.status <> 'deleted')
                                ORDER BY i.id DESC LIMIT 200""")
                .setParameter(1, publication.id()).getResultList();
        return rows.stream().map(r -> new IssueChoice(((Number) r[0]).longValue(), (String) r[1])).toList();
    }
}
