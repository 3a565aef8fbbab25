package dev.gazette.engagement;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.core.BoundedBodies;
import dev.gazette.core.RequestConfig;

/**
 * {@code POST /api/v1/payments/{provider}/webhook}: a payment provider's signed event. The raw
 * body is what the signature covers, so it is read as text, at most
 * {@code gazette.http.max-webhook-bytes} of it, and only once the signature header is there;
 * a replayed event answers 200 and changes nothing.
 */
@Path("/api/v1/payments/{provider}/webhook")
class PaymentWebhookResource {

    record Received(boolean applied) {
    }

    private final TipService tips;
    private final RequestConfig config;

    PaymentWebhookResource(TipService tips, RequestConfig config) {
        this.tips = tips;
        this.config = config;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Received receive(@PathParam("provider") String provider, InputStream body, @Context HttpHeaders headers) {
        Map<String, String> lowerCase = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> lowerCase.put(name.toLowerCase(java.util.Locale.ROOT),
                values.isEmpty() ? null : values.get(0)));
        // an unknown provider or a missing signature is refused before the body is read
        tips.requireSigned(provider, lowerCase);
        String text = new String(BoundedBodies.read(body, config.maxWebhookBytes()), StandardCharsets.UTF_8);
        return new Received(tips.webhook(provider, text, lowerCase));
    }
}
