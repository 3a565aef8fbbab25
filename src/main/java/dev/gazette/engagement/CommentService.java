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
 * email for readers who are not known subscribers, edit and delete by the author within the
 * window, and the writer told of each new comment.
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
    private final Events events;

    CommentService(ReaderLinks links, Readers readers, SignedTokens tokens, EngagementMails mails,
            EngagementConfig config, EntityManager entityManager, Clock clock, PublicChanges changes, Events events) {
        this.events = events;
        this.changes = changes;
        this.links = links;
        this.readers = readers;
        this.tokens = tokens;
        this.mails = mails;
        this.config = config;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Writes a comment: visible at once for a subscriber or the writer, pending email confirmation otherwise. */
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
            comment.subscriberId = reader.get().subscriberId();
            comment.authorName = name(request.name(), reader.get().name());
            comment.status = Comment.Status.visible;
        } else if ("subscribers".equals(policy)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "subscribers_only",
                    "Only subscribers may comment: open the page from the link in your email");
        } else {
            email = EmailAddresses.normalize(request.email()).orElseThrow(() -> DomainException.invalidField("email",
                    "invalid_email", "must be a valid email address, to confirm the comment"));
            comment.emailHash = readers.addressHash(email);
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

    /** Publishes a pending comment from its confirmation link; a second click changes nothing. */
    @Transactional
    Comment confirm(String token) {
        Comment comment = pending(token);
        if (comment.status == Comment.Status.pending) {
            comment.status = Comment.Status.visible;
            changes.changing(comment.publicationId);
            events.emit(EventType.COMMENT_POSTED, comment.publicationId, comment.eventData());
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
        mails.tellWriter(publication, ko ? "새 댓글이 달렸어요" : "A new comment",
                comment.authorName + (ko ? "님의 댓글:\n\n" : " wrote:\n\n") + comment.bodyMarkdown + "\n\n"
                        + links.url("/p/" + publication.slug()) + "\n",
                "comment:" + comment.id, reader);
    }

    static DomainException invalid(String code, String field, String fieldCode, String message) {
        return new DomainException(DomainException.Kind.INVALID, code, message,
                List.of(new FieldError(field, fieldCode, message)), null);
    }

    static DomainException notFound() {
        return new DomainException(DomainException.Kind.NOT_FOUND, "comment_not_found", "No such comment");
    }
}
