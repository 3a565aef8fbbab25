package dev.gazette.engagement;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/v1/payments/{provider}/webhook}: a payment provider's signed event. The raw
 * body is what the signature covers, so it is read as text; a replayed event answers 200 and
 * changes nothing.
 */
@Path("/api/v1/payments/{provider}/webhook")
class PaymentWebhookResource {

    record Received(boolean applied) {
    }

    private final TipService tips;

    PaymentWebhookResource(TipService tips) {
        this.tips = tips;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Received receive(@PathParam("provider") String provider, String body, @Context HttpHeaders headers) {
        Map<String, String> lowerCase = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> lowerCase.put(name.toLowerCase(java.util.Locale.ROOT),
                values.isEmpty() ? null : values.get(0)));
        return new Received(tips.webhook(provider, body == null ? "" : body, lowerCase));
    }
}
