package dev.gazette.issue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** A publication's Atom feed: {@code GET /p/{slug}/feed.xml}. */
@Path("/p/{slug}/feed.xml")
class FeedResource {

    private final AtomFeed feed;

    FeedResource(AtomFeed feed) {
        this.feed = feed;
    }

    @GET
    public Response feed(@PathParam("slug") String slug) {
        return Response.ok(feed.feed(slug), "application/atom+xml; charset=UTF-8").build();
    }
}
