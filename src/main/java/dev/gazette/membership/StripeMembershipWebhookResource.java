package dev.gazette.membership;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.core.BoundedBodies;
import dev.gazette.core.RequestConfig;

/**
 * {@code POST /api/v1/memberships/stripe/webhook}: Stripe's signed events about subscriptions
 * (the endpoint to register in Stripe, with its own signing secret). The raw body is what the
 * signature covers, read only once the header is there and at most {@code
 * gazette.http.max-webhook-bytes} of it; a repeated event answers 200 with {@code applied: false}.
 */
@Path("/api/v1/memberships/stripe/webhook")
class StripeMembershipWebhookResource {

    record Received(boolean applied) {
    }

    private final StripeMembershipWebhooks webhooks;
    private final RequestConfig config;

    StripeMembershipWebhookResource(StripeMembershipWebhooks webhooks, RequestConfig config) {
        this.webhooks = webhooks;
        this.config = config;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Received receive(InputStream body, @Context HttpHeaders headers) {
        Map<String, String> lowerCase = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> lowerCase.put(name.toLowerCase(Locale.ROOT),
                values.isEmpty() ? null : values.get(0)));
        webhooks.requireSigned(lowerCase);
        String text = new String(BoundedBodies.read(body, config.maxWebhookBytes()), StandardCharsets.UTF_8);
        return new Received(webhooks.receive(text, lowerCase));
    }
}
