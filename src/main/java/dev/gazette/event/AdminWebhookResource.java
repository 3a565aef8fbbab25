package dev.gazette.event;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
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

/** The platform-wide webhook endpoints, admins only: {@code /api/v1/admin/webhooks}. */
@Path("/api/v1/admin/webhooks")
@RolesAllowed("admin")
class AdminWebhookResource {

    private final WebhookEndpoints endpoints;
    private final WebhookLog log;
    private final CurrentCaller caller;

    AdminWebhookResource(WebhookEndpoints endpoints, WebhookLog log, CurrentCaller caller) {
        this.endpoints = endpoints;
        this.log = log;
        this.caller = caller;
    }

    @GET
    public Endpoints list() {
        return new Endpoints(endpoints.list(scope()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull @Valid EndpointRequest request) {
        Endpoint created = endpoints.create(scope(), request);
        return Response.created(URI.create("/api/v1/admin/webhooks/" + created.id())).entity(created)
                .build();
    }

    @GET
    @Path("/{id: \\d+}")
    public Endpoint get(@PathParam("id") long id) {
        return endpoints.get(scope(), id);
    }

    @PATCH
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Endpoint update(@PathParam("id") long id,
            @NotNull @Valid EndpointRequest request) {
        return endpoints.update(scope(), id, request);
    }

    @DELETE
    @Path("/{id: \\d+}")
    public Response delete(@PathParam("id") long id) {
        endpoints.delete(scope(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id: \\d+}/rotate-secret")
    public Secret rotate(@PathParam("id") long id) {
        return endpoints.rotate(scope(), id);
    }

    @POST
    @Path("/{id: \\d+}/test")
    public Response test(@PathParam("id") long id) {
        return Response.accepted(new WebhookResource.DeliveryRef(log.test(scope(), id))).build();
    }

    @GET
    @Path("/{id: \\d+}/deliveries")
    public Deliveries deliveries(@PathParam("id") long id,
            @QueryParam("before") Long before) {
        return log.deliveries(scope(), id, before);
    }

    @POST
    @Path("/{id: \\d+}/deliveries/{delivery: \\d+}/replay")
    public Response replay(@PathParam("id") long id,
            @PathParam("delivery") long delivery) {
        log.replay(scope(), id, delivery);
        return Response.accepted(new WebhookResource.DeliveryRef(delivery)).build();
    }

    private WebhookScope scope() {
        return endpoints.platform(caller.get());
    }
}
