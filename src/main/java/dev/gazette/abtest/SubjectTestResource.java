package dev.gazette.abtest;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.abtest.SubjectTestRequests.PickWinner;
import dev.gazette.abtest.SubjectTestRequests.SaveTest;
import dev.gazette.abtest.SubjectTestViews.View;
import dev.gazette.account.CurrentCaller;

/** An issue's A/B subject test: {@code /api/v1/publications/{slug}/issues/{id}/subject-test}. */
@Path("/api/v1/publications/{slug}/issues/{id: \\d+}/subject-test")
@Authenticated
class SubjectTestResource {

    private final SubjectTestService tests;
    private final CurrentCaller caller;

    SubjectTestResource(SubjectTestService tests, CurrentCaller caller) {
        this.tests = tests;
        this.caller = caller;
    }

    @GET
    public View get(@PathParam("slug") String slug, @PathParam("id") long id) {
        return tests.get(caller.get(), slug, id);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public View save(@PathParam("slug") String slug, @PathParam("id") long id, @NotNull @Valid SaveTest request) {
        return tests.save(caller.get(), slug, id, request);
    }

    @DELETE
    public Response remove(@PathParam("slug") String slug, @PathParam("id") long id) {
        tests.remove(caller.get(), slug, id);
        return Response.noContent().build();
    }

    @POST
    @Path("/winner")
    @Consumes(MediaType.APPLICATION_JSON)
    public View pick(@PathParam("slug") String slug, @PathParam("id") long id, @NotNull @Valid PickWinner request) {
        return tests.pick(caller.get(), slug, id, request.variant());
    }
}
