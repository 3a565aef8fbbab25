package dev.gazette.membership;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import dev.gazette.core.StripeSignature;
import dev.gazette.testing.Api;
import dev.gazette.testing.BillingStub;

/**
 * Test steps of memberships with the real providers, played by WireMock ({@link BillingStub}): a
 * pending checkout of a provider (the configured one for new checkouts stays the sandbox), Toss's
 * card registration answered, Stripe's signed webhooks.
 */
final class Billed {

    static final String TOSS_AUTH = "Basic " + java.util.Base64.getEncoder().encodeToString("test_sk_gazette:".getBytes());
    static final String STRIPE_AUTH = "Bearer sk_test_gazette";
    static final String STRIPE_WEBHOOK_SECRET = "whsec_test_membership";
    static final String STRIPE_WEBHOOK = "/api/v1/memberships/stripe/webhook";

    private Billed() {
    }

    static WireMockServer wiremock() {
        return BillingStub.server();
    }

    /** A reader's pending checkout of the publication's plan, as the join form makes it, for this provider. */
    static String pendingCheckout(Members.Pub pub, Members.Reader reader, String provider) {
        String publicId = "chk_test" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        QuarkusTransaction.requiringNew().run(() -> {
            Checkout checkout = new Checkout();
            checkout.publicId = publicId;
            checkout.publicationId = Plan.<Plan>findById(pub.planId()).publicationId;
            checkout.subscriberId = reader.id();
            checkout.planId = pub.planId();
            checkout.provider = provider;
            checkout.status = Checkout.Status.pending;
            checkout.createdAt = Instant.now();
            checkout.persist();
        });
        return publicId;
    }

    /** A member through Toss: the card registered, the billing key issued, the first period charged. */
    record TossMember(String checkout, String billingKey, String firstPayment) {
    }

    static TossMember tossMember(DataSource db, Members.Pub pub, Members.Reader reader) {
        String checkout = pendingCheckout(pub, reader, TossBilling.NAME);
        TossCard card = tossCard(checkout);
        Api.anonymous().get("/checkout/membership/" + checkout + "/toss/success?customerKey="
                + TossBilling.customerKey(checkout) + "&authKey=" + card.authKey()).then().statusCode(200);
        return new TossMember(checkout, card.billingKey(), card.payment());
    }

    /** What Toss will answer for this checkout's card: the authKey, the billing key, the first payment. */
    record TossCard(String authKey, String billingKey, String payment) {
    }

    static TossCard tossCard(String checkout) {
        String customerKey = TossBilling.customerKey(checkout);
        String authKey = "auth_" + UUID.randomUUID();
        String billingKey = "bk_secret_" + UUID.randomUUID().toString().replace("-", "");
        String payment = "pay_" + UUID.randomUUID().toString().replace("-", "");
        wiremock().stubFor(post(urlEqualTo("/v1/billing/authorizations/issue")).withHeader("Authorization", equalTo(TOSS_AUTH))
                .withRequestBody(equalToJson("{\"authKey\":\"" + authKey + "\",\"customerKey\":\"" + customerKey + "\"}"))
                .willReturn(json("{\"mId\":\"tgazette\",\"customerKey\":\"" + customerKey + "\",\"billingKey\":\""
                        + billingKey + "\",\"method\":\"카드\",\"card\":{\"number\":\"4330****1234\"}}")));
        wiremock().stubFor(post(urlEqualTo("/v1/billing/" + billingKey))
                .withHeader("Idempotency-Key", equalTo("checkout-" + checkout))
                .willReturn(json(payment(payment, "checkout-" + checkout, 5000))));
        return new TossCard(authKey, billingKey, payment);
    }

    static String payment(String paymentKey, String orderId, long amount) {
        return "{\"paymentKey\":\"" + paymentKey + "\",\"orderId\":\"" + orderId + "\",\"status\":\"DONE\",\"totalAmount\":"
                + amount + ",\"method\":\"카드\",\"approvedAt\":\"2026-12-02T10:00:00+09:00\"}";
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Delivers a Stripe event signed at {@code at} with the memberships' webhook secret. */
    static Response deliver(String event, Instant at) {
        return RestAssured.given().contentType("application/json; charset=utf-8")
                .header("Stripe-Signature", StripeSignature.header(event, STRIPE_WEBHOOK_SECRET, at)).body(event)
                .post(STRIPE_WEBHOOK);
    }

    static String event(String id, String type, long created, String object) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"created\":" + created
                + ",\"data\":{\"object\":" + object + "}}";
    }
}
