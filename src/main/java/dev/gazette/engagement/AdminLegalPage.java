package dev.gazette.engagement;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
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
import dev.gazette.core.FieldNotes;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;

/**
 * The admin console's footer pages: each edited in Markdown, each save a new version, every
 * version listed. A refused form (no title, no body) comes back as typed with a note next to the
 * field (422); a form without its token is refused (403 {@code csrf_failed}).
 */
@Path("/admin/legal")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
class AdminLegalPage {

    /** A page kind with where readers read it. */
    record Kind(String kind, String path, int version) {
    }

    @CheckedTemplate(basePath = "admin")
    static class Templates {
        static native TemplateInstance legal(String lang, List<Kind> kinds, String csrf);

        static native TemplateInstance legalPage(String lang, Kind kind, String title, String body,
                List<LegalPages.Version> versions, Map<String, String> errors, boolean done, String csrf);
    }

    private final LegalPages pages;
    private final CurrentCaller caller;
    private final FormGuard guard;

    AdminLegalPage(LegalPages pages, CurrentCaller caller, FormGuard guard) {
        this.pages = pages;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    public TemplateInstance list(@HeaderParam("Accept-Language") String languages) {
        String lang = Languages.of(languages);
        List<Kind> kinds = LegalPages.KINDS.stream().map(this::kind).toList();
        return Templates.legal(lang, kinds, guard.token()).setLocale(lang);
    }

    @GET
    @Path("/{kind}")
    public TemplateInstance edit(@HeaderParam("Accept-Language") String languages, @PathParam("kind") String kind,
            @QueryParam("done") String done) {
        String lang = Languages.of(languages);
        LegalPages.Version current = pages.current(kind);
        return page(lang, kind, current.title(), current.bodyMarkdown(), Map.of(), done != null);
    }

    @POST
    @Path("/{kind}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response publish(@HeaderParam("Accept-Language") String languages, @PathParam("kind") String kind,
            @RestForm String csrf, @RestForm String title, @RestForm String bodyMarkdown) {
        guard.check(csrf);
        try {
            pages.publish(caller.get(), kind, title, bodyMarkdown);
        } catch (DomainException e) {
            if (e.fieldErrors().isEmpty()) {
                throw e;
            }
            String lang = Languages.of(languages);
            Map<String, String> errors = FieldNotes.of(lang, e.fieldErrors(),
                    text -> field -> "title".equals(field) ? text.field_title() : text.field_bodyMarkdown());
            return Response.status(422).entity(page(lang, kind, title, bodyMarkdown, errors, false)).build();
        }
        return Response.seeOther(URI.create("/admin/legal/" + kind + "?done=1")).build();
    }

    private TemplateInstance page(String lang, String kind, String title, String body, Map<String, String> errors,
            boolean done) {
        return Templates.legalPage(lang, kind(kind), title == null ? "" : title, body == null ? "" : body,
                pages.versions(caller.get(), kind), errors, done, guard.token()).setLocale(lang);
    }

    private Kind kind(String kind) {
        String path = switch (kind) {
            case "terms" -> "/terms";
            case "privacy" -> "/privacy";
            default -> "/terms/recurring";
        };
        return new Kind(kind, path, pages.current(kind).version());
    }
}
