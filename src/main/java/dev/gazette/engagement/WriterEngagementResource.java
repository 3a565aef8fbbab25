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
import dev.gazette.engagement.EngagementViews.PolicyView;
import dev.gazette.engagement.EngagementViews.TipView;
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
    private final CurrentCaller caller;

    WriterEngagementResource(CommentModeration moderation, NoteService notes, TipService tips, CurrentCaller caller) {
        this.moderation = moderation;
        this.notes = notes;
        this.tips = tips;
        this.caller = caller;
    }

    @GET
    @Path("comments")
    public List<CommentView> comments(@PathParam("slug") String slug, @QueryParam("status") String status) {
        return moderation.list(caller.get(), slug, status);
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
    public PolicyView policy(@PathParam("slug") String slug) {
        return new PolicyView(moderation.policy(caller.get(), slug));
    }

    @PUT
    @Path("comment-policy")
    public PolicyView setPolicy(@PathParam("slug") String slug, Policy body) {
        return new PolicyView(moderation.setPolicy(caller.get(), slug, body == null ? null : body.commentPolicy()));
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
