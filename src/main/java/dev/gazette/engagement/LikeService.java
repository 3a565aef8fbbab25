package dev.gazette.engagement;

import java.sql.Timestamp;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.core.PublicChanges;
import dev.gazette.engagement.ReaderLinks.Target;
import dev.gazette.subscriber.Readers;

/**
 * One like per reader and issue: a subscriber (known by their link's token) by their id, anyone
 * else by a salted hash of their address and browser for this issue, which is never kept in clear
 * and cannot follow them from one issue to another.
 */
@ApplicationScoped
class LikeService {

    record Likes(long count, boolean liked) {
    }

    // Records the reader's like unless they already liked the issue.
    private static final String LIKE = """
            INSERT INTO issue_like (issue_id, subscriber_id, reader_hash, created_at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT ON CONSTRAINT issue_like_once DO NOTHING
            """;

    private final ReaderLinks links;
    private final Readers readers;
    private final EntityManager entityManager;
    private final Clock clock;

    private final PublicChanges changes;
    LikeService(ReaderLinks links, Readers readers, EntityManager entityManager, Clock clock, PublicChanges changes) {
        this.changes = changes;
        this.links = links;
        this.readers = readers;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    Likes like(Target target, String readerToken, String clientAddress, String userAgent) {
        Long subscriber = links.reader(target.publication().id(), readerToken).map(r -> r.subscriberId()).orElse(null);
        entityManager.createNativeQuery(LIKE).setParameter(1, target.issue().id()).setParameter(2, subscriber)
                .setParameter(3, readerHash(target.issue().id(), subscriber, clientAddress, userAgent))
                .setParameter(4, Timestamp.from(clock.instant())).executeUpdate();
        changes.changing(target.publication().id());
        return new Likes(count(target.issue().id()), true);
    }

    @Transactional
    Likes unlike(Target target, String readerToken, String clientAddress, String userAgent) {
        Long subscriber = links.reader(target.publication().id(), readerToken).map(r -> r.subscriberId()).orElse(null);
        entityManager.createNativeQuery("DELETE FROM issue_like WHERE issue_id = ?1 AND reader_hash = ?2")
                .setParameter(1, target.issue().id())
                .setParameter(2, readerHash(target.issue().id(), subscriber, clientAddress, userAgent)).executeUpdate();
        changes.changing(target.publication().id());
        return new Likes(count(target.issue().id()), false);
    }

    /** The issue's likes, and whether this reader is among them. */
    @Transactional
    Likes of(long issueId, long publicationId, String readerToken, String clientAddress, String userAgent) {
        Long subscriber = links.reader(publicationId, readerToken).map(r -> r.subscriberId()).orElse(null);
        boolean liked = !entityManager.createNativeQuery("SELECT 1 FROM issue_like WHERE issue_id = ?1 AND reader_hash = ?2")
                .setParameter(1, issueId).setParameter(2, readerHash(issueId, subscriber, clientAddress, userAgent))
                .getResultList().isEmpty();
        return new Likes(count(issueId), liked);
    }

    /** The issue's likes, for a page that is no one's in particular. */
    @Transactional
    Likes of(long issueId) {
        return new Likes(count(issueId), false);
    }

    private long count(long issueId) {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM issue_like WHERE issue_id = ?1")
                .setParameter(1, issueId).getSingleResult()).longValue();
    }

    private String readerHash(long issueId, Long subscriberId, String clientAddress, String userAgent) {
        return readers.fingerprint(subscriberId != null
                ? "subscriber:" + subscriberId
                : "anonymous:" + issueId + "|" + clientAddress + "|" + (userAgent == null ? "" : userAgent));
    }
}
