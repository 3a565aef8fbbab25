package dev.gazette.issue;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.core.ClientAddresses;

/** The web version of a published issue: {@code GET /p/{slug}/{issueSlug}}. */
@Path("/p/{slug}/{issueSlug}")
class IssuePageResource {

    @CheckedTemplate(basePath = "issue")
    static class Templates {
        static native TemplateInstance web(WebPages.Page page);
    }

    private final WebPages pages;
    private final ClientAddresses clients;

    IssuePageResource(WebPages pages, ClientAddresses clients) {
        this.pages = pages;
        this.clients = clients;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@PathParam("slug") String slug, @PathParam("issueSlug") String issueSlug,
            @QueryParam("r") String readerToken, @HeaderParam("User-Agent") String userAgent,
            @Context HttpServerRequest request) {
        // HEAD is how link checkers look: it shows the page but counts no view
        boolean head = request.method() == io.vertx.core.http.HttpMethod.HEAD;
        return Templates.web(pages.page(slug, issueSlug, readerToken, clients.of(request),
                head ? null : userAgent));
    }
}
