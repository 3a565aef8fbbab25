package dev.gazette.issue;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;
import dev.gazette.issue.IssueRequests.CreateIssue;
import dev.gazette.issue.IssueRequests.UpdateIssue;
import dev.gazette.publication.Advertising;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * Drafting issues: create, read, change and delete, within a publication the caller manages.
 * An issue that has started sending is never changed again.
 */
@ApplicationScoped
class IssueService {

    private final Publications publications;
    private final IssueRenderer renderer;
    private final IssueConfig config;
    private final Clock clock;
    private final Advertising advertising;

    IssueService(Publications publications, IssueRenderer renderer, IssueConfig config, Advertising advertising,
            Clock clock) {
        this.publications = publications;
        this.advertising = advertising;
        this.renderer = renderer;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    IssueView create(Caller caller, String publicationSlug, CreateIssue request) {
        PublicationRef publication = publications.requireManaged(caller, publicationSlug);
        Issue issue = new Issue();
        issue.publicationId = publication.id();
        issue.title = request.title().strip();
        issue.subtitle = blankToNull(request.subtitle());
        issue.category = blankToNull(request.category());
        issue.bodyMarkdown = body(request.bodyMarkdown());
        issue.templateId = template(publication, request.templateId());
        issue.advertising = advertising(publication, request.advertising(), false);
        issue.access = access(request.access(), IssueAccess.everyone);
        issue.slug = request.slug() == null || request.slug().isBlank()
                ? freeSlug(publication.id(), IssueSlugs.fromTitle(issue.title))
                : takenCheck(publication.id(), IssueSlugs.requireValid(request.slug()), null);
        issue.status = IssueStatus.draft;
        issue.audienceTags = new String[0];
        issue.createdAt = clock.instant();
        issue.updatedAt = issue.createdAt;
        try {
            issue.persistAndFlush();
        } catch (PersistenceException raced) {
            throw IssueErrors.slugTaken(); // a concurrent create took the slug between the check and the insert
        }
        return view(issue, publication);
    }

    @Transactional
    List<IssueView> list(Caller caller, String publicationSlug) {
        PublicationRef publication = publications.requireManaged(caller, publicationSlug);
        return Issue.<Issue>list("publicationId = ?1 and kind = ?2 order by createdAt desc, id desc", publication.id(),
                Issue.KIND_ISSUE).stream()
                .map(issue -> view(issue, publication)).toList();
    }

    @Transactional
    IssueView get(Caller caller, String publicationSlug, long id) {
        PublicationRef publication = publications.requireManaged(caller, publicationSlug);
        return view(find(publication, id, false), publication);
    }

    @Transactional
    IssueView update(Caller caller, String publicationSlug, long id, UpdateIssue request) {
        PublicationRef publication = publications.requireManaged(caller, publicationSlug);
        Issue issue = editable(publication, id);
        if (request.version() != null && request.version() != issue.version) {
            throw IssueErrors.staleVersion(request.version(), issue.version);
        }
        String body = request.bodyMarkdown() == null ? null : body(request.bodyMarkdown());
        Long templateId = request.templateId() == null
                ? issue.templateId
                : request.templateId() == 0 ? null : template(publication, request.templateId());
        String slug = request.slug() == null || request.slug().equals(issue.slug)
                ? followingTitle(publication.id(), issue, request.title())
                : takenCheck(publication.id(), IssueSlugs.requireValid(request.slug()), issue.id);
        setIfPresent(request.title(), v -> issue.title = v.strip());
        setIfPresent(request.subtitle(), v -> issue.subtitle = blankToNull(v));
        setIfPresent(request.category(), v -> issue.category = blankToNull(v));
        setIfPresent(body, v -> issue.bodyMarkdown = v);
        setIfPresent(slug, v -> issue.slug = v);
        issue.templateId = templateId;
        issue.advertising = advertising(publication, request.advertising(), issue.advertising);
        issue.access = access(request.access(), issue.access);
        issue.updatedAt = clock.instant();
        issue.version++;
        return view(issue, publication);
    }

    /** Who may read the issue: as requested (null: as it was); another word is 400 {@code invalid_access}. */
    private static IssueAccess access(String requested, IssueAccess current) {
        if (requested == null) {
            return current;
        }
        try {
            return IssueAccess.valueOf(requested);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidField("access", "invalid_access", "must be everyone, subscribers or paid");
        }
    }

    /** The issue's advertising mark: as requested (null: as it was); marking it needs the publication's contact. */
    private boolean advertising(PublicationRef publication, Boolean requested, boolean current) {
        if (requested == null) {
            return current;
        }
        if (requested && !current) {
            advertising.requireContact(publication.id());
        }
        return requested;
    }

    @Transactional
    void delete(Caller caller, String publicationSlug, long id) {
        PublicationRef publication = publications.requireManaged(caller, publicationSlug);
        editable(publication, id).delete();
    }

    /** The issue in this publication, locked against the scheduler when it is to be changed. */
    static Issue find(PublicationRef publication, long id, boolean lock) {
        Issue issue = lock ? Issue.findById(id, LockModeType.PESSIMISTIC_WRITE) : Issue.findById(id);
        if (issue == null || !issue.publicationId.equals(publication.id()) || !Issue.KIND_ISSUE.equals(issue.kind)) {
            throw IssueErrors.issueNotFound(); // a sequence step's message is edited through its sequence
        }
        return issue;
    }

    static Issue editable(PublicationRef publication, long id) {
        Issue issue = find(publication, id, true);
        if (!issue.editable()) {
            throw IssueErrors.notEditable(issue.status);
        }
        return issue;
    }

    IssueView view(Issue issue, PublicationRef publication) {
        return IssueView.of(issue, publication.timeZone(), renderer.webUrl(publication.slug(), issue.slug));
    }

    String body(String markdown) {
        String body = markdown == null ? "" : markdown;
        if (body.length() > config.maxBodyChars()) {
            throw IssueErrors.bodyTooLarge(config.maxBodyChars());
        }
        return body;
    }

    static Long template(PublicationRef publication, Long templateId) {
        if (templateId == null) {
            return null;
        }
        IssueTemplate template = IssueTemplate.findById(templateId);
        if (template == null || !template.publicationId.equals(publication.id())) {
            throw IssueErrors.unknownTemplate();
        }
        return template.id;
    }

    private static String takenCheck(long publicationId, String slug, Long except) {
        long taken = except == null
                ? Issue.count("publicationId = ?1 and slug = ?2", publicationId, slug)
                : Issue.count("publicationId = ?1 and slug = ?2 and id <> ?3", publicationId, slug, except);
        if (taken > 0) {
            throw IssueErrors.slugTaken();
        }
        return slug;
    }

    private static String freeSlug(long publicationId, String base) {
        return freeSlug(publicationId, base, -1);
    }

    private static String freeSlug(long publicationId, String base, long except) {
        String slug = base;
        for (int n = 2; Issue.count("publicationId = ?1 and slug = ?2 and id <> ?3", publicationId, slug, except) > 0; n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    /**
     * A draft's slug that was made from its title follows a new title (an untitled draft from the
     * studio gets its real address once named); one the writer chose, or an issue that was ever
     * scheduled or sent, keeps its own. Null when the slug stays.
     */
    private static String followingTitle(long publicationId, Issue issue, String newTitle) {
        if (newTitle == null || newTitle.isBlank() || newTitle.strip().equals(issue.title)
                || issue.status != IssueStatus.draft || issue.scheduledAt != null || issue.sentAt != null) {
            return null;
        }
        String derived = IssueSlugs.fromTitle(issue.title);
        boolean fromTitle = issue.slug.matches(Pattern.quote(derived) + "(-\\d+)?")
                || derived.startsWith("issue-") && issue.slug.matches("issue-[0-9a-f]{8}(-\\d+)?");
        String next = IssueSlugs.fromTitle(newTitle.strip());
        if (!fromTitle || next.startsWith("issue-") && issue.slug.startsWith("issue-")) {
            return null; // the writer's own slug, or a title still without Latin letters or digits
        }
        return freeSlug(publicationId, next, issue.id);
    }

    private static <T> void setIfPresent(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
