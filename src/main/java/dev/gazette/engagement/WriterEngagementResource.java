package dev.gazette.engagement;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.DomainException;
import dev.gazette.engagement.EngagementViews.CommentView;
import dev.gazette.engagement.EngagementViews.NoteView;
import dev.gazette.engagement.EngagementViews.TipView;
import dev.gazette.engagement.ReaderRequests.BlockRequest;
import dev.gazette.engagement.ReaderRequests.Moderation;
import dev.gazette.engagement.ReaderRequests.NoteMark;
import dev.gazette.engagement.ReaderRequests.Policy;
import dev.gazette.engagement.ReaderRequests.Reply;

/** The writer's API for what readers sent: comments (and their moderation), notes and tips. */
@Path("/api/v1/publications/{slug}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class WriterEngagementResource {

    private final CommentModeration moderation;
    private final NoteService notes;
    private final TipService tips;
    private final CommentBlocks blocks;
    private final CurrentCaller caller;

    WriterEngagementResource(CommentModeration moderation, CommentBlocks blocks, NoteService notes, TipService tips,
            CurrentCaller caller) {
        this.moderation = moderation;
        this.blocks = blocks;
        this.notes = notes;
        this.tips = tips;
        this.caller = caller;
    }

    @GET
    @Path("comments")
    public List<CommentView> comments(@PathParam("slug") String slug, @QueryParam("status") String status,
            @QueryParam("issueId") Long issueId) {
        return moderation.list(caller.get(), slug, status, issueId);
    }

    /** The writer's own comment or reply, marked as the writer's. */
    @POST
    @Path("comments")
    public Response reply(@PathParam("slug") String slug, Reply body) {
        if (body == null || body.issueId() == null) {
            throw DomainException.invalidField("issueId", "required", "must name the issue");
        }
        return Response.status(201).entity(moderation.reply(caller.get(), slug, body.issueId(), body.parentId(),
                body.body())).build();
    }

    @PATCH
    @Path("comments/{id}")
    public CommentView moderate(@PathParam("slug") String slug, @PathParam("id") long id, Moderation body) {
        return moderation.moderate(caller.get(), slug, id, body == null ? null : body.status(),
                body == null ? null : body.pinned());
    }

    @DELETE
    @Path("comments/{id}")
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        moderation.delete(caller.get(), slug, id);
        return Response.noContent().build();
    }

    @GET
    @Path("comment-policy")
    public CommentModeration.Policy policy(@PathParam("slug") String slug) {
        return moderation.policy(caller.get(), slug);
    }

    /** Who may comment; {@code commentModeration} left out keeps whose comments are held. */
    @PUT
    @Path("comment-policy")
    public CommentModeration.Policy setPolicy(@PathParam("slug") String slug, Policy body) {
        return moderation.setPolicy(caller.get(), slug, body == null ? null : body.commentPolicy(),
                body == null ? null : body.commentModeration());
    }

    @GET
    @Path("comment-blocks")
    public List<CommentBlocks.Block> blocks(@PathParam("slug") String slug) {
        return blocks.list(caller.get(), slug);
    }

    /** Blocks a comment's author ({@code commentId}) or an address ({@code email}) from commenting. */
    @POST
    @Path("comment-blocks")
    public Response block(@PathParam("slug") String slug, BlockRequest body) {
        if (body != null && body.commentId() != null) {
            return Response.status(201).entity(blocks.blockAuthor(caller.get(), slug, body.commentId())).build();
        }
        return Response.status(201)
                .entity(blocks.blockAddress(caller.get(), slug, body == null ? null : body.email())).build();
    }

    @DELETE
    @Path("comment-blocks/{id}")
    public Response unblock(@PathParam("slug") String slug, @PathParam("id") long id) {
        blocks.unblock(caller.get(), slug, id);
        return Response.noContent().build();
    }

    @GET
    @Path("notes")
    public List<NoteView> notes(@PathParam("slug") String slug) {
        return notes.list(caller.get(), slug);
    }

    /** Marks a note read or unread: {@code {read: true|false}}. */
    @PATCH
    @Path("notes/{id}")
    public NoteView markNote(@PathParam("slug") String slug, @PathParam("id") long id, NoteMark body) {
        if (body == null || body.read() == null) {
            throw DomainException.invalidField("read", "invalid_read", "must be true or false");
        }
        return notes.mark(caller.get(), slug, id, body.read());
    }

    @GET
    @Path("tips")
    public List<TipView> tips(@PathParam("slug") String slug) {
        return tips.list(caller.get(), slug);
    }
}
