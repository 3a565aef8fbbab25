package dev.gazette.membership;

import java.net.URI;
import java.util.List;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;
import dev.gazette.membership.PriceChanges.ChangePrice;
import dev.gazette.membership.PriceChanges.PriceChangeView;

/** A plan's price changes: {@code /api/v1/publications/{slug}/plans/{id}/price-changes}. */
@Path("/api/v1/publications/{slug}/plans/{id: \\d+}/price-changes")
@Authenticated
class PriceResource {

    private final PriceChanges changes;
    private final CurrentCaller caller;

    PriceResource(PriceChanges changes, CurrentCaller caller) {
        this.changes = changes;
        this.caller = caller;
    }

    @GET
    public List<PriceChangeView> list(@PathParam("slug") String slug, @PathParam("id") long id) {
        return changes.list(caller.get(), slug, id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(@PathParam("slug") String slug, @PathParam("id") long id, ChangePrice request) {
        PriceChangeView created = changes.change(caller.get(), slug, id, request);
        return Response.created(URI.create("/api/v1/publications/" + slug + "/plans/" + id + "/price-changes"))
                .entity(created).build();
    }
}
