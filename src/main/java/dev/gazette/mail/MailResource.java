package dev.gazette.mail;

import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.core.DomainException;

/**
 * Transactional mail as the admin sees it: each message's state (queued, sent, failed), its
 * attempts and the relay's last reply. Never the message itself.
 */
@Path("/api/v1/admin/mail")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
class MailResource {

    private static final Set<String> STATES = Set.of("queued", "sent", "failed");
    private static final int MAX_PAGE = 500;

    private final MailQueue queue;

    MailResource(MailQueue queue) {
        this.queue = queue;
    }

    record Page(List<MailQueue.Row> items) {
    }

    /** The newest first; {@code before} (an id) gives the page after the previous one. */
    @GET
    public Page list(@QueryParam("state") String state, @QueryParam("before") Long before,
            @QueryParam("limit") Integer limit) {
        if (state != null && !STATES.contains(state)) {
            throw DomainException.invalidField("state", "invalid_state", "must be queued, sent or failed");
        }
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw DomainException.invalidField("limit", "out_of_range", "must be between 1 and " + MAX_PAGE);
        }
        return new Page(queue.list(state, before, size));
    }

    @GET
    @Path("/{id}")
    public MailQueue.Row one(@PathParam("id") long id) {
        return queue.find(id).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "mail_not_found",
                "No such mail"));
    }
}
