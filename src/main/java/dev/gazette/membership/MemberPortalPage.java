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
 * {@code POST /preferences/{token}/membership/portal} (with {@code csrf}): off to the provider's
 * page for the member's card and subscription (Stripe's customer portal), a fresh session each time.
 */
@Path("/preferences/{token}/membership/portal")
class MemberPortalPage {

    private final MemberPortal portal;
    private final FormGuard guard;

    MemberPortalPage(MemberPortal portal, FormGuard guard) {
        this.portal = portal;
        this.guard = guard;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response open(@PathParam("token") String token, @FormParam("csrf") String csrf) {
        guard.check(csrf);
        return Response.seeOther(URI.create(portal.url(token))).build();
    }
}
