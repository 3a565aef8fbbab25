package dev.gazette.event;

import java.util.List;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.Languages;

/** The admin console's pages of the platform-wide webhooks: {@code /admin/webhooks}, admins only. */
@Path("/admin/webhooks")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
class AdminWebhookPages {

    private final WebhookForms forms;
    private final WebhookEndpoints endpoints;
    private final CurrentCaller caller;

    AdminWebhookPages(WebhookForms forms, WebhookEndpoints endpoints, CurrentCaller caller) {
        this.forms = forms;
        this.endpoints = endpoints;
        this.caller = caller;
    }

    @GET
    public TemplateInstance list(@HeaderParam("Accept-Language") String languages) {
        return forms.list(Languages.of(languages), scope());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@HeaderParam("Accept-Language") String languages,
            @RestForm String csrf, @RestForm String url, @RestForm String description, @RestForm List<String> types) {
        return forms.create(Languages.of(languages), scope(), csrf, url, description, types);
    }

    @GET
    @Path("/{id: \\d+}")
    public TemplateInstance show(@HeaderParam("Accept-Language") String languages,
            @PathParam("id") long id, @QueryParam("before") Long before, @QueryParam("done") String done) {
        return forms.show(Languages.of(languages), scope(), id, before, done);
    }

    @POST
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@HeaderParam("Accept-Language") String languages,
            @PathParam("id") long id, @RestForm String csrf, @RestForm String url, @RestForm String description,
            @RestForm List<String> types, @RestForm String enabled) {
        return forms.update(Languages.of(languages), scope(), id, csrf, url, description, types, enabled);
    }

    /** The endpoint page's buttons: a new secret, a test event, deleting the endpoint. */
    @POST
    @Path("/{id: \\d+}/{action: rotate|test|delete}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(@PathParam("id") long id, @PathParam("action") String action,
            @RestForm String csrf) {
        return forms.act(scope(), id, action, csrf);
    }

    @POST
    @Path("/{id: \\d+}/deliveries/{delivery: \\d+}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replay(@PathParam("id") long id,
            @PathParam("delivery") long delivery, @RestForm String csrf) {
        return forms.replay(scope(), id, delivery, csrf);
    }

    private WebhookScope scope() {
        return endpoints.platform(caller.get());
    }
}
