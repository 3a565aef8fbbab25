package dev.gazette.engagement;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.core.DomainException;
import dev.gazette.core.EmailAddresses;
import dev.gazette.core.PublicChanges;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.subscriber.Readers;

/**
 * Addresses a writer blocked from commenting on their publication, kept as the salted hash that
 * comments and suppressions keep (never the address). Blocking a comment's author hides what they
 * wrote there; unblocking lets them write again but shows nothing back by itself.
 */
@ApplicationScoped
class CommentBlocks {

    record Block(long id, String authorName, Instant createdAt) {
    }

    private final Publications publications;
    private final Readers readers;
    private final EntityManager entityManager;
    private final Clock clock;
    private final Audit audit;
    private final PublicChanges changes;

    CommentBlocks(Publications publications, Readers readers, EntityManager entityManager, Clock clock, Audit audit,
            PublicChanges changes) {
        this.publications = publications;
        this.readers = readers;
        this.entityManager = entityManager;
        this.clock = clock;
        this.audit = audit;
        this.changes = changes;
    }

    /** Whether this address (a reader's hash) may not comment on the publication. */
    boolean blocked(long publicationId, String addressHash) {
        return addressHash != null && !entityManager
                .createNativeQuery("SELECT 1 FROM comment_block WHERE publication_id = ?1 AND address_hash = ?2")
                .setParameter(1, publicationId).setParameter(2, addressHash).getResultList().isEmpty();
    }

    /** The hash a comment's author stands for: their address's, through their subscription or their confirmation. */
    String authorHash(Comment comment) {
        if (comment.emailHash != null) {
            return comment.emailHash;
        }
        if (comment.subscriberId == null) {
            return null;
        }
        List<?> email = entityManager.createNativeQuery("SELECT email FROM subscriber WHERE id = ?1")
                .setParameter(1, comment.subscriberId).getResultList();
        return email.isEmpty() ? null : readers.addressHash((String) email.get(0));
    }

    /** Blocks the author of a comment and hides every comment of theirs on the publication. */
    @Transactional
    Block blockAuthor(Caller caller, String slug, long commentId) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        Comment comment = Comment.<Comment>findByIdOptional(commentId)
                .filter(c -> c.publicationId == publication.id() && c.status != Comment.Status.deleted)
                .orElseThrow(CommentService::notFound);
        String hash = comment.accountId != null ? null : authorHash(comment);
        if (hash == null) {
            throw new DomainException(DomainException.Kind.CONFLICT, "author_unknown",
                    "This comment's author has no address to block (the writer's own, or an erased reader's)");
        }
        return block(caller, publication, hash, comment.authorName, comment.subscriberId);
    }

    /** Blocks an address typed by the writer, whether or not it has commented yet. */
    @Transactional
    Block blockAddress(Caller caller, String slug, String email) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        String address = EmailAddresses.normalize(email)
                .orElseThrow(() -> DomainException.invalidField("email", "invalid_email", "must be a valid email address"));
        List<?> subscriber = entityManager
                .createNativeQuery("SELECT id FROM subscriber WHERE publication_id = ?1 AND lower(email) = lower(?2)")
                .setParameter(1, publication.id()).setParameter(2, address).getResultList();
        return block(caller, publication, readers.addressHash(address), address.substring(0, address.indexOf('@')),
                subscriber.isEmpty() ? null : ((Number) subscriber.get(0)).longValue());
    }

    @Transactional
    void unblock(Caller caller, String slug, long id) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        int removed = entityManager.createNativeQuery("DELETE FROM comment_block WHERE id = ?1 AND publication_id = ?2")
                .setParameter(1, id).setParameter(2, publication.id()).executeUpdate();
        if (removed == 0) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "block_not_found", "No such blocked address");
        }
        audit.record(caller, AuditAction.comment_author_unblocked, publication.id(), publication.slug(),
                "comment_block:" + id, null);
    }

    @Transactional
    List<Block> list(Caller caller, String slug) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        return blocks("publication_id = ?1 ORDER BY id DESC LIMIT 500", publication.id());
    }

    /** {@code subscriberId}: the subscriber the address belongs to in the publication, if known. */
    private Block block(Caller caller, PublicationRef publication, String hash, String name, Long subscriberId) {
        Instant now = clock.instant();
        entityManager.createNativeQuery("""
                INSERT INTO comment_block (publication_id, address_hash, author_name, blocked_by, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT ON CONSTRAINT comment_block_once DO NOTHING""")
                .setParameter(1, publication.id()).setParameter(2, hash).setParameter(3, name)
                .setParameter(4, caller.accountId()).setParameter(5, now).executeUpdate();
        // what they wrote here, through their subscription or confirmed by their address
        int hidden = entityManager.createNativeQuery("""
                UPDATE comment SET status = 'hidden', moderated_at = ?3, moderated_by = ?4
                WHERE publication_id = ?1 AND status IN ('pending', 'held', 'visible')
                  AND (email_hash = ?2 OR subscriber_id = ?5)""")
                .setParameter(1, publication.id()).setParameter(2, hash).setParameter(3, now)
                .setParameter(4, caller.accountId()).setParameter(5, subscriberId == null ? -1L : subscriberId)
                .executeUpdate();
        changes.changing(publication.id());
        Block block = blocks("publication_id = ?1 AND address_hash = ?2", publication.id(), hash).get(0);
        audit.record(caller, AuditAction.comment_author_blocked, publication.id(), publication.slug(),
                "comment_block:" + block.id(), "hid " + hidden);
        return block;
    }

    private List<Block> blocks(String where, Object... parameters) {
        var query = entityManager.createNativeQuery("SELECT id, author_name, created_at FROM comment_block WHERE " + where);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Block(((Number) r[0]).longValue(), (String) r[1], SqlValues.instant(r[2])))
                .toList();
    }
}
