package dev.gazette.membership;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.core.FormGuard;

/**
 * The plan change of a reader's preferences page: {@code POST /preferences/{token}/membership/plan}
 * (with {@code csrf} and {@code plan}); the portal of a provider that bills itself is
 * {@code MemberPortalPage}'s.
 */
@Path("/preferences/{token}/membership")
class PlanSwitchPages {

    private final PlanSwitch plans;
    private final FormGuard guard;

    PlanSwitchPages(PlanSwitch plans, FormGuard guard) {
        this.plans = plans;
        this.guard = guard;
    }

    @POST
    @Path("/plan")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@PathParam("token") String token, @FormParam("csrf") String csrf,
            @FormParam("plan") String plan) {
        guard.check(csrf);
        plans.change(token, plan == null || !plan.strip().matches("[0-9]{1,18}") ? null : Long.valueOf(plan.strip()));
        return Response.seeOther(URI.create("/preferences/" + token + "#membership")).build();
    }
}
