package dev.gazette.engagement;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.core.StripeSignature;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/**
 * Tips through the Stripe adapter: a Checkout Session made on Stripe's API (WireMock here), then
 * Stripe's signed webhooks: paid once however often replayed, refused when wrongly signed or stale.
 */
@QuarkusTest
@QuarkusTestResource(value = StripeStub.class, restrictToAnnotatedClass = true)
class StripeTipTest {

    private static final String WEBHOOK = "/api/v1/payments/stripe/webhook";

    @Inject
    DataSource db;

    private String tip(Readers.Sent sent, String session) {
        StripeStub.server.stubFor(post(urlEqualTo("/v1/checkout/sessions"))
                .withHeader("Authorization", equalTo("Bearer " + StripeStub.SECRET_KEY))
                .withRequestBody(containing("line_items%5B0%5D%5Bquantity%5D=2"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + session + "\",\"object\":\"checkout.session\","
                                + "\"url\":\"https://checkout.stripe.com/c/pay/" + session + "\"}")));
        String checkout = Api.anonymous().body(Map.of("coffees", 2, "message", "for the next one"))
                .post(sent.page() + "/tips").then().statusCode(201).extract().path("checkoutUrl");
        assertThat(checkout).isEqualTo("https://checkout.stripe.com/c/pay/" + session);
        return Db.count(db, "SELECT count(*) FROM tip WHERE provider_ref = ?", session) == 1 ? session : null;
    }

    private static String event(String id, String type, String session, String paymentStatus) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"data\":{\"object\":{\"id\":\""
                + session + "\",\"object\":\"checkout.session\",\"payment_status\":\"" + paymentStatus + "\"}}}";
    }

    private static io.restassured.response.Response deliver(String body, String signature) {
        return RestAssured.given().contentType("application/json; charset=utf-8").header("Stripe-Signature", signature)
                .body(body).post(WEBHOOK);
    }

    @Test
    void aSignedWebhookPaysTheTipOnceHoweverOftenItArrives() {
        Readers.Sent sent = Readers.sentIssue("Striped", Map.of("tipPrice", 4.5, "tipCurrency", "USD"));
        String session = tip(sent, "cs_test_" + UUID.randomUUID());
        assertThat(session).isNotNull();
        StripeStub.server.verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D=450"))
                .withRequestBody(containing("line_items%5B0%5D%5Bprice_data%5D%5Bcurrency%5D=usd")));

        String body = event("evt_" + UUID.randomUUID(), "checkout.session.completed", session, "paid");
        String signature = StripeSignature.header(body, StripeStub.WEBHOOK_SECRET, Instant.now());
        deliver(body, signature).then().statusCode(200).body("applied", org.hamcrest.Matchers.equalTo(true));
        deliver(body, signature).then().statusCode(200).body("applied", org.hamcrest.Matchers.equalTo(false));
        assertThat(Db.count(db, "SELECT count(*) FROM tip WHERE provider_ref = ? AND status = 'paid' AND amount = 9",
                session)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM payment_event WHERE tip_id = (SELECT id FROM tip WHERE provider_ref = ?)",
                session)).isOne();
        Readers.mail(sent.writer().email(), text -> text.contains("for the next one"));

        // a refund moves it on; a replayed payment after that does not pay it again
        String refund = "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"charge.refunded\",\"data\":{\"object\":"
                + "{\"id\":\"ch_1\",\"object\":\"charge\",\"metadata\":{\"tip\":\"" + publicId(session) + "\"}}}}";
        deliver(refund, StripeSignature.header(refund, StripeStub.WEBHOOK_SECRET, Instant.now())).then().statusCode(200);
        deliver(body, StripeSignature.header(body, StripeStub.WEBHOOK_SECRET, Instant.now())).then().statusCode(200)
                .body("applied", org.hamcrest.Matchers.equalTo(false));
        assertThat(Db.count(db, "SELECT count(*) FROM tip WHERE provider_ref = ? AND status = 'refunded'", session)).isOne();
    }

    @Test
    void aWronglySignedOrStaleWebhookIsRefusedAndChangesNothing() {
        Readers.Sent sent = Readers.sentIssue("Forged", Map.of("tipPrice", 3000));
        String session = tip(sent, "cs_test_" + UUID.randomUUID());
        String body = event("evt_" + UUID.randomUUID(), "checkout.session.completed", session, "paid");

        deliver(body, StripeSignature.header(body, "whsec_someone_else", Instant.now())).then().statusCode(400)
                .contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("invalid_signature"));
        deliver(body.replace("paid", "paid "), StripeSignature.header(body, StripeStub.WEBHOOK_SECRET, Instant.now()))
                .then().statusCode(400).body("code", org.hamcrest.Matchers.equalTo("invalid_signature"));
        deliver(body, StripeSignature.header(body, StripeStub.WEBHOOK_SECRET, Instant.now().minusSeconds(3600)))
                .then().statusCode(400).body("code", org.hamcrest.Matchers.equalTo("invalid_signature"));
        RestAssured.given().contentType("application/json").body(body).post(WEBHOOK).then().statusCode(400);
        RestAssured.given().contentType("application/json").body(body).post("/api/v1/payments/paypal/webhook").then()
                .statusCode(404).body("code", org.hamcrest.Matchers.equalTo("provider_not_found"));

        assertThat(Db.count(db, "SELECT count(*) FROM tip WHERE provider_ref = ? AND status = 'pending'", session)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM payment_event WHERE event_id = ?",
                body.substring(7, body.indexOf('"', 7)))).isZero();
    }

    /** The README's other events: an asynchronous payment that succeeds or fails, an expired checkout, a refund. */
    @Test
    void theOtherWebhookEventsMoveTipsAsTheReadmeSays() {
        Readers.Sent sent = Readers.sentIssue("Async", Map.of("tipPrice", 3000));
        String succeeds = tip(sent, "cs_test_" + UUID.randomUUID());
        String fails = tip(sent, "cs_test_" + UUID.randomUUID());
        String expires = tip(sent, "cs_test_" + UUID.randomUUID());

        // a bank transfer: completed but not yet paid, then the money comes, or does not
        for (String session : new String[]{succeeds, fails}) {
            signed(event("evt_" + UUID.randomUUID(), "checkout.session.completed", session, "unpaid"));
            assertThat(status(session)).isEqualTo("pending");
        }
        signed(event("evt_" + UUID.randomUUID(), "checkout.session.async_payment_succeeded", succeeds, "paid"));
        signed(event("evt_" + UUID.randomUUID(), "checkout.session.async_payment_failed", fails, "unpaid"));
        signed(event("evt_" + UUID.randomUUID(), "checkout.session.expired", expires, "unpaid"));
        assertThat(List.of(status(succeeds), status(fails), status(expires))).containsExactly("paid", "failed", "failed");
        Readers.mail(sent.writer().email(), text -> text.contains("for the next one"));

        // a failed or expired checkout is never paid afterwards
        signed(event("evt_" + UUID.randomUUID(), "checkout.session.completed", expires, "paid"));
        assertThat(status(expires)).isEqualTo("failed");

        // the whole charge refunded: the paid tip is refunded
        String refund = "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"charge.refunded\",\"data\":{\"object\":"
                + "{\"id\":\"ch_" + UUID.randomUUID() + "\",\"object\":\"charge\",\"amount\":6000,"
                + "\"amount_refunded\":6000,\"refunded\":true,\"currency\":\"krw\",\"metadata\":{\"tip\":\""
                + publicId(succeeds) + "\"}}}}";
        signed(refund);
        assertThat(List.of(status(succeeds), status(fails), status(expires))).containsExactly("refunded", "failed", "failed");
    }

    private static void signed(String body) {
        deliver(body, StripeSignature.header(body, StripeStub.WEBHOOK_SECRET, Instant.now())).then().statusCode(200);
    }

    private String status(String session) {
        try (var c = db.getConnection(); var s = c.prepareStatement("SELECT status FROM tip WHERE provider_ref = ?")) {
            s.setString(1, session);
            try (var r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String publicId(String session) {
        try (var c = db.getConnection(); var s = c.prepareStatement("SELECT public_id FROM tip WHERE provider_ref = ?")) {
            s.setString(1, session);
            try (var r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
