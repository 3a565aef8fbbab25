package dev.gazette.issue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.Authenticated;
import jakarta.validation.Validator;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.DomainException;
import dev.gazette.core.FieldError;
import dev.gazette.core.FieldNotes;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.issue.IssueRequests.UpdateIssue;
import dev.gazette.publication.AdvertisingText;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * The studio's editor of one issue: its title, subtitle, category, slug and Markdown body, with
 * the email's preview beside it. The page saves by itself through the API, naming the version it
 * was loaded at; without scripts, its form saves the same way. A save from an older version is
 * refused (409) and the page keeps the writer's text, so nothing is lost.
 */
@Path("/studio/publications/{slug}/issues/{id}/edit")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class IssueEditorPage {

    /** The editor's fields as typed. */
    record Draft(String title, String subtitle, String category, String slug, String bodyMarkdown, int version,
            boolean advertising, String access) {

        static Draft of(IssueView issue) {
            return new Draft(issue.title(), issue.subtitle(), issue.category(), issue.slug(), issue.bodyMarkdown(),
                    issue.version(), issue.advertising(), issue.access());
        }
    }

    /** The posted form. */
    public static class Posted {
        @RestForm
        public String csrf;
        @RestForm
        public String title;
        @RestForm
        public String subtitle;
        @RestForm
        public String category;
        @RestForm
        public String issueSlug;
        @RestForm
        public String bodyMarkdown;
        @RestForm
        public int version;
        /** The checkbox sends {@code true}; left unticked, it sends nothing. */
        @RestForm
        public boolean advertising;
        /** Who may read the issue ({@link IssueAccess}); left out, unchanged. */
        @RestForm
        public String access;
    }

    @CheckedTemplate(basePath = "issue")
    static class Templates {
        static native TemplateInstance editor(String lang, PublicationRef publication, IssueView issue, Draft draft,
                Map<String, String> errors, boolean conflict, boolean saved, String csrf, boolean admin, String me,
                String tested, List<TemplateService.TemplateView> templates, Integer clippedKb);
    }

    private final IssueService issues;
    private final Publications publications;
    private final CurrentCaller caller;
    private final FormGuard guard;
    private final Validator validator;
    private final TemplateService templates;
    private final IssueSending sending;

    IssueEditorPage(IssueService issues, Publications publications, CurrentCaller caller, FormGuard guard,
            Validator validator, TemplateService templates, IssueSending sending) {
        this.sending = sending;
        this.issues = issues;
        this.templates = templates;
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
        this.validator = validator;
    }

    @GET
    public TemplateInstance edit(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @QueryParam("saved") String saved, @QueryParam("tested") String tested) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        IssueView issue = issues.get(caller.get(), slug, id);
        return page(Languages.of(languages), publication, issue, Draft.of(issue), Map.of(), false, saved != null, tested);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @BeanParam Posted posted) {
        guard.check(posted.csrf);
        String lang = Languages.of(languages);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        IssueView issue = issues.get(caller.get(), slug, id);
        Draft draft = new Draft(posted.title, posted.subtitle, posted.category, posted.issueSlug, posted.bodyMarkdown,
                posted.version, posted.advertising, posted.access == null ? issue.access() : posted.access);
        UpdateIssue request = new UpdateIssue(posted.title == null || posted.title.isBlank() ? "" : posted.title,
                orEmpty(posted.subtitle), orEmpty(posted.category),
                posted.issueSlug == null || posted.issueSlug.isBlank() ? null : posted.issueSlug.strip(),
                orEmpty(posted.bodyMarkdown), null, posted.version, posted.advertising,
                posted.access == null || posted.access.isBlank() ? null : posted.access);
        try {
            // an editor's title left empty is a missing title, not a title to clear
            FieldNotes.check(validator.validate(request), posted.title == null || posted.title.isBlank()
                    ? List.of(new FieldError("title", "required", "is required"))
                    : List.of());
            issues.update(caller.get(), slug, id, request);
            return Response.seeOther(URI.create("/studio/publications/" + slug + "/issues/" + id + "/edit?saved=1"))
                    .build();
        } catch (DomainException e) {
            if ("stale_version".equals(e.code())) {
                return Response.status(409).entity(page(lang, publication, issue, draft, Map.of(), true, false, null)).build();
            }
            if (e.fieldErrors().isEmpty()) {
                throw e;
            }
            Map<String, String> errors = FieldNotes.of(lang, e.fieldErrors(), text -> field -> switch (field) {
                case "title" -> text.field_title();
                case "subtitle" -> text.field_subtitle();
                case "category" -> text.field_category();
                case "slug" -> text.field_issueSlug();
                case "advertising" -> MessageBundles.get(AdvertisingText.class, Localized.Literal.of(lang)).advertisingField();
                default -> text.field_bodyMarkdown();
            });
            Map<String, String> byInput = new LinkedHashMap<>();
            errors.forEach((field, note) -> byInput.putIfAbsent("slug".equals(field) ? "issueSlug" : field, note));
            return Response.status(422).entity(page(lang, publication, issue, draft, byInput, false, false, null)).build();
        }
    }

    private TemplateInstance page(String lang, PublicationRef publication, IssueView issue, Draft draft,
            Map<String, String> errors, boolean conflict, boolean saved, String tested) {
        return Templates.editor(lang, publication, issue, draft, errors, conflict, saved, guard.token(),
                caller.get().isAdmin(), caller.get().email(), tested, templates.list(caller.get(), publication.slug()),
                clippedKb(publication, issue)).setLocale(lang);
    }

    /**
     * The email's HTML size in kilobytes when Gmail would clip it (past 102 KB it shows "[Message
     * clipped]" and hides the rest, the unsubscribe link and the open pixel included); null otherwise,
     * or when the issue cannot be rendered (the preview says why).
     */
    private Integer clippedKb(PublicationRef publication, IssueView issue) {
        try {
            RenderedIssue rendered = sending.preview(caller.get(), publication.slug(), issue.id());
            return rendered.warnings().contains(RenderedIssue.GMAIL_CLIPPING) ? (rendered.htmlBytes() + 1023) / 1024 : null;
        } catch (DomainException e) {
            return null;
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
