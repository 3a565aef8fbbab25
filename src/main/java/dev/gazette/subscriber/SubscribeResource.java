package dev.gazette.subscriber;

import java.util.List;

import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.core.ClientAddresses;
import dev.gazette.core.DomainException;
import dev.gazette.core.RateLimiter;
import dev.gazette.publication.PublicationRef;
import dev.gazette.subscriber.SubscriberRequests.Subscribe;
import dev.gazette.subscriber.SubscriberViews.SubscribeAnswer;

/**
 * {@code POST /p/{slug}/subscribe}, from the publication's page (a form) or as JSON. The answer is
 * the same whether the address is new, pending, active, unsubscribed or suppressed, and whether
 * the honeypot field was filled.
 */
@Path("/p/{slug}/subscribe")
class SubscribeResource {

    private final Subscriptions subscriptions;
    private final RateLimiter rateLimiter;
    private final SubscriberConfig config;
    private final ClientAddresses clients;

    SubscribeResource(Subscriptions subscriptions, RateLimiter rateLimiter, SubscriberConfig config, ClientAddresses clients) {
        this.subscriptions = subscriptions;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.clients = clients;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response subscribeJson(@PathParam("slug") String slug, @NotNull @Valid Subscribe request,
            @Context HttpServerRequest http) {
        accept(slug, request.email(), request.name(), request.website(), http);
        return Response.accepted(new SubscribeAnswer("check_your_inbox",
                "If the address can subscribe, a confirmation email is on its way")).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    public Response subscribeForm(@PathParam("slug") String slug, @FormParam("email") String email,
            @FormParam("name") String name, @FormParam("website") String website,
            @HeaderParam("Accept") String accept, @Context HttpServerRequest http) {
        try {
            PublicationRef publication = accept(slug, email, name, website, http);
            return Response.ok(PageTemplates.notice(Notice.of(publication, "메일함을 확인해 주세요",
                    "구독을 확인하는 메일을 보냈습니다. 메일의 링크를 누르면 구독이 시작됩니다.",
                    "Check your inbox",
                    "We sent you an email to confirm your subscription. Follow its link to start receiving the letters.")))
                    .type(MediaType.TEXT_HTML_TYPE).build();
        } catch (DomainException e) {
            if (accept == null || !accept.contains(MediaType.TEXT_HTML)) {
                throw e; // API clients get the problem document
            }
            return Response.status(status(e)).type(MediaType.TEXT_HTML_TYPE).entity(PageTemplates.notice(Notice.of(
                    null, "", "", "Please check the form", problemText(e)))).build();
        }
    }

    private PublicationRef accept(String slug, String email, String name, String website, HttpServerRequest http) {
        String client = clients.of(http);
        rateLimiter.acquire("subscribe", client, config.subscribePerMinute());
        return subscriptions.subscribe(slug, email, name, website, client);
    }

    private static int status(DomainException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> 404;
            case RATE_LIMITED -> 429;
            default -> 400;
        };
    }

    private static String problemText(DomainException e) {
        List<String> fields = e.fieldErrors().stream().map(f -> f.field() + ": " + f.message()).toList();
        return fields.isEmpty() ? e.getMessage() : String.join("; ", fields);
    }
}
