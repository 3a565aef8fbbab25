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
 * The membership forms of a reader's preferences page: {@code POST
 * /preferences/{token}/membership/cancel|resume}, each with {@code csrf}, back to the page.
 */
@Path("/preferences/{token}/membership")
class MemberSelfPages {

    private final MemberSelfService self;
    private final FormGuard guard;

    MemberSelfPages(MemberSelfService self, FormGuard guard) {
        this.self = self;
        this.guard = guard;
    }

    @POST
    @Path("/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@PathParam("token") String token, @FormParam("csrf") String csrf) {
        guard.check(csrf);
        self.cancel(token);
        return back(token);
    }

    @POST
    @Path("/resume")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resume(@PathParam("token") String token, @FormParam("csrf") String csrf) {
        guard.check(csrf);
        self.resume(token);
        return back(token);
    }

    private static Response back(String token) {
        return Response.seeOther(URI.create("/preferences/" + token + "#membership")).build();
    }
}
