package dev.gazette.issue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * Issues as the public sees them: only those whose send has started (sending, paused, sent);
 * drafts, scheduled and cancelled issues do not exist on the web.
 */
@ApplicationScoped
public class IssueArchive {

    static final List<IssueStatus> PUBLISHED = List.of(IssueStatus.sending, IssueStatus.paused, IssueStatus.sent);

    private final Publications publications;
    private final IssueRenderer renderer;

    IssueArchive(Publications publications, IssueRenderer renderer) {
        this.publications = publications;
        this.renderer = renderer;
    }

    /** The publication's published issues, newest first, for its page and its feed. */
    @Transactional
    public List<ArchivedIssue> sentIssues(long publicationId) {
        PublicationRef publication = publications.findById(publicationId).orElse(null);
        if (publication == null) {
            return List.of();
        }
        return newestFirst(publicationId).list().stream().map(issue -> archived(issue, publication)).toList();
    }

    /** The publication's latest published issues, newest first, whole, for its feed. */
    @Transactional
    List<Issue> latest(long publicationId, int count) {
        return newestFirst(publicationId).page(0, count).list();
    }

    private static io.quarkus.hibernate.orm.panache.PanacheQuery<Issue> newestFirst(long publicationId) {
        return Issue.find("publicationId = ?1 and status in ?2 order by coalesce(sentAt, scheduledAt) desc, id desc",
                publicationId, PUBLISHED);
    }

    /** A published issue of an active publication, by slugs. */
    @Transactional
    Optional<Published> find(String publicationSlug, String issueSlug) {
        return publications.findPublic(publicationSlug).flatMap(publication -> Issue
                .<Issue>find("publicationId = ?1 and slug = ?2 and status in ?3", publication.id(), issueSlug, PUBLISHED)
                .firstResultOptional().map(issue -> new Published(publication, issue)));
    }

    record Published(PublicationRef publication, Issue issue) {
    }

    /** A published issue of this publication, by its slug, for features that act on issues readers see. */
    @Transactional
    public Optional<ArchivedIssue> findPublished(PublicationRef publication, String issueSlug) {
        return Issue.<Issue>find("publicationId = ?1 and slug = ?2 and status in ?3", publication.id(), issueSlug, PUBLISHED)
                .firstResultOptional().map(issue -> archived(issue, publication));
    }

    /** A published issue of this publication, by its id. */
    @Transactional
    public Optional<ArchivedIssue> findPublished(PublicationRef publication, long issueId) {
        return Issue.<Issue>find("publicationId = ?1 and id = ?2 and status in ?3", publication.id(), issueId, PUBLISHED)
                .firstResultOptional().map(issue -> archived(issue, publication));
    }

    List<PublicationRef> others(long publicationId) {
        return publications.othersThan(publicationId, 4);
    }

    ArchivedIssue archived(Issue issue, PublicationRef publication) {
        return new ArchivedIssue(issue.id, issue.slug, issue.title, issue.subtitle, issue.category, publishedAt(issue),
                renderer.webUrl(publication.slug(), issue.slug), issue.viewCount);
    }

    static Instant publishedAt(Issue issue) {
        return issue.sentAt != null ? issue.sentAt : issue.scheduledAt != null ? issue.scheduledAt : issue.updatedAt;
    }
}
