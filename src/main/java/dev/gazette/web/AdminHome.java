package dev.gazette.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;

/** The admin console's front page: a link to each of its pages, each page kept by its own feature. */
@Path("/")
@RolesAllowed("admin")
class AdminHome {

    @CheckedTemplate(basePath = "admin")
    static class Templates {
        static native TemplateInstance home(String lang, String csrf);
    }

    private final FormGuard guard;

    AdminHome(FormGuard guard) {
        this.guard = guard;
    }

    @GET
    @Path("/admin")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home(@HeaderParam("Accept-Language") String languages) {
        String lang = Languages.of(languages);
        return Templates.home(lang, guard.token()).setLocale(lang);
    }
}
