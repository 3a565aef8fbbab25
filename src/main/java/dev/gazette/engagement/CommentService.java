package dev.gazette.engagement;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;
import dev.gazette.core.EmailAddresses;
import dev.gazette.core.FieldError;
import dev.gazette.core.PublicChanges;
import dev.gazette.core.SignedTokens;
import dev.gazette.engagement.ReaderLinks.Target;
import dev.gazette.event.EventType;
import dev.gazette.event.Events;
import dev.gazette.publication.PublicationRef;
import dev.gazette.subscriber.Readers;
import dev.gazette.subscriber.Readers.Reader;

/**
 * Readers' comments on an issue: who may write under the publication's policy, confirmation by
 * email for readers who are not known subscribers, held for the writer's approval when the
 * publication asks for it, refused for an address the writer blocked, edit and delete by the
 * author within the window, and the writer told of each new comment.
 */
@ApplicationScoped
class CommentService {

    static final String CONFIRM = "comment-confirm";
    static final String AUTHOR = "comment-author";

    /** A comment as written: {@code authorToken} lets its author edit or delete it within the window. */
    record Posted(long id, String status, String authorToken) {
    }

    record NewComment(String body, String name, String email, Long parentId, String readerToken) {
    }

    private final ReaderLinks links;
    private final Readers readers;
    private final SignedTokens tokens;
    private final EngagementMails mails;
    private final EngagementConfig config;
    private final EntityManager entityManager;
    private final Clock clock;

    private final PublicChanges changes;
    private final CommentBlocks blocks;
    private final Events events;

    CommentService(ReaderLinks links, Readers readers, SignedTokens tokens, EngagementMails mails,
            EngagementConfig config, EntityManager entityManager, Clock clock, PublicChanges changes,
            CommentBlocks blocks, Events events) {
        this.events = events;
        this.changes = changes;
        this.blocks = blocks;
        this.links = links;
        this.readers = readers;
        this.tokens = tokens;
        this.mails = mails;
        this.config = config;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Writes a comment: visible at once for the writer; for a subscriber visible or held for
     * approval (the publication's moderation); pending email confirmation for anyone else.
     */
    @Transactional
    Posted post(Target target, NewComment request, Optional<Caller> caller) {
        PublicationRef publication = target.publication();
        String policy = policy(publication.id());
        String body = requireBody(request.body());
        Comment comment = new Comment();
        comment.issueId = target.issue().id();
        comment.publicationId = publication.id();
        comment.parentId = parent(comment.issueId, request.parentId());
        comment.bodyMarkdown = body;
        comment.bodyHtml = StrangerMarkdown.comment(body);
        comment.createdAt = clock.instant();
        Optional<Caller> writer = caller.filter(c -> c.isAdmin() || c.accountId() == publication.ownerId());
        Optional<Reader> reader = links.reader(publication.id(), request.readerToken());
        String email = null;
        if (writer.isPresent()) {
            comment.accountId = writer.get().accountId();
            comment.authorName = writer.get().name();
            comment.status = Comment.Status.visible;
        } else if ("off".equals(policy)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "comments_off", "Comments are off for this publication");
        } else if (reader.isPresent()) {
            refuseBlocked(publication.id(), readers.addressHash(reader.get().email()));
            comment.subscriberId = reader.get().subscriberId();
            comment.authorName = name(request.name(), reader.get().name());
            comment.status = held(comment) ? Comment.Status.held : Comment.Status.visible;
        } else if ("subscribers".equals(policy)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "subscribers_only",
                    "Only subscribers may comment: open the page from the link in your email");
        } else {
            email = EmailAddresses.normalize(request.email()).orElseThrow(() -> DomainException.invalidField("email",
                    "invalid_email", "must be a valid email address, to confirm the comment"));
            comment.emailHash = readers.addressHash(email);
            refuseBlocked(publication.id(), comment.emailHash);
            comment.authorName = name(request.name(), email.substring(0, email.indexOf('@')));
            comment.status = Comment.Status.pending;
        }
        comment.persist();
        changes.changing(publication.id());
        if (comment.status == Comment.Status.visible) {
            events.emit(EventType.COMMENT_POSTED, publication.id(), comment.eventData());
        }
        if (email != null) {
            mails.confirmComment(publication, comment.id, email, links.url("/comments/confirm/"
                    + tokens.sign(CONFIRM, comment.id.toString(), clock.instant().plus(config.confirmTtl()))));
        } else if (comment.accountId == null) {
            tellWriter(publication, comment, reader.map(Reader::email).orElse(null));
        }
        return new Posted(comment.id, comment.status.name(), tokens.sign(AUTHOR, comment.id));
    }

    /** The comment a confirmation link is for. */
    @Transactional
    Comment pending(String token) {
        return tokens.verifyId(CONFIRM, token).flatMap(id -> Comment.<Comment>findByIdOptional(id))
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "link_invalid",
                        "This link is not valid or has expired"));
    }

    /**
     * Publishes a pending comment from its confirmation link, or holds it for the writer's approval;
     * a second click changes nothing. An address blocked in the meantime only hides it.
     */
    @Transactional
    Comment confirm(String token) {
        Comment comment = pending(token);
        if (comment.status == Comment.Status.pending) {
            comment.status = blocks.blocked(comment.publicationId, comment.emailHash)
                    ? Comment.Status.hidden
                    : held(comment) ? Comment.Status.held : Comment.Status.visible;
            if (comment.status == Comment.Status.hidden) {
                return comment;
            }
            changes.changing(comment.publicationId);
            if (comment.status == Comment.Status.visible) {
                events.emit(EventType.COMMENT_POSTED, comment.publicationId, comment.eventData());
            }
            links.publicationById(comment.publicationId).ifPresent(p -> tellWriter(p, comment, null));
        }
        return comment;
    }

    /** The author edits their comment within the window. */
    @Transactional
    void edit(Target target, long id, String body, String token) {
        Comment comment = ownComment(target, id, token);
        comment.bodyMarkdown = requireBody(body);
        comment.bodyHtml = StrangerMarkdown.comment(comment.bodyMarkdown);
        comment.editedAt = clock.instant();
        changes.changing(comment.publicationId);
    }

    /** The author deletes their comment within the window. */
    @Transactional
    void delete(Target target, long id, String token) {
        ownComment(target, id, token).status = Comment.Status.deleted;
        changes.changing(target.publication().id());
    }

    /** The issue's visible comments, pinned first, then oldest first. */
    @Transactional
    List<Comment> visible(long issueId) {
        return Comment.list("issueId = ?1 and status = ?2 order by pinned desc, createdAt, id", issueId,
                Comment.Status.visible);
    }

    /** none, first_time or all: which readers' comments wait for the writer's approval. */
    String moderation(long publicationId) {
        return (String) entityManager.createNativeQuery("SELECT comment_moderation FROM publication WHERE id = ?1")
                .setParameter(1, publicationId).getSingleResult();
    }

    /** Whether a reader's comment waits for approval: always, or until one of theirs was approved here. */
    private boolean held(Comment comment) {
        return switch (moderation(comment.publicationId)) {
            case "all" -> true;
            case "first_time" -> entityManager.createNativeQuery("""
                    SELECT 1 FROM comment WHERE publication_id = ?1 AND status = 'visible'
                      AND (subscriber_id = ?2 OR email_hash = ?3) LIMIT 1""").setParameter(1, comment.publicationId)
                    .setParameter(2, comment.subscriberId == null ? -1L : comment.subscriberId)
                    .setParameter(3, comment.emailHash == null ? "" : comment.emailHash).getResultList().isEmpty();
            default -> false;
        };
    }

    private void refuseBlocked(long publicationId, String addressHash) {
        if (blocks.blocked(publicationId, addressHash)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "commenter_blocked",
                    "The writer does not take comments from this address");
        }
    }

    String policy(long publicationId) {
        return (String) entityManager.createNativeQuery("SELECT comment_policy FROM publication WHERE id = ?1")
                .setParameter(1, publicationId).getSingleResult();
    }

    private Comment ownComment(Target target, long id, String token) {
        Comment comment = Comment.<Comment>findByIdOptional(id)
                .filter(c -> c.issueId == target.issue().id() && c.status != Comment.Status.deleted)
                .orElseThrow(CommentService::notFound);
        boolean author = tokens.verifyId(AUTHOR, token).filter(c -> c == id).isPresent()
                || (comment.subscriberId != null && links.reader(comment.publicationId, token)
                        .filter(r -> r.subscriberId() == comment.subscriberId).isPresent());
        if (!author) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "not_comment_author",
                    "Only the comment's author may change it");
        }
        if (clock.instant().isAfter(comment.createdAt.plus(config.editWindow()))) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "edit_window_closed",
                    "A comment can be changed only within " + config.editWindow().toMinutes() + " minutes of writing it");
        }
        return comment;
    }

    private Long parent(long issueId, Long parentId) {
        if (parentId == null || parentId == 0) {
            return null;
        }
        Comment parent = Comment.<Comment>findByIdOptional(parentId)
                .filter(c -> c.issueId == issueId && c.status == Comment.Status.visible)
                .orElseThrow(() -> DomainException.invalidField("parentId", "invalid_parent",
                        "is not a visible comment of this issue"));
        // replies hang under the thread's first comment: one level of nesting on the page
        return parent.parentId != null ? parent.parentId : parent.id;
    }

    private String requireBody(String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw invalid("comment_empty", "body", "required", "A comment needs some text");
        }
        if (text.length() > config.commentMaxLength()) {
            throw invalid("comment_too_long", "body", "invalid_length",
                    "A comment may have at most " + config.commentMaxLength() + " characters");
        }
        return text;
    }

    private static String name(String given, String fallback) {
        String name = given == null ? "" : given.strip().replaceAll("\\s+", " ");
        name = name.isEmpty() ? fallback : name;
        return name.length() > 120 ? name.substring(0, 120) : name;
    }

    /** {@code reader}: the subscriber's address when the comment came through their link, else null. */
    private void tellWriter(PublicationRef publication, Comment comment, String reader) {
        boolean ko = "ko".equals(publication.locale());
        boolean held = comment.status == Comment.Status.held;
        String subject = held
                ? (ko ? "승인을 기다리는 댓글이 있어요" : "A comment awaits your approval")
                : (ko ? "새 댓글이 달렸어요" : "A new comment");
        String where = held
                ? links.url("/studio/publications/" + publication.slug() + "/comments?status=held")
                : links.url("/p/" + publication.slug());
        mails.tellWriter(publication, subject, comment.authorName + (ko ? "님의 댓글:\n\n" : " wrote:\n\n")
                + comment.bodyMarkdown + "\n\n" + where + "\n", "comment:" + comment.id, reader);
    }

    static DomainException invalid(String code, String field, String fieldCode, String message) {
        return new DomainException(DomainException.Kind.INVALID, code, message,
                List.of(new FieldError(field, fieldCode, message)), null);
    }

    static DomainException notFound() {
        return new DomainException(DomainException.Kind.NOT_FOUND, "comment_not_found", "No such comment");
    }
}
