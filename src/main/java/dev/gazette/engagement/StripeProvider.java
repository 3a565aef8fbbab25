package dev.gazette.engagement;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.core.DomainException;
import dev.gazette.core.StripeSignature;

/**
 * Stripe Checkout: a tip becomes a Checkout Session ({@code POST /v1/checkout/sessions}) whose
 * page takes the money; Stripe's signed webhooks then say whether it was paid, failed, expired or
 * refunded. The API's address is configurable, so tests talk to WireMock.
 */
@ApplicationScoped
class StripeProvider implements PaymentProvider {

    static final String NAME = "stripe";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final PaymentsConfig.Stripe config;
    private final ObjectMapper json;
    private final Clock clock;

    StripeProvider(PaymentsConfig config, ObjectMapper json, Clock clock) {
        this.config = config.stripe();
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Checkout start(Tip tip, String description, String returnUrl) {
        String key = config.secretKey().orElseThrow(() -> unavailable("Stripe has no secret key configured"));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mode", "payment");
        form.put("client_reference_id", tip.publicId);
        form.put("metadata[tip]", tip.publicId);
        form.put("payment_intent_data[metadata][tip]", tip.publicId);
        form.put("line_items[0][quantity]", Integer.toString(tip.coffees));
        form.put("line_items[0][price_data][currency]", tip.currency.toLowerCase(Locale.ROOT));
        form.put("line_items[0][price_data][unit_amount]", minorUnits(tip.unitPrice, tip.currency));
        form.put("line_items[0][price_data][product_data][name]", description);
        form.put("success_url", returnUrl);
        form.put("cancel_url", returnUrl);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(config.apiBase().resolve("/v1/checkout/sessions"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + key)
                .header("Idempotency-Key", "tip-" + tip.publicId)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw unavailable("Stripe refused the checkout (HTTP " + response.statusCode() + ")");
            }
            JsonNode session = json.readTree(response.body());
            return new Checkout(session.path("id").asText(), session.path("url").asText());
        } catch (IOException e) {
            throw unavailable("Stripe could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("Interrupted while reaching Stripe");
        }
    }

    @Override
    public Optional<String> signatureHeader() {
        return Optional.of("stripe-signature");
    }

    @Override
    public Event verify(String body, Map<String, String> headers) {
        String secret = config.webhookSecret().orElseThrow(() -> unavailable("Stripe has no webhook secret configured"));
        if (!StripeSignature.valid(headers.get("stripe-signature"), body, secret, clock.instant(), config.tolerance())) {
            throw new DomainException(DomainException.Kind.INVALID, "invalid_signature",
                    "The webhook's Stripe-Signature does not match its body, or is too old");
        }
        try {
            JsonNode event = json.readTree(body);
            JsonNode object = event.path("data").path("object");
            String type = event.path("type").asText();
            Outcome outcome = switch (type) {
                case "checkout.session.completed", "checkout.session.async_payment_succeeded" ->
                    "paid".equals(object.path("payment_status").asText()) ? Outcome.PAID : Outcome.IGNORED;
                case "checkout.session.expired", "checkout.session.async_payment_failed" -> Outcome.FAILED;
                case "charge.refunded" -> Outcome.REFUNDED;
                default -> Outcome.IGNORED;
            };
            String tip = object.path("metadata").path("tip").asText(object.path("client_reference_id").asText(null));
            // a charge says how much of it was refunded so far; "refunded" is true once all of it was
            Long refunded = outcome == Outcome.REFUNDED && !object.path("refunded").asBoolean(false)
                    && object.path("amount_refunded").canConvertToLong()
                            ? object.path("amount_refunded").asLong()
                            : null;
            return new Event(event.path("id").asText(), type, outcome, tip, object.path("id").asText(null), refunded);
        } catch (IOException e) {
            throw new DomainException(DomainException.Kind.INVALID, "malformed_json", "The webhook's body is not JSON");
        }
    }

    /** Stripe counts in the currency's smallest unit: cents for USD, whole won for KRW. */
    static String minorUnits(BigDecimal amount, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return amount.movePointRight(digits).setScale(0, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static DomainException unavailable(String detail) {
        return new DomainException(DomainException.Kind.UNAVAILABLE, "payment_provider_unavailable", detail);
    }
}
