package dev.gazette.engagement;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

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
import dev.gazette.issue.ArchivedIssue;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * The writer's (and an admin's) side of comments: read them all, hide, show, pin, delete, reply,
 * and set who may comment. Only on publications the caller manages: anything else is 404.
 */
@ApplicationScoped
class CommentModeration {

    static final List<String> POLICIES = List.of("everyone", "subscribers", "off");

    private final Publications publications;
    private final ReaderLinks links;
    private final CommentService comments;
    private final EntityManager entityManager;
    private final Clock clock;
    private final Audit audit;

    private final PublicChanges changes;
    CommentModeration(Publications publications, ReaderLinks links, CommentService comments,
            EntityManager entityManager, Clock clock, PublicChanges changes, Audit audit) {
        this.changes = changes;
        this.audit = audit;
        this.publications = publications;
        this.links = links;
        this.comments = comments;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    List<CommentView> list(Caller caller, String slug, String status) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        List<Comment> found = status == null || status.isBlank()
                ? Comment.list("publicationId = ?1 order by createdAt desc, id desc", publication.id())
                : Comment.list("publicationId = ?1 and status = ?2 order by createdAt desc, id desc", publication.id(),
                        status(status));
        return found.stream().map(CommentView::of).toList();
    }

    /** Hides, shows or pins a comment; fields left null are unchanged. */
    @Transactional
    CommentView moderate(Caller caller, String slug, long id, String status, Boolean pinned) {
        Comment comment = managed(caller, slug, id);
        if (status != null) {
            Comment.Status to = status(status);
            if (to != Comment.Status.visible && to != Comment.Status.hidden) {
                throw DomainException.invalidField("status", "invalid_status", "must be visible or hidden");
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

    @Transactional
    String setPolicy(Caller caller, String slug, String policy) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        if (policy == null || !POLICIES.contains(policy)) {
            throw DomainException.invalidField("commentPolicy", "invalid_policy", "must be everyone, subscribers or off");
        }
        // the column belongs to the publication's row, added for this feature (V11)
        entityManager.createNativeQuery("UPDATE publication SET comment_policy = ?1 WHERE id = ?2")
                .setParameter(1, policy).setParameter(2, publication.id()).executeUpdate();
        changes.changing(publication.id());
        audit.record(caller, AuditAction.comment_policy_changed, publication.id(), publication.slug(), null, policy);
        return policy;
    }

    @Transactional
    String policy(Caller caller, String slug) {
        return comments.policy(publications.requireManaged(caller, slug).id());
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
            throw DomainException.invalidField("status", "invalid_status", "must be pending, visible, hidden or deleted");
        }
    }
}
