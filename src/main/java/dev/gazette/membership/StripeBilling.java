package dev.gazette.membership;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.gazette.core.DomainException;
import dev.gazette.core.GazetteConfig;
import dev.gazette.publication.Publications;

/**
 * Stripe Billing: a checkout is a Checkout Session in subscription mode (the plan's price, currency
 * and interval as {@code price_data}, its trial days, the pending checkout named in {@code
 * client_reference_id} and the metadata), after which Stripe renews on its own schedule and says
 * so by webhook ({@link StripeMembershipWebhooks}); Gazette never charges a Stripe membership. The
 * reader manages their card in Stripe's customer portal; a cancel or resume from the preferences
 * page is passed on to the subscription. Same account and keys as the tips' Stripe adapter.
 */
@ApplicationScoped
class StripeBilling implements BillingProvider {

    static final String NAME = "stripe";

    // The reader's address, which Stripe's page fills in for them.
    private static final String EMAIL = "SELECT email FROM subscriber WHERE id = ?1";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI apiBase;
    private final Optional<String> secretKey;
    private final Publications publications;
    private final GazetteConfig gazette;
    private final EntityManager entityManager;
    private final ObjectMapper json;

    StripeBilling(
            @ConfigProperty(name = "gazette.payments.stripe.api-base", defaultValue = "https://api.stripe.com") URI apiBase,
            @ConfigProperty(name = "gazette.payments.stripe.secret-key") Optional<String> secretKey,
            Publications publications, GazetteConfig gazette, EntityManager entityManager, ObjectMapper json) {
        this.apiBase = apiBase;
        this.secretKey = secretKey;
        this.publications = publications;
        this.gazette = gazette;
        this.entityManager = entityManager;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean billsItself() {
        return true;
    }

    @Override
    public boolean ready() {
        return secretKey.isPresent();
    }

    @Override
    public String checkoutUrl(String checkoutPublicId) {
        Checkout checkout = Checkout.find("publicId", checkoutPublicId).firstResult();
        Plan plan = Plan.findById(checkout.planId);
        String publication = publications.findById(checkout.publicationId).map(p -> p.name()).orElse("Gazette");
        String back = gazette.baseUrl().resolve("/checkout/membership/" + checkoutPublicId + "/done").toString();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mode", "subscription");
        form.put("client_reference_id", checkoutPublicId);
        form.put("metadata[membership_checkout]", checkoutPublicId);
        form.put("subscription_data[metadata][membership_checkout]", checkoutPublicId);
        form.put("line_items[0][quantity]", "1");
        form.put("line_items[0][price_data][currency]", plan.currency.toLowerCase(Locale.ROOT));
        form.put("line_items[0][price_data][unit_amount]", minorUnits(plan.price, plan.currency));
        form.put("line_items[0][price_data][recurring][interval]", plan.interval.name());
        form.put("line_items[0][price_data][product_data][name]", publication + " · " + plan.name);
        if (plan.trialDays > 0) {
            form.put("subscription_data[trial_period_days]", Integer.toString(plan.trialDays));
        }
        Object email = entityManager.createNativeQuery(EMAIL).setParameter(1, checkout.subscriberId).getSingleResult();
        form.put("customer_email", (String) email);
        form.put("success_url", back);
        form.put("cancel_url", back);
        JsonNode session = post("/v1/checkout/sessions", form, "membership-" + checkoutPublicId, "the checkout");
        checkout.providerRef = session.path("id").asText();
        return session.path("url").asText();
    }

    @Override
    public Charge charge(Membership membership, BigDecimal amount, String currency, String idempotencyKey) {
        throw new IllegalStateException("Stripe renews its subscriptions itself: Gazette never charges them");
    }

    @Override
    public String refund(String chargeRef, BigDecimal amount, String currency, String reason, String idempotencyKey) {
        Map<String, String> form = new LinkedHashMap<>();
        if (chargeRef != null && chargeRef.startsWith("ch_")) {
            form.put("charge", chargeRef);
        } else if (chargeRef != null && chargeRef.startsWith("pi_")) {
            form.put("payment_intent", chargeRef);
        } else {
            throw new DomainException(DomainException.Kind.CONFLICT, "refund_refused",
                    "This charge names no Stripe payment to refund; refund it from Stripe's dashboard");
        }
        form.put("amount", minorUnits(amount, currency));
        form.put("reason", "requested_by_customer");
        if (reason != null && !reason.isBlank()) {
            form.put("metadata[reason]", reason);
        }
        return post("/v1/refunds", form, idempotencyKey, "the refund").path("id").asText();
    }

    @Override
    public Optional<String> portalUrl(Membership membership, String returnUrl) {
        if (membership.providerCustomer == null) {
            return Optional.empty();
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("customer", membership.providerCustomer);
        form.put("return_url", returnUrl);
        return Optional.of(post("/v1/billing_portal/sessions", form, null, "the customer portal").path("url").asText());
    }

    @Override
    public void cancelAtPeriodEnd(Membership membership, boolean cancel) {
        post("/v1/subscriptions/" + URLEncoder.encode(membership.providerRef, StandardCharsets.UTF_8),
                Map.of("cancel_at_period_end", Boolean.toString(cancel)), null, "the cancellation");
    }

    /** Stripe counts in the currency's smallest unit: cents for USD, whole won for KRW. */
    static String minorUnits(BigDecimal amount, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return amount.movePointRight(digits).setScale(0, RoundingMode.HALF_UP).toPlainString();
    }

    /** The other way: Stripe's smallest units back to the amount Gazette keeps. */
    static BigDecimal majorUnits(long minor, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits());
        return BigDecimal.valueOf(minor).movePointLeft(digits);
    }

    private JsonNode post(String path, Map<String, String> form, String idempotencyKey, String what) {
        String key = secretKey.orElseThrow(() -> unavailable("Stripe has no secret key configured"));
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(apiBase.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 4) {
                throw new DomainException(DomainException.Kind.CONFLICT,
                        path.equals("/v1/refunds") ? "refund_refused" : "provider_refused",
                        "Stripe refused " + what + " (HTTP " + response.statusCode() + ")");
            }
            if (response.statusCode() / 100 != 2) {
                throw unavailable("Stripe could not do " + what + " (HTTP " + response.statusCode() + ")");
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw unavailable("Stripe could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("Interrupted while reaching Stripe");
        }
    }

    private static DomainException unavailable(String detail) {
        return new DomainException(DomainException.Kind.UNAVAILABLE, "payment_provider_unavailable", detail);
    }
}
