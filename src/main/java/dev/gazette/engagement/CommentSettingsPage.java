package dev.gazette.engagement;

import java.net.URI;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
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
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/** The studio page where a writer chooses who may comment on a publication's issues. */
@Path("/studio/publications/{slug}/comments")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class CommentSettingsPage {

    @CheckedTemplate(basePath = "engagement")
    static class Templates {
        static native TemplateInstance commentSettings(String lang, PublicationRef publication, String policy,
                boolean saved, String csrf, boolean admin);
    }

    private final CommentModeration moderation;
    private final Publications publications;
    private final CurrentCaller caller;
    private final FormGuard guard;

    CommentSettingsPage(CommentModeration moderation, Publications publications, CurrentCaller caller, FormGuard guard) {
        this.moderation = moderation;
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    public TemplateInstance show(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @QueryParam("saved") String saved) {
        String lang = Languages.of(languages);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        return Templates.commentSettings(lang, publication, moderation.policy(caller.get(), slug), saved != null,
                guard.token(), caller.get().isAdmin()).setLocale(lang);
    }

    /** A policy other than the three is refused with the API's problem ({@code invalid_policy}); nothing changes. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("slug") String slug, @RestForm String csrf, @RestForm String commentPolicy) {
        guard.check(csrf);
        moderation.setPolicy(caller.get(), slug, commentPolicy);
        return Response.seeOther(URI.create("/studio/publications/" + slug + "/comments?saved=1")).build();
    }
}
