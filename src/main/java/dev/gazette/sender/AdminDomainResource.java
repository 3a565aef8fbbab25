package dev.gazette.sender;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.account.CurrentCaller;

/** Every writer's sender domains, and revoking one: {@code /api/v1/admin/domains}. */
@Path("/api/v1/admin/domains")
@RolesAllowed("admin")
class AdminDomainResource {

    private final AdminDomains domains;
    private final CurrentCaller caller;

    AdminDomainResource(AdminDomains domains, CurrentCaller caller) {
        this.domains = domains;
        this.caller = caller;
    }

    @GET
    public DomainView.Domains list() {
        return new DomainView.Domains(domains.list());
    }

    @POST
    @Path("/{id: \\d+}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public DomainView revoke(@PathParam("id") long id, @NotNull @Valid DomainView.RevokeRequest request) {
        return domains.revoke(caller.get(), id, request.reason());
    }
}
