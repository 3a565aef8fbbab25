package dev.gazette.membership;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import dev.gazette.core.DomainException;

/**
 * Toss Payments' billing API: the reader registers a card in Toss's window (the page {@code
 * /checkout/membership/{id}/toss}), Gazette issues the billing key from the {@code authKey} Toss
 * hands back, and charges each period itself ({@code POST /v1/billing/{billingKey}}) with the
 * period's idempotency key as the {@code Idempotency-Key} header. A call that times out or meets a
 * server error is tried again with the same key, so Toss answers the first charge's result instead
 * of charging twice; if every try fails, the caller records nothing and tries again later with the
 * same key. Refunds are cancels of the payment, partial with {@code cancelAmount}.
 */
@ApplicationScoped
class TossBilling implements BillingProvider {

    static final String NAME = "toss";

    private static final Logger LOG = Logger.getLogger(TossBilling.class);

    /** Toss's answers that mean "try again later", not "the card was declined". */
    private static final Set<String> RETRY_LATER = Set.of("PROVIDER_ERROR", "FAILED_INTERNAL_SYSTEM_PROCESSING",
            "FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING", "UNKNOWN_PAYMENT_ERROR", "IDEMPOTENT_REQUEST_PROCESSING",
            "UNAUTHORIZED_KEY", "INVALID_API_KEY", "FORBIDDEN_CONSECUTIVE_REQUEST");

    /** A call's answer: the HTTP status and Toss's JSON. */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }

        String code() {
            return body.path("code").asText("");
        }
    }

    /** A billing key issued for a customer, sealed. */
    record Issued(String customerKey, String sealedBillingKey) {
    }

    private final TossConfig config;
    private final BillingKeys keys;
    private final ObjectMapper json;
    private final HttpClient http;

    TossBilling(TossConfig config, BillingKeys keys, ObjectMapper json) {
        this.config = config;
        this.keys = keys;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean ready() {
        return config.secretKey().isPresent() && config.clientKey().isPresent();
    }

    @Override
    public String checkoutUrl(String checkoutPublicId) {
        Checkout checkout = Checkout.find("publicId", checkoutPublicId).firstResult();
        Plan plan = Plan.findById(checkout.planId);
        if (!"KRW".equals(plan.currency)) {
            throw new DomainException(DomainException.Kind.CONFLICT, "currency_unsupported",
                    "Toss Payments bills in KRW only: this plan is in " + plan.currency);
        }
        return "/checkout/membership/" + checkoutPublicId + "/toss";
    }

    /** The customer key the card registration window and every charge name the reader by. */
    static String customerKey(String checkoutPublicId) {
        return "gz_" + checkoutPublicId;
    }

    /**
     * Issues the billing key for the card the reader just registered; 409 {@code card_not_registered}
     * when Toss refuses the authKey, 503 when Toss cannot be reached.
     */
    Issued issue(String authKey, String customerKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authKey", authKey);
        body.put("customerKey", customerKey);
        Answer answer = post("/v1/billing/authorizations/issue", null, body);
        if (!answer.ok() || answer.body().path("billingKey").asText("").isEmpty()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "card_not_registered",
                    "Toss did not issue a billing key (" + answer.code() + ")");
        }
        return new Issued(customerKey, keys.seal(answer.body().path("billingKey").asText()));
    }

    @Override
    public Charge charge(Membership membership, BigDecimal amount, String currency, String idempotencyKey) {
        return charge(membership.providerRef, membership.providerCustomer, amount, currency, idempotencyKey,
                "Membership " + membership.id);
    }

    /** Charges a sealed billing key; the key is also Toss's orderId, so a charge is found by it. */
    Charge charge(String sealedBillingKey, String customerKey, BigDecimal amount, String currency, String idempotencyKey,
            String orderName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerKey", customerKey);
        body.put("amount", amount.longValueExact());
        body.put("orderId", idempotencyKey);
        body.put("orderName", orderName);
        String billingKey;
        try {
            billingKey = URLEncoder.encode(keys.open(sealedBillingKey), StandardCharsets.UTF_8);
        } catch (IllegalStateException e) {
            // sealed under another key (the sealing key was changed): only a new card registration helps
            LOG.warnf("A Toss billing key cannot be opened: %s", e.getMessage());
            return new Charge(false, null, "billing_key_unreadable");
        }
        Answer answer = post("/v1/billing/" + billingKey, idempotencyKey, body);
        if (answer.ok() && "DONE".equals(answer.body().path("status").asText())) {
            return new Charge(true, answer.body().path("paymentKey").asText(null), null);
        }
        if (answer.ok()) {
            return new Charge(false, answer.body().path("paymentKey").asText(null),
                    "payment_" + answer.body().path("status").asText("unknown").toLowerCase(java.util.Locale.ROOT));
        }
        return new Charge(false, null, failure(answer.code()));
    }

    @Override
    public String refund(String chargeRef, BigDecimal amount, String currency, String reason, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cancelReason", reason == null || reason.isBlank() ? "Refund" : reason);
        body.put("cancelAmount", amount.longValueExact());
        Answer answer = post("/v1/payments/" + URLEncoder.encode(chargeRef, StandardCharsets.UTF_8) + "/cancel",
                idempotencyKey, body);
        if (!answer.ok()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "refund_refused",
                    "Toss refused the refund (" + answer.code() + ")");
        }
        JsonNode cancels = answer.body().path("cancels");
        JsonNode last = cancels.isArray() && !cancels.isEmpty() ? cancels.get(cancels.size() - 1) : null;
        return last == null ? chargeRef : last.path("transactionKey").asText(chargeRef);
    }

    /**
     * Why a charge failed, in Gazette's words (the ledger's reason and the dunning mail's cause);
     * Toss's own code follows for anything else.
     */
    static String failure(String code) {
        return switch (code) {
            case "REJECT_CARD_PAYMENT", "EXCEED_MAX_AMOUNT", "EXCEED_MAX_DAILY_PAYMENT_COUNT",
                    "EXCEED_MAX_PAYMENT_AMOUNT", "EXCEED_MAX_MONTHLY_PAYMENT_AMOUNT" ->
                "insufficient_funds_or_limit";
            case "INVALID_CARD_EXPIRATION" -> "card_expired";
            case "INVALID_STOPPED_CARD", "INVALID_CARD_LOST_OR_STOLEN", "RESTRICTED_CARD" -> "card_stopped";
            case "REJECT_CARD_COMPANY", "INVALID_CARD_NUMBER", "NOT_AVAILABLE_PAYMENT", "INVALID_CARD" -> "card_declined";
            case "NOT_FOUND_BILLING", "INVALID_BILLING_KEY", "NOT_FOUND_BILLING_KEY" -> "billing_key_invalid";
            default -> code.isEmpty() ? "declined" : "declined:" + code;
        };
    }

    /**
     * One POST, tried {@code attempts} times with the same idempotency key while it times out or
     * Toss answers that it could not finish; 503 {@code payment_provider_unavailable} after the last.
     */
    private Answer post(String path, String idempotencyKey, Map<String, Object> body) {
        String secret = config.secretKey().orElseThrow(() -> unavailable("Toss Payments has no secret key configured"));
        HttpRequest.Builder request = HttpRequest
                .newBuilder(URI.create(config.apiBase().toString().replaceAll("/$", "") + path))
                .timeout(config.timeout())
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((secret + ":").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest built = request.POST(HttpRequest.BodyPublishers.ofString(text)).build();
        for (int attempt = 1; attempt <= Math.max(1, config.attempts()); attempt++) {
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                Answer answer = new Answer(response.statusCode(), read(response.body()));
                if (response.statusCode() < 500 && !RETRY_LATER.contains(answer.code())) {
                    return answer;
                }
                LOG.warnf("Toss answered %d %s to %s (try %d)", response.statusCode(), answer.code(), redacted(path),
                        attempt);
            } catch (IOException e) {
                // a timeout included: Toss may have charged, and the same key makes the next try answer that charge
                LOG.warnf("Toss did not answer %s (try %d): %s", redacted(path), attempt, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable("Interrupted while reaching Toss Payments");
            }
        }
        throw unavailable("Toss Payments could not be reached");
    }

    private JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    /** A path for the log, without the billing key it may carry. */
    private static String redacted(String path) {
        return path.startsWith("/v1/billing/") && !path.startsWith("/v1/billing/authorizations")
                ? "/v1/billing/***"
                : path;
    }

    private static DomainException unavailable(String detail) {
        return new DomainException(DomainException.Kind.UNAVAILABLE, "payment_provider_unavailable", detail);
    }
}
