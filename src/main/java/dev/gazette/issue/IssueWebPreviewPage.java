package dev.gazette.issue;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * The web version of an issue as it will be published, for its writer while it is a draft:
 * {@code GET /studio/publications/{slug}/issues/{id}/web}. The writer's content runs in a sandbox
 * (no script, no form, no same-origin access), as the email's preview does.
 */
@Path("/studio/publications/{slug}/issues/{id}/web")
@Authenticated
class IssueWebPreviewPage {

    private final WebPages pages;
    private final Publications publications;
    private final CurrentCaller caller;

    IssueWebPreviewPage(WebPages pages, Publications publications, CurrentCaller caller) {
        this.pages = pages;
        this.publications = publications;
        this.caller = caller;
    }

    @GET
    public Response preview(@PathParam("slug") String slug, @PathParam("id") long id) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        Issue issue = IssueService.find(publication, id, false);
        String html = WebPages.Templates.web(pages.preview(publication, issue)).render();
        return Response.ok(html, "text/html; charset=UTF-8")
                .header("Content-Security-Policy",
                        "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'")
                .header("X-Robots-Tag", "noindex").header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store").build();
    }
}
