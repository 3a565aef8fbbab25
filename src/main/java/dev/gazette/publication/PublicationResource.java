package dev.gazette.publication;

import java.net.URI;
import java.util.List;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;
import dev.gazette.publication.PublicationRequests.CreatePublication;
import dev.gazette.publication.PublicationRequests.UpdatePublication;

/** A writer's publications (every publication, for an admin): {@code /api/v1/publications}. */
@Path("/api/v1/publications")
@Authenticated
class PublicationResource {

    private final PublicationService publications;
    private final CurrentCaller caller;

    PublicationResource(PublicationService publications, CurrentCaller caller) {
        this.publications = publications;
        this.caller = caller;
    }

    @POST
    public Response create(@NotNull @Valid CreatePublication request) {
        PublicationView created = publications.create(caller.get(), request);
        return Response.created(URI.create("/api/v1/publications/" + created.slug())).entity(created).build();
    }

    @GET
    public List<PublicationView> list() {
        return publications.list(caller.get());
    }

    @GET
    @Path("/{slug}")
    public PublicationView get(@PathParam("slug") String slug) {
        return publications.get(caller.get(), slug);
    }

    @PATCH
    @Path("/{slug}")
    public PublicationView update(@PathParam("slug") String slug, @NotNull @Valid UpdatePublication request) {
        return publications.update(caller.get(), slug, request);
    }

    @DELETE
    @Path("/{slug}")
    public Response delete(@PathParam("slug") String slug) {
        publications.delete(caller.get(), slug);
        return Response.noContent().build();
    }
}
