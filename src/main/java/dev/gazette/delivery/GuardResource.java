package dev.gazette.delivery;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import dev.gazette.account.CurrentCaller;

/** The sending guards for admins: which publications they hold, and the override. */
@Path("/api/v1/admin/guards")
@RolesAllowed("admin")
class GuardResource {

    record Overridden(String slug, int resumed) {
    }

    private final SendingGuards guards;
    private final CurrentCaller caller;

    GuardResource(SendingGuards guards, CurrentCaller caller) {
        this.guards = guards;
        this.caller = caller;
    }

    @GET
    public List<SendingGuards.Tripped> tripped() {
        return guards.tripped();
    }

    /** Lets the publication send again: its guard-paused sends resume, and the guard leaves it alone for a while. */
    @POST
    @Path("/{slug}/override")
    public Overridden override(@PathParam("slug") String slug) {
        return new Overridden(slug, guards.override(caller.get(), slug));
    }
}
