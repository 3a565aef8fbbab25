package dev.gazette.issue;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import dev.gazette.core.StudioText;
import dev.gazette.issue.IssueRequests.SaveTemplate;
import dev.gazette.issue.TemplateService.TemplateView;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * The studio's pages of a publication's writer templates: the list, a new one, one to edit or
 * delete. A source the sandbox refuses comes back as typed (422), with the line and column at
 * fault next to it; nothing is saved.
 */
@Path("/studio/publications/{slug}/templates")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class TemplatePages {

    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** One template in the list, its last change in the publication's time zone. */
    record Line(long id, String name, String updated) {
    }

    /** What the form holds, as typed. */
    record Form(String name, String source) {
    }

    /** Where the sandbox refused the source, and why, in the page's words. */
    record Refusal(int line, int column, String note, String detail) {
    }

    /** The posted form. */
    public static class Posted {
        @RestForm
        public String csrf;
        @RestForm
        public String name;
        @RestForm
        public String source;

        Form form() {
            return new Form(name == null ? "" : name, source == null ? "" : source);
        }
    }

    @CheckedTemplate(basePath = "issue")
    static class Templates {
        static native TemplateInstance templates(String lang, PublicationRef publication, List<Line> lines,
                boolean deleted, String csrf, boolean admin);

        static native TemplateInstance template(String lang, PublicationRef publication, Long id, Form form,
                Map<String, String> errors, Refusal refusal, String problem, boolean saved, String csrf,
                boolean admin);
    }

    private final TemplateService templates;
    private final Publications publications;
    private final CurrentCaller caller;
    private final FormGuard guard;
    private final Validator validator;

    TemplatePages(TemplateService templates, Publications publications, CurrentCaller caller, FormGuard guard,
            Validator validator) {
        this.templates = templates;
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
        this.validator = validator;
    }

    @GET
    public TemplateInstance list(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @QueryParam("deleted") String deleted) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        ZoneId zone = ZoneId.of(publication.timeZone());
        List<Line> lines = templates.list(caller.get(), slug).stream()
                .map(t -> new Line(t.id(), t.name(), updated(t.updatedAt(), zone))).toList();
        String lang = Languages.of(languages);
        return Templates.templates(lang, publication, lines, deleted != null, guard.token(), caller.get().isAdmin())
                .setLocale(lang);
    }

    @GET
    @Path("/new")
    public TemplateInstance blank(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        return page(Languages.of(languages), publication, null, new Form("", ""), Map.of(), null, null, false);
    }

    @POST
    @Path("/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @BeanParam Posted posted) {
        guard.check(posted.csrf);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        Form form = posted.form();
        try {
            TemplateView created = templates.create(caller.get(), slug, request(form));
            return Response.seeOther(editPath(slug, created.id(), "?saved=1")).build();
        } catch (SandboxedQute.Rejected | DomainException e) {
            return refused(Languages.of(languages), publication, null, form, e);
        }
    }

    @GET
    @Path("/{id}")
    public TemplateInstance edit(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @QueryParam("saved") String saved) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        TemplateView template = templates.get(caller.get(), slug, id);
        return page(Languages.of(languages), publication, id, new Form(template.name(), template.source()), Map.of(),
                null, null, saved != null);
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @BeanParam Posted posted) {
        guard.check(posted.csrf);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        templates.get(caller.get(), slug, id); // 404 for a template of another publication, before any check
        Form form = posted.form();
        try {
            templates.update(caller.get(), slug, id, request(form));
            return Response.seeOther(editPath(slug, id, "?saved=1")).build();
        } catch (SandboxedQute.Rejected | DomainException e) {
            return refused(Languages.of(languages), publication, id, form, e);
        }
    }

    @POST
    @Path("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        try {
            templates.delete(caller.get(), slug, id);
            return Response.seeOther(URI.create("/studio/publications/" + slug + "/templates?deleted=1")).build();
        } catch (DomainException e) {
            if (!"template_in_use".equals(e.code())) {
                throw e;
            }
            String lang = Languages.of(languages);
            TemplateView template = templates.get(caller.get(), slug, id);
            return Response.status(409).entity(page(lang, publication, id, new Form(template.name(), template.source()),
                    Map.of(), null, text(lang).templateInUse(), false)).build();
        }
    }

    /** The form as the API's request; an empty or badly formed name is refused with the form's notes. */
    private SaveTemplate request(Form form) {
        SaveTemplate request = new SaveTemplate(form.name(), form.source());
        FieldNotes.check(validator.validate(request), List.of());
        return request;
    }

    /** The page again with what was typed: 422, with the sandbox's line and column or a note next to each field. */
    private Response refused(String lang, PublicationRef publication, Long id, Form form, RuntimeException e) {
        StudioText text = text(lang);
        if (e instanceof SandboxedQute.Rejected rejected) {
            String why = "template_forbidden".equals(rejected.code) ? text.refused_forbidden() : text.refused_syntax();
            Refusal refusal = new Refusal(rejected.line, rejected.column,
                    text.position(String.valueOf(rejected.line), String.valueOf(rejected.column)) + ": " + why,
                    rejected.getMessage());
            return Response.status(422).entity(page(lang, publication, id, form, Map.of(), refusal, null, false)).build();
        }
        DomainException refusedForm = (DomainException) e;
        List<FieldError> errors = "template_too_large".equals(refusedForm.code())
                ? List.of(new FieldError("source", "invalid_length", refusedForm.getMessage()))
                : refusedForm.fieldErrors();
        if (errors.isEmpty()) {
            throw refusedForm;
        }
        Map<String, String> notes = FieldNotes.of(lang, errors, TemplatePages::label);
        return Response.status(422).entity(page(lang, publication, id, form, notes, null, null, false)).build();
    }

    private TemplateInstance page(String lang, PublicationRef publication, Long id, Form form,
            Map<String, String> errors, Refusal refusal, String problem, boolean saved) {
        return Templates.template(lang, publication, id, form, errors, refusal, problem, saved, guard.token(),
                caller.get().isAdmin()).setLocale(lang);
    }

    private static Function<String, String> label(StudioText text) {
        return field -> "name".equals(field) ? text.field_templateName() : text.field_templateSource();
    }

    private static StudioText text(String lang) {
        return Languages.studio(lang);
    }

    private static URI editPath(String slug, long id, String query) {
        return URI.create("/studio/publications/" + slug + "/templates/" + id + query);
    }

    private static String updated(Instant at, ZoneId zone) {
        return UPDATED.withZone(zone).format(at);
    }
}
