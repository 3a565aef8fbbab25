package dev.gazette.publication;

import java.net.URI;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;

/**
 * The admin console's suspension of a publication: a page asking why (the writer reads the reason),
 * and the forms that suspend and reinstate; both go back to the list of publications. A missing or
 * too long reason comes back as the page with the note in words (422); a form without its token is
 * refused (403 {@code csrf_failed}); neither changes anything.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
class AdminPublicationForms {

    static final int REASON_MAX = 500;

    @CheckedTemplate(basePath = "admin")
    static class Templates {
        static native TemplateInstance suspend(String lang, PublicationView publication, String reason, String error,
                String csrf);
    }

    private final PublicationService publications;
    private final CurrentCaller caller;
    private final FormGuard guard;

    AdminPublicationForms(PublicationService publications, CurrentCaller caller, FormGuard guard) {
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    @Path("/admin/publications/{slug}/suspend")
    public TemplateInstance form(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug) {
        String lang = Languages.of(languages);
        return Templates.suspend(lang, publications.get(caller.get(), slug), "", null, guard.token()).setLocale(lang);
    }

    @POST
    @Path("/admin/publications/{slug}/suspend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response suspend(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @RestForm String csrf, @RestForm String reason) {
        guard.check(csrf);
        if (reason == null || reason.isBlank() || reason.strip().length() > REASON_MAX) {
            String lang = Languages.of(languages);
            return Response.status(422).entity(Templates.suspend(lang, publications.get(caller.get(), slug),
                    reason == null ? "" : reason, Languages.admin(lang).admin_reasonRequired(), guard.token())
                    .setLocale(lang)).build();
        }
        publications.suspend(caller.get(), slug, reason);
        return Response.seeOther(URI.create("/admin/publications?done=suspended")).build();
    }

    @POST
    @Path("/admin/publications/{slug}/reinstate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reinstate(@PathParam("slug") String slug, @RestForm String csrf) {
        guard.check(csrf);
        publications.reinstate(caller.get(), slug);
        return Response.seeOther(URI.create("/admin/publications?done=reinstated")).build();
    }
}
