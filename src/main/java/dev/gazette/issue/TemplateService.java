package dev.gazette.issue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;
import dev.gazette.issue.IssueRequests.SaveTemplate;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * A publication's writer templates. Every source is parsed by the sandbox before it is stored:
 * a template that does not parse, or that uses what the sandbox forbids, is never saved.
 */
@ApplicationScoped
class TemplateService {

    record TemplateView(long id, String name, String source, Instant createdAt, Instant updatedAt) {
        static TemplateView of(IssueTemplate t) {
            return new TemplateView(t.id, t.name, t.source, t.createdAt, t.updatedAt);
        }
    }

    private final Publications publications;
    private final SandboxedQute sandbox;
    private final IssueConfig config;
    private final Clock clock;

    TemplateService(Publications publications, SandboxedQute sandbox, IssueConfig config, Clock clock) {
        this.publications = publications;
        this.sandbox = sandbox;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    TemplateView create(Caller caller, String publicationSlug, SaveTemplate request) {
        PublicationRef publication = publications.requireManaged(caller, publicationSlug);
        check(request.source());
        IssueTemplate template = new IssueTemplate();
        template.publicationId = publication.id();
        template.name = request.name().strip();
        template.source = request.source();
        template.createdAt = clock.instant();
        template.updatedAt = template.createdAt;
        template.persist();
        return TemplateView.of(template);
    }

    @Transactional
    List<TemplateView> list(Caller caller, String publicationSlug) {
        PublicationRef publication = publications.requireManaged(caller, publicationSlug);
        return IssueTemplate.<IssueTemplate>list("publicationId = ?1 order by id", publication.id()).stream()
                .map(TemplateView::of).toList();
    }

    @Transactional
    TemplateView get(Caller caller, String publicationSlug, long id) {
        return TemplateView.of(find(publications.requireManaged(caller, publicationSlug), id));
    }

    @Transactional
    TemplateView update(Caller caller, String publicationSlug, long id, SaveTemplate request) {
        IssueTemplate template = find(publications.requireManaged(caller, publicationSlug), id);
        check(request.source());
        template.name = request.name().strip();
        template.source = request.source();
        template.updatedAt = clock.instant();
        return TemplateView.of(template);
    }

    /** Refused while an issue that is not sent yet uses the template; the web page never uses templates. */
    @Transactional
    void delete(Caller caller, String publicationSlug, long id) {
        IssueTemplate template = find(publications.requireManaged(caller, publicationSlug), id);
        if (Issue.count("templateId = ?1 and status in ?2", template.id,
                List.of(IssueStatus.draft, IssueStatus.scheduled, IssueStatus.sending, IssueStatus.paused)) > 0) {
            throw IssueErrors.templateInUse();
        }
        template.delete();
    }

    private void check(String source) {
        if (source.length() > config.maxTemplateChars()) {
            throw new DomainException(Kind.TOO_LARGE, "template_too_large",
                    "A template may have at most " + config.maxTemplateChars() + " characters");
        }
        sandbox.parse(source);
    }

    private static IssueTemplate find(PublicationRef publication, long id) {
        IssueTemplate template = IssueTemplate.findById(id);
        if (template == null || !template.publicationId.equals(publication.id())) {
            throw IssueErrors.templateNotFound();
        }
        return template;
    }
}
