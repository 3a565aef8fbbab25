package dev.gazette.event;

import java.net.URI;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;
import dev.gazette.event.WebhookViews.Deliveries;
import dev.gazette.event.WebhookViews.Endpoint;
import dev.gazette.event.WebhookViews.EndpointRequest;
import dev.gazette.event.WebhookViews.Endpoints;
import dev.gazette.event.WebhookViews.Secret;

/** A publication's webhook endpoints: {@code /api/v1/publications/{slug}/webhooks}; another writer's are 404. */
@Path("/api/v1/publications/{slug}/webhooks")
@Authenticated
class WebhookResource {

    private final WebhookEndpoints endpoints;
    private final WebhookLog log;
    private final CurrentCaller caller;

    WebhookResource(WebhookEndpoints endpoints, WebhookLog log, CurrentCaller caller) {
        this.endpoints = endpoints;
        this.log = log;
        this.caller = caller;
    }

    @GET
    public Endpoints list(@PathParam("slug") String slug) {
        return new Endpoints(endpoints.list(scope(slug)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("slug") String slug, @NotNull @Valid EndpointRequest request) {
        Endpoint created = endpoints.create(scope(slug), request);
        return Response.created(URI.create("/api/v1/publications/" + slug + "/webhooks/" + created.id())).entity(created)
                .build();
    }

    @GET
    @Path("/{id: \\d+}")
    public Endpoint get(@PathParam("slug") String slug, @PathParam("id") long id) {
        return endpoints.get(scope(slug), id);
    }

    @PATCH
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Endpoint update(@PathParam("slug") String slug, @PathParam("id") long id,
            @NotNull @Valid EndpointRequest request) {
        return endpoints.update(scope(slug), id, request);
    }

    @DELETE
    @Path("/{id: \\d+}")
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id) {
        endpoints.delete(scope(slug), id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id: \\d+}/rotate-secret")
    public Secret rotate(@PathParam("slug") String slug, @PathParam("id") long id) {
        return endpoints.rotate(scope(slug), id);
    }

    @POST
    @Path("/{id: \\d+}/test")
    public Response test(@PathParam("slug") String slug, @PathParam("id") long id) {
        return Response.accepted(new DeliveryRef(log.test(scope(slug), id))).build();
    }

    @GET
    @Path("/{id: \\d+}/deliveries")
    public Deliveries deliveries(@PathParam("slug") String slug, @PathParam("id") long id,
            @QueryParam("before") Long before) {
        return log.deliveries(scope(slug), id, before);
    }

    @POST
    @Path("/{id: \\d+}/deliveries/{delivery: \\d+}/replay")
    public Response replay(@PathParam("slug") String slug, @PathParam("id") long id,
            @PathParam("delivery") long delivery) {
        log.replay(scope(slug), id, delivery);
        return Response.accepted(new DeliveryRef(delivery)).build();
    }

    private WebhookScope scope(String slug) {
        return endpoints.publication(caller.get(), slug);
    }

    /** The delivery a test event or a replay made due. */
    record DeliveryRef(long deliveryId) {
    }
}
