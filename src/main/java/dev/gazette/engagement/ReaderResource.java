package dev.gazette.engagement;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.Caller;
import dev.gazette.account.CurrentCaller;
import dev.gazette.core.ClientAddresses;
import dev.gazette.core.FormGuard;
import dev.gazette.core.RateLimiter;
import dev.gazette.engagement.CommentService.NewComment;
import dev.gazette.engagement.ReaderLinks.Target;
import dev.gazette.engagement.ReaderRequests.CommentBody;
import dev.gazette.engagement.ReaderRequests.CommentEdit;
import dev.gazette.engagement.ReaderRequests.ReaderToken;
import dev.gazette.engagement.ReaderRequests.TipBody;
import dev.gazette.engagement.TipService.TipRequest;
import dev.gazette.issue.ViewCounter;

/**
 * What readers do on an issue's web page: comment, like, tip. Each takes JSON (API clients; no
 * cookie acts for them) or the page's form, which must carry the page's CSRF token and is answered
 * with a redirect back to the page.
 */
@Path("/p/{slug}/{issueSlug}")
@Produces(MediaType.APPLICATION_JSON)
class ReaderResource {

    private final ReaderLinks links;
    private final CommentService comments;
    private final LikeService likes;
    private final TipService tips;
    private final RateLimiter rateLimiter;
    private final EngagementConfig config;
    private final FormGuard guard;
    private final SecurityIdentity identity;
    private final CurrentCaller caller;
    private final ClientAddresses clients;
    private final ViewCounter views;

    ReaderResource(ReaderLinks links, CommentService comments, LikeService likes, TipService tips,
            RateLimiter rateLimiter, EngagementConfig config, FormGuard guard, SecurityIdentity identity,
            CurrentCaller caller, ClientAddresses clients, ViewCounter views) {
        this.links = links;
        this.comments = comments;
        this.likes = likes;
        this.tips = tips;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.guard = guard;
        this.identity = identity;
        this.caller = caller;
        this.clients = clients;
        this.views = views;
    }

    /** What the shared page's script learns about this browser: its forms' token, and its like. */
    record Seen(String csrf, long views, long likes, boolean liked) {
    }

    /**
     * The beacon of the shared web version (see assets/reader.js): counts the view (the page itself
     * may have come from a cache in front), sets the form cookie, and answers the forms' token and
     * whether this reader liked the issue.
     */
    @POST
    @Path("seen")
    public Response seen(@PathParam("slug") String slug, @PathParam("issueSlug") String issueSlug,
            @HeaderParam("User-Agent") String userAgent, @Context HttpServerRequest http) {
        Target target = links.target(slug, issueSlug);
        String client = clients.of(http);
        views.record(target.issue().id(), client, userAgent);
        LikeService.Likes liked = likes.of(target.issue().id(), target.publication().id(), null, client, userAgent);
        return Response.ok(new Seen(guard.token(), views.count(target.issue().id()), liked.count(), liked.liked()))
                .header("Cache-Control", "no-store").build();
    }

    /** The issue's visible comments, pinned first. */
    @GET
    @Path("comments")
    public List<EngagementViews.CommentView> comments(@PathParam("slug") String slug,
            @PathParam("issueSlug") String issueSlug) {
        return comments.visible(links.target(slug, issueSlug).issue().id()).stream()
                .map(EngagementViews.CommentView::of).toList();
    }

    @POST
    @Path("comments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response comment(@PathParam("slug") String slug, @PathParam("issueSlug") String issueSlug, CommentBody body,
            @Context HttpServerRequest http) {
        CommentBody request = body == null ? new CommentBody(null, null, null, null, null) : body;
        rateLimiter.acquire("comment", clients.of(http), config.commentsPerMinute());
        CommentService.Posted posted = comments.post(links.target(slug, issueSlug), new NewComment(request.body(),
                request.name(), request.email(), request.parentId(), request.token()), writer());
        return Response.status(201).entity(posted).build();
    }

    @POST
    @Path("comments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response commentForm(@PathParam("slug") String slug, @PathParam("issueSlug") String issueSlug,
            @FormParam("body") String body, @FormParam("name") String name, @FormParam("email") String email,
            @FormParam("parentId") String parentId, @FormParam("r") String reader, @FormParam("csrf") String csrf,
            @Context HttpServerRequest http) {
        guard.check(csrf);
        rateLimiter.acquire("comment", clients.of(http), config.commentsPerMinute());
        Target target = links.target(slug, issueSlug);
        Long parent = parentId == null || parentId.isBlank() ? null : parseId(parentId);
        CommentService.Posted posted = comments.post(target, new NewComment(body, name, email, parent, reader), writer());
        return back(target, reader, switch (posted.status()) {
            case "pending" -> "comment-pending";
            case "held" -> "comment-held";
            default -> "comment-" + posted.id();
        });
    }

    @PATCH
    @Path("comments/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response edit(@PathParam("slug") String slug, @PathParam("issueSlug") String issueSlug,
            @PathParam("id") long id, CommentEdit body) {
        comments.edit(links.target(slug, issueSlug), id, body == null ? null : body.body(), body == null ? null : body.token());
        return Response.noContent().build();
    }

    @DELETE
    @Path("comments/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response delete(@PathParam("slug") String slug, @PathParam("issueSlug") String issueSlug,
            @PathParam("id") long id, ReaderToken body) {
        comments.delete(links.target(slug, issueSlug), id, body == null ? null : body.token());
        return Response.noContent().build();
    }

    @POST
    @Path("like")
    @Consumes(MediaType.APPLICATION_JSON)
    public LikeService.Likes like(@PathParam("slug") String slug, @PathParam("issueSlug") String issueSlug,
            ReaderToken body, @HeaderParam("User-Agent") String userAgent, @Context HttpServerRequest http) {
        rateLimiter.acquire("like", clients.of(http), config.likesPerMinute());
        return likes.like(links.target(slug, issueSlug), body == null ? null : body.token(), clients.of(http), userAgent);
    }

    @DELETE
    @Path("like")
    public LikeService.Likes unlike(@PathParam("slug") String slug, @PathParam("issueSlug") String issueSlug,
            ReaderToken body, @HeaderParam("User-Agent") String userAgent, @Context HttpServerRequest http) {
        rateLimiter.acquire("like", clients.of(http), config.likesPerMinute());
        return likes.unlike(links.target(slug, issueSlug), body == null ? null : body.token(), clients.of(http),
                userAgent);
    }

    @POST
    @Path("like")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response likeForm(@PathParam("slug") String slug, @PathParam("issueSlug") String issueSlug,
            @FormParam("action") String action, @FormParam("r") String reader, @FormParam("csrf") String csrf,
            @HeaderParam("User-Agent") String userAgent, @Context HttpServerRequest http) {
        guard.check(csrf);
        rateLimiter.acquire("like", clients.of(http), config.likesPerMinute());
        Target target = links.target(slug, issueSlug);
        if ("unlike".equals(action)) {
            likes.unlike(target, reader, clients.of(http), userAgent);
        } else {
            likes.like(target, reader, clients.of(http), userAgent);
        }
        return back(target, reader, "like");
    }

    @POST
    @Path("tips")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response tip(@PathParam("slug") String slug, @PathParam("issueSlug") String issueSlug, TipBody body,
            @Context HttpServerRequest http) {
        TipBody request = body == null ? new TipBody(null, null, null, null, null, null) : body;
        rateLimiter.acquire("tip", clients.of(http), config.tipsPerMinute());
        TipService.Asked asked = tips.ask(links.target(slug, issueSlug), new TipRequest(request.coffees(), request.name(),
                request.email(), request.message(), request.currency(), request.token()));
        return Response.status(201).entity(asked).build();
    }

    @POST
    @Path("tips")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response tipForm(@PathParam("slug") String slug, @PathParam("issueSlug") String issueSlug,
            @FormParam("coffees") String coffees, @FormParam("name") String name, @FormParam("email") String email,
            @FormParam("message") String message, @FormParam("r") String reader, @FormParam("csrf") String csrf,
            @Context HttpServerRequest http) {
        guard.check(csrf);
        rateLimiter.acquire("tip", clients.of(http), config.tipsPerMinute());
        Integer count = coffees == null || !coffees.strip().matches("-?\\d{1,9}") ? null : Integer.valueOf(coffees.strip());
        TipService.Asked asked = tips.ask(links.target(slug, issueSlug),
                new TipRequest(count, name, email, message, null, reader));
        return Response.seeOther(URI.create(links.redirect(asked.checkoutUrl()))).build();
    }

    private Optional<Caller> writer() {
        return identity.isAnonymous() ? Optional.empty() : Optional.of(caller.get());
    }

    private Response back(Target target, String reader, String anchor) {
        String query = reader == null || reader.isBlank()
                ? ""
                : "?r=" + java.net.URLEncoder.encode(reader,
                        java.nio.charset.StandardCharsets.UTF_8);
        return Response.seeOther(URI.create(links.redirect(target.issue().url()) + query + "#" + anchor)).build();
    }

    private static long parseId(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw dev.gazette.core.DomainException.invalidField("parentId", "invalid_parent", "is not a comment id");
        }
    }

}
