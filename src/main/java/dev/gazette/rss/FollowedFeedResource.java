package dev.gazette.rss;

import java.net.URI;
import java.util.List;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;
import dev.gazette.rss.FeedRequests.CreateFeed;
import dev.gazette.rss.FeedRequests.UpdateFeed;
import dev.gazette.rss.FeedViews.FeedView;
import dev.gazette.rss.FeedViews.ItemView;

/**
 * The feeds a publication follows: {@code /api/v1/publications/{slug}/feeds}, a fetch on demand,
 * and the items seen with the issues they became. (Gazette's own outgoing Atom feed is
 * {@code issue.FeedResource}, another thing.)
 */
@Path("/api/v1/publications/{slug}/feeds")
@Authenticated
class FollowedFeedResource {

    private final FeedService feeds;
    private final FeedActivity activity;
    private final CurrentCaller caller;

    FollowedFeedResource(FeedService feeds, FeedActivity activity, CurrentCaller caller) {
        this.feeds = feeds;
        this.activity = activity;
        this.caller = caller;
    }

    @GET
    public List<FeedView> list(@PathParam("slug") String slug) {
        return feeds.list(caller.get(), slug);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("slug") String slug, @NotNull @Valid CreateFeed request) {
        FeedView created = feeds.create(caller.get(), slug, request);
        return Response.created(URI.create("/api/v1/publications/" + slug + "/feeds/" + created.id())).entity(created)
                .build();
    }

    @GET
    @Path("/{id: \\d+}")
    public FeedView get(@PathParam("slug") String slug, @PathParam("id") long id) {
        return feeds.get(caller.get(), slug, id);
    }

    @PATCH
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public FeedView update(@PathParam("slug") String slug, @PathParam("id") long id,
            @NotNull @Valid UpdateFeed request) {
        return feeds.update(caller.get(), slug, id, request);
    }

    @DELETE
    @Path("/{id: \\d+}")
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        feeds.delete(caller.get(), slug, id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id: \\d+}/fetch")
    public FeedView fetch(@PathParam("slug") String slug, @PathParam("id") long id) {
        return activity.fetchNow(caller.get(), slug, id);
    }

    @GET
    @Path("/{id: \\d+}/items")
    public List<ItemView> items(@PathParam("slug") String slug, @PathParam("id") long id) {
        return activity.items(caller.get(), slug, id);
    }
}
