package dev.gazette.segment;

import java.net.URI;
import java.util.List;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;
import dev.gazette.segment.SegmentRequests.CountFilter;
import dev.gazette.segment.SegmentRequests.CreateSegment;
import dev.gazette.segment.SegmentRequests.UpdateSegment;
import dev.gazette.segment.SegmentViews.CountView;
import dev.gazette.segment.SegmentViews.MembersView;
import dev.gazette.segment.SegmentViews.SegmentView;

/** A writer's segments: {@code /api/v1/publications/{slug}/segments}, their counts and members. */
@Path("/api/v1/publications/{slug}/segments")
@Authenticated
class SegmentResource {

    private final SegmentService segments;
    private final CurrentCaller caller;

    SegmentResource(SegmentService segments, CurrentCaller caller) {
        this.segments = segments;
        this.caller = caller;
    }

    @GET
    public List<SegmentView> list(@PathParam("slug") String slug) {
        return segments.list(caller.get(), slug);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("slug") String slug, @NotNull @Valid CreateSegment request) {
        SegmentView created = segments.create(caller.get(), slug, request);
        return Response.created(URI.create("/api/v1/publications/" + slug + "/segments/" + created.id()))
                .entity(created).build();
    }

    /** The numbers of an unsaved filter; nothing is stored. */
    @POST
    @Path("/count")
    @Consumes(MediaType.APPLICATION_JSON)
    public CountView countFilter(@PathParam("slug") String slug, @NotNull @Valid CountFilter request) {
        return segments.count(caller.get(), slug, request.filter());
    }

    @GET
    @Path("/{id: \\d+}")
    public SegmentView get(@PathParam("slug") String slug, @PathParam("id") long id) {
        return segments.get(caller.get(), slug, id);
    }

    /** The saved segment's numbers now. */
    @GET
    @Path("/{id: \\d+}/count")
    public CountView count(@PathParam("slug") String slug, @PathParam("id") long id) {
        SegmentView segment = segments.get(caller.get(), slug, id);
        return new CountView(segment.matching(), segment.mailable());
    }

    @GET
    @Path("/{id: \\d+}/members")
    public MembersView members(@PathParam("slug") String slug, @PathParam("id") long id,
            @QueryParam("after") @DefaultValue("0") long after, @QueryParam("limit") @DefaultValue("20") int limit) {
        return segments.members(caller.get(), slug, id, after, limit);
    }

    @PATCH
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SegmentView update(@PathParam("slug") String slug, @PathParam("id") long id,
            @NotNull @Valid UpdateSegment request) {
        return segments.update(caller.get(), slug, id, request);
    }

    @DELETE
    @Path("/{id: \\d+}")
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        segments.delete(caller.get(), slug, id);
        return Response.noContent().build();
    }
}
