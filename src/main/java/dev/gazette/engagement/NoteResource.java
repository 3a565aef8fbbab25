package dev.gazette.engagement;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.core.ClientAddresses;
import dev.gazette.core.FormGuard;
import dev.gazette.core.RateLimiter;
import dev.gazette.engagement.ReaderRequests.NoteBody;

/** {@code POST /p/{slug}/notes}: a private note to the writer, delivered once confirmed by email. */
@Path("/p/{slug}/notes")
class NoteResource {

    private final NoteService notes;
    private final RateLimiter rateLimiter;
    private final EngagementConfig config;
    private final FormGuard guard;
    private final ClientAddresses clients;

    NoteResource(NoteService notes, RateLimiter rateLimiter, EngagementConfig config, FormGuard guard,
            ClientAddresses clients) {
        this.notes = notes;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.guard = guard;
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response note(@PathParam("slug") String slug, NoteBody body, @Context HttpServerRequest http) {
        rateLimiter.acquire("note", clients.of(http), config.notesPerMinute());
        notes.write(slug, body == null ? null : body.email(), body == null ? null : body.message());
        return Response.accepted(java.util.Map.of("status", "check_your_inbox")).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response noteForm(@PathParam("slug") String slug, @FormParam("email") String email,
            @FormParam("message") String message, @FormParam("csrf") String csrf, @Context HttpServerRequest http) {
        guard.check(csrf);
        rateLimiter.acquire("note", clients.of(http), config.notesPerMinute());
        Words w = Words.of(notes.write(slug, email, message).locale());
        return Response.ok(ReaderPages.Templates.notice(w.lang(), w.checkEmailTitle(), w.checkEmailText(),
                "/p/" + slug)).build();
    }

}
