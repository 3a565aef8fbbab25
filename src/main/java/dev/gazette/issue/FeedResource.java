package dev.gazette.issue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import dev.gazette.core.PageCache;
import dev.gazette.core.PublicResponses;

/** A publication's Atom feed: {@code GET /p/{slug}/feed.xml}, kept and cacheable like its page. */
@Path("/p/{slug}/feed.xml")
class FeedResource {

    private final AtomFeed feed;
    private final PageCache cache;
    private final PublicResponses responses;

    FeedResource(AtomFeed feed, PageCache cache, PublicResponses responses) {
        this.feed = feed;
        this.cache = cache;
        this.responses = responses;
    }

    @GET
    public Response feed(@PathParam("slug") String slug, @Context Request request) {
        PageCache.Page page = cache.get("feed:" + slug, () -> feed.feed(slug));
        return responses.shared(request, page, "application/atom+xml; charset=UTF-8");
    }
}
