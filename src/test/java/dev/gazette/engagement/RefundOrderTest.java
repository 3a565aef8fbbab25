package dev.gazette.engagement;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
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

/**
 * Stripe's refunds, whatever order its signed events arrive in: a tip ends refunded once all of it
 * was refunded, even when the refund came before the payment; a refund in part leaves it paid
 * with the refunded amount recorded. A 9.00 USD tip (2 coffees at 4.50) throughout.
 */
@QuarkusTest
@QuarkusTestResource(value = StripeStub.class, restrictToAnnotatedClass = true)
class RefundOrderTest {

    @Inject
    DataSource db;

    @Test
    void aFullRefundBeforeThePaymentEndsRefunded() {
        Tip tip = tip("EarlyRefund");
        deliver(refund(tip.publicId, 900, 900)).then().statusCode(200).body("applied", equalTo(true));
        assertThat(state(tip)).isEqualTo("pending 9.00");
        deliver(paid(tip.session)).then().statusCode(200).body("applied", equalTo(true));
        assertThat(state(tip)).isEqualTo("refunded 9.00");
    }

    @Test
    void aFullRefundAfterThePaymentEndsRefunded() {
        Tip tip = tip("LateRefund");
        deliver(paid(tip.session)).then().statusCode(200);
        assertThat(state(tip)).isEqualTo("paid 0.00");
        deliver(refund(tip.publicId, 900, 900)).then().statusCode(200);
        assertThat(state(tip)).isEqualTo("refunded 9.00");
    }

    @Test
    void aRefundInPartLeavesThePaymentPaidInEitherOrderUntilTheRestIsRefunded() {
        Tip before = tip("PartFirst");
        deliver(refund(before.publicId, 900, 300)).then().statusCode(200);
        deliver(paid(before.session)).then().statusCode(200);
        assertThat(state(before)).isEqualTo("paid 3.00");

        Tip after = tip("PartLater");
        deliver(paid(after.session)).then().statusCode(200);
        deliver(refund(after.publicId, 900, 300)).then().statusCode(200);
        assertThat(state(after)).isEqualTo("paid 3.00");
        // Stripe's next event carries the total so far; an older one arriving late changes nothing
        deliver(refund(after.publicId, 900, 900)).then().statusCode(200);
        deliver(refund(after.publicId, 900, 300)).then().statusCode(200);
        assertThat(state(after)).isEqualTo("refunded 9.00");
    }

    private record Tip(String session, String publicId) {
    }

    private Tip tip(String who) {
        Readers.Sent sent = Readers.sentIssue(who, Map.of("tipPrice", 4.5, "tipCurrency", "USD"));
        String session = "cs_test_" + UUID.randomUUID();
        // the newest stub answers: this tip's checkout gets this session
        StripeStub.server.stubFor(post(urlEqualTo("/v1/checkout/sessions"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"id\":\"" + session + "\",\"url\":\"https://checkout.stripe.com/c/pay/" + session + "\"}")));
        Api.anonymous().body(Map.of("coffees", 2)).post(sent.page() + "/tips").then().statusCode(201);
        return new Tip(session, text("SELECT public_id FROM tip WHERE provider_ref = ?", session));
    }

    private String state(Tip tip) {
        return text("SELECT status || ' ' || amount_refunded FROM tip WHERE provider_ref = ?", tip.session);
    }

    private String text(String sql, String arg) {
        try (var c = db.getConnection(); var s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (var r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String paid(String session) {
        return "{\"id\":\"evt_" + UUID.randomUUID()
                + "\",\"type\":\"checkout.session.completed\",\"data\":{\"object\":{\"id\":\""
                + session + "\",\"object\":\"checkout.session\",\"payment_status\":\"paid\"}}}";
    }

    private static String refund(String tip, long amount, long refunded) {
        return "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"charge.refunded\",\"data\":{\"object\":{\"id\":\"ch_"
                + UUID.randomUUID() + "\",\"object\":\"charge\",\"amount\":" + amount + ",\"amount_refunded\":" + refunded
                + ",\"refunded\":" + (refunded >= amount) + ",\"currency\":\"usd\",\"metadata\":{\"tip\":\"" + tip + "\"}}}}";
    }

    private static io.restassured.response.Response deliver(String body) {
        return RestAssured.given().contentType("application/json; charset=utf-8")
                .header("Stripe-Signature", StripeSignature.header(body, StripeStub.WEBHOOK_SECRET, Instant.now()))
                .body(body).post("/api/v1/payments/stripe/webhook");
    }
}
