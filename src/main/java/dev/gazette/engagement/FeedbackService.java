package dev.gazette.engagement;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.core.DomainException;
import dev.gazette.core.SignedTokens;
import dev.gazette.issue.IssueRenderer;
import dev.gazette.publication.PublicationRef;

/**
 * The good/okay/bad links of an issue's email: one rating per delivery. Following a link only
 * shows the rating preselected (mail scanners follow all three); the page's button records it with
 * optional words, and a reader changing their mind updates it.
 */
@ApplicationScoped
class FeedbackService {

    static final List<String> RATINGS = List.of("good", "okay", "bad");

    /** @param publication null for a preview's link, which records nothing */
    record Recorded(PublicationRef publication, String rating, String comment) {
    }

    // The issue and publication of a delivery.
    private static final String DELIVERY = """
            SELECT s.issue_id, i.publication_id FROM delivery d JOIN send s ON s.id = d.send_id
            JOIN issue i ON i.id = s.issue_id WHERE d.id = ?1
            """;

    // One row per delivery: the first answer inserts, a different one updates, the same one changes nothing.
    private static final String RECORD = """
            INSERT INTO feedback (delivery_id, issue_id, rating, comment, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?5, ?4, ?4)
            ON CONFLICT (delivery_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment,
            updated_at = excluded.updated_at
            WHERE (feedback.rating, feedback.comment) IS DISTINCT FROM (excluded.rating, excluded.comment)
            """;

    private final SignedTokens tokens;
    private final ReaderLinks links;
    private final EntityManager entityManager;
    private final Clock clock;

    FeedbackService(SignedTokens tokens, ReaderLinks links, EntityManager entityManager, Clock clock) {
        this.tokens = tokens;
        this.links = links;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * What the page of a feedback link shows: the rating of the link preselected, and the words the
     * reader gave before. Reads, never writes.
     */
    @Transactional
    Recorded choice(String token, String rating) {
        long delivery = delivery(token);
        requireRating(rating);
        Optional<Object[]> issue = issueOf(delivery);
        if (issue.isEmpty()) {
            return new Recorded(null, rating, null);
        }
        @SuppressWarnings("unchecked")
        List<Object> comment = entityManager.createNativeQuery("SELECT comment FROM feedback WHERE delivery_id = ?1")
                .setParameter(1, delivery).getResultList();
        return new Recorded(publication(issue.get()), rating, comment.isEmpty() ? null : (String) comment.get(0));
    }

    /** The page's button: records the rating with the reader's words (none: no words). */
    @Transactional
    Recorded rate(String token, String rating, String comment) {
        long delivery = delivery(token);
        requireRating(rating);
        String text = words(comment);
        Optional<Object[]> issue = issueOf(delivery);
        if (issue.isEmpty()) {
            return new Recorded(null, rating, null);
        }
        entityManager.createNativeQuery(RECORD).setParameter(1, delivery).setParameter(2, issue.get()[0])
                .setParameter(3, rating).setParameter(4, Timestamp.from(clock.instant()))
                .setParameter(5, text).executeUpdate();
        return recorded(delivery, publication(issue.get()));
    }

    private static void requireRating(String rating) {
        if (rating == null || !RATINGS.contains(rating)) {
            throw CommentService.invalid("invalid_rating", "rating", "invalid_value", "The rating is good, okay or bad");
        }
    }

    /** The reader's words, stripped; null when there are none. */
    private static String words(String comment) {
        String text = comment == null ? "" : comment.strip();
        if (text.length() > 2000) {
            throw CommentService.invalid("feedback_too_long", "comment", "invalid_length", "At most 2,000 characters");
        }
        return text.isEmpty() ? null : text;
    }

    /** Adds the reader's words to the rating they gave. */
    @Transactional
    Recorded comment(String token, String comment) {
        long delivery = delivery(token);
        String text = words(comment);
        Optional<Object[]> issue = issueOf(delivery);
        int updated = issue.isEmpty()
                ? 0
                : entityManager.createNativeQuery(
                        "UPDATE feedback SET comment = ?1, updated_at = ?2 WHERE delivery_id = ?3")
                        .setParameter(1, text).setParameter(2, Timestamp.from(clock.instant()))
                        .setParameter(3, delivery).executeUpdate();
        if (updated == 0) {
            throw new DomainException(DomainException.Kind.CONFLICT, "no_rating", "Choose a rating first");
        }
        return recorded(delivery, publication(issue.get()));
    }

    // The web page of a delivery's issue, and its recipient.
    private static final String READER_PAGE = """
            SELECT p.slug, i.slug, d.subscriber_id FROM delivery d JOIN send s ON s.id = d.send_id
            JOIN issue i ON i.id = s.issue_id JOIN publication p ON p.id = i.publication_id WHERE d.id = ?1
            """;

    /**
     * Where a recipient's web-version, tip or comment link leads: the issue's web page as them. The link rides
     * on the feedback token, so an issue email carries one signed token per delivery and click
     * tracking (which leaves feedback links alone) records no link per recipient.
     */
    @Transactional
    String readerPage(String token, String anchor) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(READER_PAGE).setParameter(1, delivery(token)).getResultList();
        if (rows.isEmpty()) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "link_invalid", "This link is from a preview");
        }
        Object[] row = rows.get(0);
        return links.readerPath((String) row[0], (String) row[1], row[2] == null ? null : ((Number) row[2]).longValue())
                + (anchor.equals("web") ? "" : "#" + anchor);
    }

    private Recorded recorded(long delivery, PublicationRef publication) {
        Object[] row = (Object[]) entityManager.createNativeQuery("SELECT rating, comment FROM feedback WHERE delivery_id = ?1")
                .setParameter(1, delivery).getSingleResult();
        return new Recorded(publication, (String) row[0], (String) row[1]);
    }

    private long delivery(String token) {
        return tokens.verifyId(IssueRenderer.FEEDBACK_PURPOSE, token).orElseThrow(() -> new DomainException(
                DomainException.Kind.NOT_FOUND, "link_invalid", "This link is not valid"));
    }

    @SuppressWarnings("unchecked")
    private Optional<Object[]> issueOf(long delivery) {
        List<Object[]> rows = entityManager.createNativeQuery(DELIVERY).setParameter(1, delivery).getResultList();
        return rows.stream().findFirst();
    }

    private PublicationRef publication(Object[] issueRow) {
        return links.publicationById(((Number) issueRow[1]).longValue()).orElseThrow(ReaderLinks::issueNotFound);
    }
}
