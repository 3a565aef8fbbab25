package dev.gazette.membership;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.core.SignedTokens;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.StudioForms;

/**
 * Refunds of a member's charges, full and partial, through each provider (the sandbox, Toss's
 * cancel API, Stripe's refunds, played by WireMock): a row per refund, the charge's refunded total,
 * a ledger line and the reader's receipt; an over-refund or a second full refund refused with
 * nothing changed; an idempotency key so a double click refunds once; only the publication's
 * writer can.
 */
@QuarkusTest
class RefundTest {

    @Inject
    DataSource db;

    @Inject
    SignedTokens tokens;

    private static String refunds(Members.Pub pub, Members.Reader reader) {
        return "/api/v1/publications/" + pub.slug() + "/members/" + reader.id() + "/refunds";
    }

    private long charge(Members.Reader reader) {
        return Long.parseLong(Db.text(db, "SELECT CAST(c.id AS text) FROM membership_charge c JOIN membership m"
                + " ON m.id = c.membership_id WHERE m.subscriber_id = ? ORDER BY c.id LIMIT 1", reader.id()));
    }

    @Test
    void aPartialThenAFullRefundInTheSandboxAndEveryRefusalChangesNothing() {
        Members.Pub pub = Members.monthly("Refunds");
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, "4242 4242 4242 4242");
        long charge = charge(reader);
        String path = refunds(pub, reader);

        as(pub.scenario().token()).body(Map.of("chargeId", charge, "amount", 2000, "reason", "한 주 늦게 보냈어요"))
                .post(path).then().statusCode(201).body("amount", org.hamcrest.Matchers.equalTo(2000.0f))
                .body("chargeRefunded", org.hamcrest.Matchers.equalTo(2000.0f))
                .body("chargeRemaining", org.hamcrest.Matchers.equalTo(3000.0f))
                .body("provider", org.hamcrest.Matchers.equalTo("sandbox"));
        // more than is left, nothing at all, a malformed amount, another publication's writer: refused, nothing changes
        as(pub.scenario().token()).body(Map.of("chargeId", charge, "amount", 4000)).post(path).then().statusCode(422)
                .body("code", org.hamcrest.Matchers.equalTo("refund_exceeds_charge"));
        as(pub.scenario().token()).body(Map.of("chargeId", charge, "amount", 0)).post(path).then().statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("validation_failed"))
                .body("errors[0].code", org.hamcrest.Matchers.equalTo("invalid_amount"));
        as(pub.scenario().token()).body(Map.of("chargeId", charge, "amount", 10.5)).post(path).then().statusCode(400)
                .body("errors[0].code", org.hamcrest.Matchers.equalTo("invalid_amount"));
        as(pub.scenario().token()).body(Map.of("amount", 10)).post(path).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("chargeId"));
        as(pub.scenario().token()).body(Map.of("chargeId", 999_999_999L, "amount", 10)).post(path).then().statusCode(404)
                .body("code", org.hamcrest.Matchers.equalTo("charge_not_found"));
        Api.Account stranger = Api.writer("stranger");
        as(stranger.token()).body(Map.of("chargeId", charge, "amount", 100)).post(path).then().statusCode(404);
        as(stranger.token()).get(path).then().statusCode(404);
        Api.anonymous().body(Map.of("chargeId", charge, "amount", 100)).post(path).then().statusCode(401);
        assertThat(Db.count(db, "SELECT count(*) FROM membership_refund WHERE charge_id = ?", charge)).isOne();
        assertThat(Db.text(db, "SELECT CAST(refunded AS text) FROM membership_charge WHERE id = ?", charge))
                .isEqualTo("2000.00");

        // the rest, with no amount: all that is left; then nothing is left to refund
        as(pub.scenario().token()).body(Map.of("chargeId", charge)).post(path).then().statusCode(201)
                .body("amount", org.hamcrest.Matchers.equalTo(3000.0f))
                .body("chargeRemaining", org.hamcrest.Matchers.equalTo(0.0f));
        as(pub.scenario().token()).body(Map.of("chargeId", charge, "amount", 1)).post(path).then().statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("charge_fully_refunded"));

        assertThat(Db.count(db, "SELECT count(*) FROM membership_refund WHERE charge_id = ? AND currency = 'KRW'"
                + " AND provider = 'sandbox' AND provider_ref LIKE 'sandbox_refund_%' AND actor = (SELECT 'writer:' || id FROM account WHERE email = ?)",
                charge, pub.writer().email())).isEqualTo(2);
        assertThat(Db.text(db, "SELECT CAST(refunded AS text) FROM membership_charge WHERE id = ?", charge))
                .isEqualTo("5000.00");
        assertThat(Members.ledger(db, reader)).containsExactly("started:->active", "refunded:active>active",
                "refunded:active>active");
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE action = 'member_refunded' AND publication_slug = ?",
                pub.slug())).isEqualTo(2);
        assertThat(as(pub.scenario().token()).get(path).then().statusCode(200).extract().jsonPath().getList("amount"))
                .containsExactly(3000.0f, 2000.0f);
        // the reader's receipts say so, and the membership itself runs on
        String preferences = Api.anonymous().get("/preferences/" + tokens.sign("subscriber-preferences", reader.id()))
                .then().statusCode(200).extract().asString();
        assertThat(preferences).contains("5000 KRW 환불됨");
        assertThat(Members.state(db, reader)).isEqualTo("active");
    }

    @Test
    void theSameIdempotencyKeyRefundsOnce() {
        Members.Pub pub = Members.monthly("RefundTwice");
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, "4242 4242 4242 4242");
        long charge = charge(reader);
        String key = "click-" + UUID.randomUUID();
        Number first = as(pub.scenario().token()).header("Idempotency-Key", key).body(Map.of("chargeId", charge, "amount", 500))
                .post(refunds(pub, reader)).then().statusCode(201).extract().path("id");
        Number again = as(pub.scenario().token()).header("Idempotency-Key", key).body(Map.of("chargeId", charge, "amount", 500))
                .post(refunds(pub, reader)).then().statusCode(200).extract().path("id");
        assertThat(again.longValue()).isEqualTo(first.longValue());
        assertThat(Db.count(db, "SELECT count(*) FROM membership_refund WHERE charge_id = ?", charge)).isOne();
        assertThat(Db.text(db, "SELECT CAST(refunded AS text) FROM membership_charge WHERE id = ?", charge))
                .isEqualTo("500.00");
        as(pub.scenario().token()).header("Idempotency-Key", "not a key!").body(Map.of("chargeId", charge, "amount", 5))
                .post(refunds(pub, reader)).then().statusCode(400)
                .body("errors[0].code", org.hamcrest.Matchers.equalTo("invalid_key"));
    }

    @Test
    void aTossChargeIsRefundedInPartThroughTossCancelApi() {
        Members.Pub pub = Members.monthly("RefundToss");
        Members.Reader reader = Members.reader(db, tokens, pub);
        Billed.TossMember member = Billed.tossMember(db, pub, reader);
        long charge = charge(reader);
        Billed.wiremock().stubFor(post(urlEqualTo("/v1/payments/" + member.firstPayment() + "/cancel"))
                .withHeader("Authorization", equalTo(Billed.TOSS_AUTH))
                .withRequestBody(equalToJson("{\"cancelReason\":\"partial\",\"cancelAmount\":1500}"))
                .willReturn(Billed.json("{\"paymentKey\":\"" + member.firstPayment() + "\",\"status\":\"PARTIAL_CANCELED\","
                        + "\"cancels\":[{\"cancelAmount\":1500,\"transactionKey\":\"tx_" + member.firstPayment() + "\"}]}")));
        as(pub.scenario().token()).header("Idempotency-Key", "toss-partial-" + charge)
                .body(Map.of("chargeId", charge, "amount", 1500, "reason", "partial")).post(refunds(pub, reader)).then()
                .statusCode(201).body("providerRef", org.hamcrest.Matchers.equalTo("tx_" + member.firstPayment()));
        Billed.wiremock().verify(1, postRequestedFor(urlEqualTo("/v1/payments/" + member.firstPayment() + "/cancel"))
                .withHeader("Idempotency-Key", equalTo("refund-" + Members.membershipId(db, reader) + "-toss-partial-"
                        + charge)));
        assertThat(Db.text(db, "SELECT CAST(refunded AS text) FROM membership_charge WHERE id = ?", charge))
                .isEqualTo("1500.00");
        // Toss refuses a cancel: nothing is recorded
        Billed.wiremock().stubFor(post(urlEqualTo("/v1/payments/" + member.firstPayment() + "/cancel")).atPriority(1)
                .withRequestBody(containing("\"cancelAmount\":100"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"NOT_CANCELABLE_PAYMENT\",\"message\":\"취소 할 수 없는 결제 입니다.\"}")));
        as(pub.scenario().token()).body(Map.of("chargeId", charge, "amount", 100)).post(refunds(pub, reader)).then()
                .statusCode(409).body("code", org.hamcrest.Matchers.equalTo("refund_refused"));
        assertThat(Db.count(db, "SELECT count(*) FROM membership_refund WHERE charge_id = ?", charge)).isOne();
        Db.execute(db, "UPDATE membership SET state = 'ended' WHERE subscriber_id = ?", reader.id());
    }

    @Test
    void aStripeChargeIsRefundedThroughStripeRefunds() {
        Members.Pub pub = Members.monthly("RefundStripe");
        Members.Reader reader = Members.reader(db, tokens, pub);
        String checkout = Billed.pendingCheckout(pub, reader, StripeBilling.NAME);
        String subscription = "sub_" + UUID.randomUUID().toString().replace("-", "");
        long now = java.time.Instant.now().getEpochSecond();
        String invoice = "{\"id\":\"in_r" + checkout + "\",\"object\":\"invoice\",\"amount_paid\":5000,\"currency\":\"krw\","
                + "\"customer\":\"cus_r\",\"payment_intent\":\"pi_r" + checkout + "\",\"subscription\":\"" + subscription
                + "\",\"subscription_details\":{\"metadata\":{\"membership_checkout\":\"" + checkout + "\"}},"
                + "\"lines\":{\"data\":[{\"period\":{\"start\":" + now + ",\"end\":" + (now + 2_600_000) + "}}]}}";
        Billed.deliver(Billed.event("evt_" + UUID.randomUUID(), "invoice.paid", now, invoice), java.time.Instant.now())
                .then().statusCode(200);
        long charge = charge(reader);
        Billed.wiremock().stubFor(post(urlEqualTo("/v1/refunds")).withRequestBody(containing("payment_intent=pi_r" + checkout))
                .willReturn(Billed.json("{\"id\":\"re_" + checkout + "\",\"object\":\"refund\",\"status\":\"succeeded\"}")));
        as(pub.scenario().token()).body(Map.of("chargeId", charge, "amount", 5000)).post(refunds(pub, reader)).then()
                .statusCode(201).body("providerRef", org.hamcrest.Matchers.equalTo("re_" + checkout));
        Billed.wiremock().verify(postRequestedFor(urlEqualTo("/v1/refunds")).withHeader("Authorization",
                equalTo(Billed.STRIPE_AUTH)).withRequestBody(containing("amount=5000")));
        as(pub.scenario().token()).body(Map.of("chargeId", charge, "amount", 1)).post(refunds(pub, reader)).then()
                .statusCode(409).body("code", org.hamcrest.Matchers.equalTo("charge_fully_refunded"));
    }

    @Test
    void theStudioRefundFormCarriesItsTokenAndItsKeySoADoubleClickRefundsOnce() {
        Members.Pub pub = Members.monthly("RefundStudio");
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, "4242 4242 4242 4242");
        long charge = charge(reader);
        String page = "/studio/publications/" + pub.slug() + "/members/" + reader.id() + "/charges";
        assertThat(StudioForms.open(pub.writer(), "/studio/publications/" + pub.slug() + "/members", "en").html())
                .contains("href=\"" + page + "\"");
        StudioForms.Page charges = StudioForms.open(pub.writer(), page, "ko");
        assertThat(charges.html()).contains("결제와 환불").contains("id=\"refund-" + charge + "\"");
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("name=\"key\" value=\"([^\"]+)\"")
                .matcher(charges.html());
        assertThat(key.find()).isTrue();
        String action = page + "/" + charge + "/refund";

        StudioForms.post(pub.writer(), charges.withoutToken(), action, Map.of("amount", "1000", "key", key.group(1)), "en")
                .then().statusCode(403).body("code", org.hamcrest.Matchers.equalTo("csrf_failed"));
        StudioForms.post(pub.writer(), charges, action, Map.of("amount", "9000", "key", key.group(1)), "en").then()
                .statusCode(422).body(org.hamcrest.Matchers.containsString("id=\"refund-error\""));
        StudioForms.post(pub.writer(), charges, action, Map.of("amount", "1000", "key", key.group(1)), "en").then()
                .statusCode(303);
        StudioForms.post(pub.writer(), charges, action, Map.of("amount", "1000", "key", key.group(1)), "en").then()
                .statusCode(303);
        assertThat(Db.count(db, "SELECT count(*) FROM membership_refund WHERE charge_id = ?", charge)).isOne();
        assertThat(StudioForms.open(pub.writer(), page + "?saved=1", "en").html()).contains("id=\"refund-saved\"")
                .contains("id=\"refunds\"");
        Api.Account stranger = Api.writer("stranger");
        StudioForms.session(stranger, "en").get(page).then().statusCode(404);
    }

    @Test
    void twoRefundsOfOneChargeAtTheSameMomentNeverGiveBackMoreThanWasPaid() throws Exception {
        Members.Pub pub = Members.monthly("RefundRace");
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, "4242 4242 4242 4242");
        long charge = charge(reader);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return as(pub.scenario().token()).body(Map.of("chargeId", charge, "amount", 3000))
                        .post(refunds(pub, reader)).then().extract().statusCode();
            }));
        }
        start.countDown();
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (var answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(201, 422, 422, 422);
        assertThat(Db.text(db, "SELECT CAST(refunded AS text) FROM membership_charge WHERE id = ?", charge))
                .isEqualTo("3000.00");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_refund WHERE charge_id = ?", charge)).isOne();
    }
}
