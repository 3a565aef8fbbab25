package dev.gazette.publication;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import dev.gazette.account.CurrentCaller;
import dev.gazette.publication.PublicationRequests.Suspension;

/** Admin moderation of publications: {@code /api/v1/admin/publications}. */
@Path("/api/v1/admin/publications/{slug}")
@RolesAllowed("admin")
class AdminPublicationResource {

    private final PublicationService publications;
    private final CurrentCaller caller;

    AdminPublicationResource(PublicationService publications, CurrentCaller caller) {
        this.publications = publications;
        this.caller = caller;
    }

    /** Suspends a publication: it stays visible to its writer, and sends nothing until reinstated. */
    @POST
    @Path("/suspend")
    public PublicationView suspend(@PathParam("slug") String slug, @NotNull @Valid Suspension request) {
        return publications.suspend(caller.get(), slug, request.reason());
    }

    @POST
    @Path("/reinstate")
    public PublicationView reinstate(@PathParam("slug") String slug) {
        return publications.reinstate(caller.get(), slug);
    }
}
