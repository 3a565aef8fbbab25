package dev.gazette.engagement;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.core.DomainException;
import dev.gazette.core.PublicChanges;
import dev.gazette.engagement.CommentService.NewComment;
import dev.gazette.engagement.EngagementViews.CommentView;
import dev.gazette.engagement.ReaderLinks.Target;
import dev.gazette.event.EventType;
import dev.gazette.event.Events;
import dev.gazette.issue.ArchivedIssue;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * The writer's (and an admin's) side of comments: read them all, approve a held one, hide, show,
 * pin, delete, reply, and set who may comment and whose comments wait for approval. Only on
 * publications the caller manages: anything else is 404.
 */
@ApplicationScoped
class CommentModeration {

    static final List<String> POLICIES = List.of("everyone", "subscribers", "off");
    static final List<String> MODERATIONS = List.of("none", "first_time", "all");

    /** Who may comment, and whose comments wait for the writer's approval. */
    record Policy(String commentPolicy, String commentModeration) {
    }

    private final Publications publications;
    private final ReaderLinks links;
    private final CommentService comments;
    private final EntityManager entityManager;
    private final Clock clock;
    private final Audit audit;

    private final PublicChanges changes;
    private final Events events;

    CommentModeration(Publications publications, ReaderLinks links, CommentService comments,
            EntityManager entityManager, Clock clock, PublicChanges changes, Audit audit, Events events) {
        this.events = events;
        this.changes = changes;
        this.audit = audit;
        this.publications = publications;
        this.links = links;
        this.comments = comments;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    List<CommentView> list(Caller caller, String slug, String status, Long issueId) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        StringBuilder query = new StringBuilder("publicationId = :publication");
        Parameters parameters = Parameters.with("publication",
                publication.id());
        if (status != null && !status.isBlank()) {
            query.append(" and status = :status");
            parameters.and("status", status(status));
        }
        if (issueId != null) {
            query.append(" and issueId = :issue");
            parameters.and("issue", issueId);
        }
        List<Comment> found = Comment.list(query + " order by createdAt desc, id desc", parameters);
        return found.stream().map(CommentView::of).toList();
    }

    /** Approves a held comment, hides, shows or pins one; fields left null are unchanged. */
    @Transactional
    CommentView moderate(Caller caller, String slug, long id, String status, Boolean pinned) {
        Comment comment = managed(caller, slug, id);
        if (status != null) {
            Comment.Status to = status(status);
            if (to != Comment.Status.visible && to != Comment.Status.hidden) {
                throw DomainException.invalidField("status", "invalid_status", "must be visible or hidden");
            }
            if (comment.status == Comment.Status.held && to == Comment.Status.visible) {
                events.emit(EventType.COMMENT_POSTED, comment.publicationId, comment.eventData()); // approved
            }
            comment.status = to;
        }
        if (pinned != null) {
            comment.pinned = pinned;
        }
        comment.moderatedAt = clock.instant();
        comment.moderatedBy = caller.accountId();
        changes.changing(comment.publicationId);
        return CommentView.of(comment);
    }

    @Transactional
    void delete(Caller caller, String slug, long id) {
        Comment comment = managed(caller, slug, id);
        comment.status = Comment.Status.deleted;
        comment.moderatedAt = clock.instant();
        comment.moderatedBy = caller.accountId();
        changes.changing(comment.publicationId);
    }

    /** The writer answers on their own publication: the reply is marked as theirs. */
    @Transactional
    CommentView reply(Caller caller, String slug, long issueId, Long parentId, String body) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        ArchivedIssue issue = links.issue(publication, issueId).orElseThrow(ReaderLinks::issueNotFound);
        CommentService.Posted posted = comments.post(new Target(publication, issue),
                new NewComment(body, null, null, parentId, null), Optional.of(caller));
        return CommentView.of(Comment.findById(posted.id()));
    }

    /** Sets who may comment and, unless {@code moderation} is null, whose comments wait for approval. */
    @Transactional
    Policy setPolicy(Caller caller, String slug, String policy, String moderation) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        if (policy == null || !POLICIES.contains(policy)) {
            throw DomainException.invalidField("commentPolicy", "invalid_policy", "must be everyone, subscribers or off");
        }
        if (moderation != null && !MODERATIONS.contains(moderation)) {
            throw DomainException.invalidField("commentModeration", "invalid_moderation",
                    "must be none, first_time or all");
        }
        String held = moderation == null ? comments.moderation(publication.id()) : moderation;
        // the columns belong to the publication's row, added for this feature (V11, V24)
        entityManager.createNativeQuery("UPDATE publication SET comment_policy = ?1, comment_moderation = ?2 WHERE id = ?3")
                .setParameter(1, policy).setParameter(2, held).setParameter(3, publication.id()).executeUpdate();
        changes.changing(publication.id());
        audit.record(caller, AuditAction.comment_policy_changed, publication.id(), publication.slug(), null,
                policy + ", held: " + held);
        return new Policy(policy, held);
    }

    @Transactional
    Policy policy(Caller caller, String slug) {
        long publication = publications.requireManaged(caller, slug).id();
        return new Policy(comments.policy(publication), comments.moderation(publication));
    }

    private Comment managed(Caller caller, String slug, long id) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        return Comment.<Comment>findByIdOptional(id)
                .filter(c -> c.publicationId == publication.id() && c.status != Comment.Status.deleted)
                .orElseThrow(CommentService::notFound);
    }

    private static Comment.Status status(String status) {
        try {
            return Comment.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidField("status", "invalid_status", "must be pending, held, visible, hidden or deleted");
        }
    }
}
