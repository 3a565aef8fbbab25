package dev.gazette.issue;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.LoginClaims;
import dev.gazette.core.ClientAddresses;
import dev.gazette.core.PageCache;
import dev.gazette.core.PublicResponses;

/**
 * The web version of a published issue: {@code GET /p/{slug}/{issueSlug}}. Readers without a token
 * get the same page, kept and cacheable; a reader with their token ({@code r}) or the writer
 * logged in gets a page made for them, which no one keeps; so does a browser that runs no script
 * and asks for the page's forms ({@code ?forms}).
 */
@Path("/p/{slug}/{issueSlug}")
class IssuePageResource {

    private static final String HTML = MediaType.TEXT_HTML + "; charset=UTF-8";

    private final WebPages pages;
    private final ViewCounter views;
    private final ClientAddresses clients;
    private final PublicResponses responses;
    private final SecurityIdentity identity;
    private final LoginClaims logins;

    IssuePageResource(WebPages pages, ViewCounter views, ClientAddresses clients, PublicResponses responses,
            SecurityIdentity identity, LoginClaims logins) {
        this.logins = logins;
        this.pages = pages;
        this.views = views;
        this.clients = clients;
        this.responses = responses;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("slug") String slug, @PathParam("issueSlug") String issueSlug,
            @QueryParam("r") String readerToken, @QueryParam("forms") String forms,
            @HeaderParam("User-Agent") String userAgent,
            @Context HttpServerRequest http, @Context Request request) {
        // HEAD is how link checkers look: it shows the page but counts no view
        boolean counts = http.method() != HttpMethod.HEAD;
        // ?forms: the page with its forms ready, for a browser that runs no script
        boolean anonymous = !logins.claimed(http) || identity.isAnonymous();
        if ((readerToken == null || readerToken.isBlank()) && forms == null && anonymous) {
            PageCache.Page page = pages.shared(slug, issueSlug);
            if (counts) {
                views.record(page.subjectId(), clients.of(http), userAgent);
            }
            return responses.shared(request, page, HTML);
        }
        String client = clients.of(http);
        WebPages.Personal personal = pages.personal(slug, issueSlug, readerToken, client, userAgent);
        if (counts) {
            views.record(personal.issueId(), client, userAgent);
        }
        return responses.personal(WebPages.Templates.web(personal.page()).render(), HTML);
    }
}
