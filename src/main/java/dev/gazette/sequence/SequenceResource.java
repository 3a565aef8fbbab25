package dev.gazette.sequence;

import java.net.URI;
import java.util.List;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;
import dev.gazette.sequence.SequenceRequests.CreateSequence;
import dev.gazette.sequence.SequenceRequests.CreateStep;
import dev.gazette.sequence.SequenceRequests.UpdateSequence;
import dev.gazette.sequence.SequenceRequests.UpdateStep;
import dev.gazette.sequence.SequenceViews.SequenceView;

/** A writer's sequences: {@code /api/v1/publications/{slug}/sequences}, their steps and numbers. */
@Path("/api/v1/publications/{slug}/sequences")
@Authenticated
class SequenceResource {

    private final SequenceService sequences;
    private final StepService steps;
    private final CurrentCaller caller;

    SequenceResource(SequenceService sequences, StepService steps, CurrentCaller caller) {
        this.sequences = sequences;
        this.steps = steps;
        this.caller = caller;
    }

    @GET
    public List<SequenceView> list(@PathParam("slug") String slug) {
        return sequences.list(caller.get(), slug);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("slug") String slug, @NotNull @Valid CreateSequence request) {
        SequenceView created = sequences.create(caller.get(), slug, request);
        return Response.created(URI.create("/api/v1/publications/" + slug + "/sequences/" + created.id()))
                .entity(created).build();
    }

    @GET
    @Path("/{id: \\d+}")
    public SequenceView get(@PathParam("slug") String slug, @PathParam("id") long id) {
        return sequences.get(caller.get(), slug, id);
    }

    @PATCH
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SequenceView update(@PathParam("slug") String slug, @PathParam("id") long id,
            @NotNull @Valid UpdateSequence request) {
        return sequences.update(caller.get(), slug, id, request);
    }

    @DELETE
    @Path("/{id: \\d+}")
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        sequences.delete(caller.get(), slug, id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id: \\d+}/steps")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addStep(@PathParam("slug") String slug, @PathParam("id") long id,
            @NotNull @Valid CreateStep request) {
        SequenceView sequence = steps.add(caller.get(), slug, id, request);
        return Response.status(201).entity(sequence).build();
    }

    @PATCH
    @Path("/{id: \\d+}/steps/{step: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SequenceView updateStep(@PathParam("slug") String slug, @PathParam("id") long id,
            @PathParam("step") long step, @NotNull @Valid UpdateStep request) {
        return steps.update(caller.get(), slug, id, step, request);
    }

    @DELETE
    @Path("/{id: \\d+}/steps/{step: \\d+}")
    public SequenceView removeStep(@PathParam("slug") String slug, @PathParam("id") long id,
            @PathParam("step") long step) {
        return steps.remove(caller.get(), slug, id, step);
    }

    @POST
    @Path("/{id: \\d+}/steps/{step: \\d+}/resume")
    public SequenceView resumeStep(@PathParam("slug") String slug, @PathParam("id") long id,
            @PathParam("step") long step) {
        return steps.resume(caller.get(), slug, id, step);
    }
}
