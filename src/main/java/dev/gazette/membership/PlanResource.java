package dev.gazette.membership;

import java.net.URI;
import java.util.List;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;
import dev.gazette.membership.MembershipRequests.CreatePlan;
import dev.gazette.membership.MembershipViews.PlanView;

/** A writer's paid plans: {@code /api/v1/publications/{slug}/plans}. */
@Path("/api/v1/publications/{slug}/plans")
@Authenticated
class PlanResource {

    private final PlanService plans;
    private final CurrentCaller caller;

    PlanResource(PlanService plans, CurrentCaller caller) {
        this.plans = plans;
        this.caller = caller;
    }

    @GET
    public List<PlanView> list(@PathParam("slug") String slug) {
        return plans.list(caller.get(), slug);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("slug") String slug, CreatePlan request) {
        PlanView created = plans.create(caller.get(), slug, request);
        return Response.created(URI.create("/api/v1/publications/" + slug + "/plans/" + created.id())).entity(created)
                .build();
    }

    @POST
    @Path("/{id: \\d+}/retire")
    public PlanView retire(@PathParam("slug") String slug, @PathParam("id") long id) {
        return plans.retire(caller.get(), slug, id);
    }
}
