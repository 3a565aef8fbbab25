package dev.gazette.stats;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;

/**
 * The admin console's publications: each with its writer, state and sending health, and the forms
 * (kept by the publication feature) that suspend and reinstate it.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
class AdminPublicationsPage {

    @CheckedTemplate(basePath = "admin")
    static class Templates {
        static native TemplateInstance publications(String lang, String q, AdminPublicationList.Page page, String done,
                String csrf);
    }

    private final AdminPublicationList publications;
    private final CurrentCaller caller;
    private final FormGuard guard;

    AdminPublicationsPage(AdminPublicationList publications, CurrentCaller caller, FormGuard guard) {
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    @Path("/admin/publications")
    public TemplateInstance list(@HeaderParam("Accept-Language") String languages, @QueryParam("q") String q,
            @QueryParam("before") Long before, @QueryParam("done") String done) {
        String lang = Languages.of(languages);
        return Templates.publications(lang, q == null ? "" : q, publications.search(caller.get(), q, before), done,
                guard.token()).setLocale(lang);
    }
}
