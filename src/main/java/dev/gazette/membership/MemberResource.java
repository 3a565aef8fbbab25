package dev.gazette.membership;

import java.util.List;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;
import dev.gazette.membership.MembershipRequests.GiveComp;
import dev.gazette.membership.MembershipViews.MemberDetail;
import dev.gazette.membership.MembershipViews.MemberView;

/**
 * A writer's members: {@code /api/v1/publications/{slug}/members}, each by subscriber id, with the
 * ledger and charges of one, and the comps the writer gives and removes.
 */
@Path("/api/v1/publications/{slug}/members")
@Authenticated
class MemberResource {

    private final MemberService members;
    private final CurrentCaller caller;

    MemberResource(MemberService members, CurrentCaller caller) {
        this.members = members;
        this.caller = caller;
    }

    @GET
    public List<MemberView> list(@PathParam("slug") String slug) {
        return members.list(caller.get(), slug);
    }

    @GET
    @Path("/{subscriberId: \\d+}")
    public MemberDetail get(@PathParam("slug") String slug, @PathParam("subscriberId") long subscriberId) {
        return members.get(caller.get(), slug, subscriberId);
    }

    @POST
    @Path("/{subscriberId: \\d+}/comp")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response giveComp(@PathParam("slug") String slug, @PathParam("subscriberId") long subscriberId,
            GiveComp request) {
        return Response.status(201).entity(members.giveComp(caller.get(), slug, subscriberId, request)).build();
    }

    @DELETE
    @Path("/{subscriberId: \\d+}/comp")
    public MemberView removeComp(@PathParam("slug") String slug, @PathParam("subscriberId") long subscriberId) {
        return members.removeComp(caller.get(), slug, subscriberId);
    }
}
