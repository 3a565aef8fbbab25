package dev.gazette.sender;

import java.net.URI;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;

/** The caller's sender domains: {@code /api/v1/domains}; another writer's are 404. */
@Path("/api/v1/domains")
@Authenticated
class DomainResource {

    private final DomainService domains;
    private final CurrentCaller caller;

    DomainResource(DomainService domains, CurrentCaller caller) {
        this.domains = domains;
        this.caller = caller;
    }

    @GET
    public DomainView.Domains list() {
        return new DomainView.Domains(domains.list(caller.get()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@NotNull @Valid DomainView.AddRequest request) {
        DomainView added = domains.add(caller.get(), request.domain());
        return Response.created(URI.create("/api/v1/domains/" + added.domain())).entity(added).build();
    }

    @GET
    @Path("/{domain}")
    public DomainView get(@PathParam("domain") String domain) {
        return domains.get(caller.get(), domain);
    }

    /** Checks the records in DNS now; the answer says what was found of each. */
    @POST
    @Path("/{domain}/verify")
    public DomainView verify(@PathParam("domain") String domain) {
        return domains.verify(caller.get(), domain);
    }

    @DELETE
    @Path("/{domain}")
    public Response delete(@PathParam("domain") String domain) {
        domains.delete(caller.get(), domain);
        return Response.noContent().build();
    }
}
