package dev.gazette.membership;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gazette.core.SignedTokens;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.MovableClock;

/**
 * Memberships through Toss Payments (WireMock): the card registered in Toss's window, the billing
 * key issued and kept sealed, the first period charged; renewals charged by Gazette exactly once
 * however many runs race and when Toss answers too late (the same Idempotency-Key on the retry);
 * declines mapped to a reason.
 */
@QuarkusTest
class TossMembershipTest {

    @Inject
    DataSource db;

    @Inject
    SignedTokens tokens;

    @Inject
    MovableClock clock;

    @Inject
    Renewals renewals;

    private final List<Long> members = new ArrayList<>();

    @AfterEach
    void tidy() {
        clock.reset();
        // this test's Toss members leave the renewal job of later tests alone (their stubs may answer slowly)
        members.forEach(id -> Db.execute(db, "UPDATE membership SET state = 'ended' WHERE id = ?", id));
    }

    private Members.Reader member(Members.Pub pub, Billed.TossMember[] out) {
        Members.Reader reader = Members.reader(db, tokens, pub);
        out[0] = Billed.tossMember(db, pub, reader);
        members.add(Members.membershipId(db, reader));
        return reader;
    }

    @Test
    void theCardRegisteredAtTossBecomesAnActiveMemberWhoseBillingKeyIsNeverShown() {
        Members.Pub pub = Members.monthly("Toss");
        Members.Reader reader = Members.reader(db, tokens, pub);
        String checkout = Billed.pendingCheckout(pub, reader, TossBilling.NAME);
        String page = Api.anonymous().get("/checkout/membership/" + checkout + "/toss").then().statusCode(200).extract()
                .asString();
        assertThat(page).contains("id=\"toss-billing\"").contains("data-client-key=\"test_ck_gazette\"")
                .contains("data-customer-key=\"" + TossBilling.customerKey(checkout) + "\"")
                .contains("/checkout/membership/" + checkout + "/toss/success").doesNotContain("test_sk_gazette");

        Billed.TossMember member = Billed.tossMember(db, pub, Members.reader(db, tokens, pub));
        members.add(Long.parseLong(Db.text(db, "SELECT CAST(m.id AS text) FROM membership m JOIN membership_checkout c"
                + " ON c.subscriber_id = m.subscriber_id WHERE c.public_id = ?", member.checkout())));
        assertThat(Db.text(db, "SELECT status FROM membership_checkout WHERE public_id = ?", member.checkout()))
                .isEqualTo("paid");
        assertThat(Db.count(db, "SELECT count(*) FROM membership m JOIN membership_checkout c ON c.subscriber_id ="
                + " m.subscriber_id WHERE c.public_id = ? AND m.state = 'active' AND m.provider = 'toss'"
                + " AND m.provider_customer = ? AND m.provider_ref LIKE 'v1:%'", member.checkout(),
                TossBilling.customerKey(member.checkout()))).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE idempotency_key = ? AND status = 'paid'"
                + " AND amount = 5000 AND provider = 'toss' AND provider_ref = ?", "checkout-" + member.checkout(),
                member.firstPayment())).isOne();
        // Toss was asked with the secret key, and the billing key is nowhere in the clear
        Billed.wiremock().verify(1, postRequestedFor(urlEqualTo("/v1/billing/" + member.billingKey()))
                .withHeader("Authorization", equalTo(Billed.TOSS_AUTH))
                .withHeader("Idempotency-Key", equalTo("checkout-" + member.checkout())));
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE provider_ref LIKE ?", "%" + member.billingKey() + "%"))
                .isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_checkout WHERE provider_ref LIKE ?",
                "%" + member.billingKey() + "%")).isZero();

        // the same return again (a reload) charges nothing more
        Api.anonymous().get("/checkout/membership/" + member.checkout() + "/toss/success?customerKey="
                + TossBilling.customerKey(member.checkout()) + "&authKey=again").then().statusCode(200);
        Billed.wiremock().verify(1, postRequestedFor(urlEqualTo("/v1/billing/" + member.billingKey())));
        // a customer key that is not the checkout's is not answered
        Api.anonymous().get("/checkout/membership/" + member.checkout() + "/toss/success?customerKey=gz_other&authKey=x")
                .then().statusCode(404).body("code", org.hamcrest.Matchers.equalTo("checkout_not_found"));
    }

    @Test
    void twoRenewalRunsAtTheSameMomentChargeTossOnce() throws Exception {
        Members.Pub pub = Members.monthly("TossRace");
        Billed.TossMember[] toss = new Billed.TossMember[1];
        Members.Reader reader = member(pub, toss);
        long id = Members.membershipId(db, reader);
        long periodEnd = Db.timestamp(db, "SELECT current_period_end FROM membership WHERE id = ?", id).toInstant()
                .getEpochSecond();
        String key = "membership-" + id + "-" + periodEnd;
        // Toss takes a moment, so both runs are in flight together
        Billed.wiremock().stubFor(post(urlEqualTo("/v1/billing/" + toss[0].billingKey()))
                .withHeader("Idempotency-Key", equalTo(key))
                .willReturn(Billed.json(Billed.payment("pay_renew_" + id, key, 5000)).withFixedDelay(300)));
        clock.forwardWhenSettled(db, Duration.ofDays(32));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return renewals.runOnce();
            }));
        }
        start.countDown();
        for (Future<Integer> run : runs) {
            run.get();
        }
        pool.shutdown();

        Billed.wiremock().verify(1, postRequestedFor(urlEqualTo("/v1/billing/" + toss[0].billingKey()))
                .withHeader("Idempotency-Key", equalTo(key)));
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE membership_id = ? AND idempotency_key = ?"
                + " AND status = 'paid' AND provider_ref = ?", id, key, "pay_renew_" + id)).isOne();
        assertThat(Members.ledger(db, reader)).containsExactly("started:->active", "renewed:active>active");
        assertThat(Db.timestamp(db, "SELECT current_period_start FROM membership WHERE id = ?", id).toInstant()
                .getEpochSecond()).isEqualTo(periodEnd);
    }

    @Test
    void aTimeoutAfterTossChargedIsRetriedWithTheSameKeyAndRecordedOnce() {
        Members.Pub pub = Members.monthly("TossSlow");
        Billed.TossMember[] toss = new Billed.TossMember[1];
        Members.Reader reader = member(pub, toss);
        long id = Members.membershipId(db, reader);
        String key = "membership-" + id + "-" + Db.timestamp(db, "SELECT current_period_end FROM membership WHERE id = ?",
                id).toInstant().getEpochSecond();
        String path = "/v1/billing/" + toss[0].billingKey();
        String scenario = "slow-" + id;
        // Toss charges, but answers after the client gave up (1 s); the retry gets the first charge's answer
        Billed.wiremock().stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(Billed.json(Billed.payment("pay_slow_" + id, key, 5000)).withFixedDelay(1500))
                .willSetStateTo("charged"));
        Billed.wiremock().stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("charged")
                .willReturn(Billed.json(Billed.payment("pay_slow_" + id, key, 5000))));
        clock.forwardWhenSettled(db, Duration.ofDays(32));

        renewals.runOnce();

        List<LoggedRequest> calls = Billed.wiremock().findAll(postRequestedFor(urlEqualTo(path)));
        // the checkout's first charge, then the renewal twice under one key
        assertThat(calls).extracting(r -> r.getHeader("Idempotency-Key")).containsExactly("checkout-" + toss[0].checkout(),
                key, key);
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE membership_id = ? AND idempotency_key = ?",
                id, key)).isOne();
        assertThat(Members.ledger(db, reader)).containsExactly("started:->active", "renewed:active>active");
    }

    @Test
    void whenEveryTryTimesOutNothingIsRecordedAndTheNextRunChargesWithTheSameKey() {
        Members.Pub pub = Members.monthly("TossDown");
        Billed.TossMember[] toss = new Billed.TossMember[1];
        Members.Reader reader = member(pub, toss);
        long id = Members.membershipId(db, reader);
        java.sql.Timestamp end = Db.timestamp(db, "SELECT current_period_end FROM membership WHERE id = ?", id);
        String key = "membership-" + id + "-" + end.toInstant().getEpochSecond();
        String path = "/v1/billing/" + toss[0].billingKey();
        Billed.wiremock().stubFor(post(urlEqualTo(path)).atPriority(1)
                .willReturn(Billed.json(Billed.payment("pay_late_" + id, key, 5000)).withFixedDelay(1500)));
        clock.forwardWhenSettled(db, Duration.ofDays(32));

        renewals.runOnce();

        // not half-recorded: no charge, the period unchanged, still due
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE idempotency_key = ?", key)).isZero();
        assertThat(Db.timestamp(db, "SELECT current_period_end FROM membership WHERE id = ?", id)).isEqualTo(end);
        assertThat(Members.state(db, reader)).isEqualTo("active");

        Billed.wiremock().stubFor(post(urlEqualTo(path)).atPriority(1)
                .willReturn(Billed.json(Billed.payment("pay_late_" + id, key, 5000))));
        renewals.runOnce();

        List<LoggedRequest> calls = Billed.wiremock().findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(calls).extracting(r -> r.getHeader("Idempotency-Key")).containsExactly("checkout-" + toss[0].checkout(),
                key, key, key);
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE idempotency_key = ? AND provider_ref = ?",
                key, "pay_late_" + id)).isOne();
        assertThat(Members.ledger(db, reader)).containsExactly("started:->active", "renewed:active>active");
    }

    @Test
    void aDeclinedRenewalIsPastDueWithTossReasonInGazettesWords() {
        Members.Pub pub = Members.monthly("TossDeclined");
        Billed.TossMember[] toss = new Billed.TossMember[1];
        Members.Reader reader = member(pub, toss);
        Billed.wiremock().stubFor(post(urlEqualTo("/v1/billing/" + toss[0].billingKey())).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"REJECT_CARD_PAYMENT\",\"message\":\"한도초과 혹은 잔액부족으로 결제에 실패했습니다.\"}")));
        clock.forwardWhenSettled(db, Duration.ofDays(32));

        renewals.runOnce();

        assertThat(Members.state(db, reader)).isEqualTo("past_due");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_ledger l JOIN membership m ON m.id = l.membership_id"
                + " WHERE m.subscriber_id = ? AND l.action = 'payment_failed' AND l.reason = 'insufficient_funds_or_limit'",
                reader.id())).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge c JOIN membership m ON m.id = c.membership_id"
                + " WHERE m.subscriber_id = ? AND c.status = 'failed'", reader.id())).isOne();
        assertThat(TossBilling.failure("INVALID_CARD_EXPIRATION")).isEqualTo("card_expired");
        assertThat(TossBilling.failure("INVALID_STOPPED_CARD")).isEqualTo("card_stopped");
        assertThat(TossBilling.failure("SOMETHING_NEW")).isEqualTo("declined:SOMETHING_NEW");
    }

    @Inject
    TossBilling toss;

    @Test
    void tossTakesOnlyWonAndABillingKeyThatCannotBeOpenedIsDeclinedNotRetriedForever() {
        Members.Pub pub = Members.publication("TossDollars", java.util.Map.of("name", "Monthly", "interval", "month",
                "price", 5, "currency", "USD"));
        String checkout = Billed.pendingCheckout(pub, Members.reader(db, tokens, pub), TossBilling.NAME);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .run(() -> toss.checkoutUrl(checkout))).isInstanceOfSatisfying(dev.gazette.core.DomainException.class,
                        e -> assertThat(e.code()).isEqualTo("currency_unsupported"));

        Members.Pub won = Members.monthly("TossUnsealed");
        Billed.TossMember[] card = new Billed.TossMember[1];
        Members.Reader reader = member(won, card);
        // as if the sealing key had been changed since
        Db.execute(db, "UPDATE membership SET provider_ref = 'v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE"
                + " subscriber_id = ?", reader.id());
        clock.forwardWhenSettled(db, Duration.ofDays(32));
        renewals.runOnce();
        assertThat(Members.state(db, reader)).isEqualTo("past_due");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_ledger l JOIN membership m ON m.id = l.membership_id"
                + " WHERE m.subscriber_id = ? AND l.reason = 'billing_key_unreadable'", reader.id())).isOne();
    }

    @Test
    void aFirstChargeThatTimesOutKeepsTheBillingKeyAndTheRetryChargesOnce() {
        Members.Pub pub = Members.monthly("TossFirstSlow");
        Members.Reader reader = Members.reader(db, tokens, pub);
        String checkout = Billed.pendingCheckout(pub, reader, TossBilling.NAME);
        Billed.TossCard card = Billed.tossCard(checkout);
        String success = "/checkout/membership/" + checkout + "/toss/success?customerKey=" + TossBilling.customerKey(checkout)
                + "&authKey=" + card.authKey();
        var slow = Billed.wiremock().stubFor(post(urlEqualTo("/v1/billing/" + card.billingKey())).atPriority(1)
                .willReturn(Billed.json(Billed.payment(card.payment(), "checkout-" + checkout, 5000)).withFixedDelay(1500)));

        Api.anonymous().get(success).then().statusCode(503)
                .body("code", org.hamcrest.Matchers.equalTo("payment_provider_unavailable"));
        assertThat(Db.text(db, "SELECT status FROM membership_checkout WHERE public_id = ?", checkout)).isEqualTo("pending");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_checkout WHERE public_id = ? AND provider_ref LIKE 'v1:%'",
                checkout)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE subscriber_id = ?", reader.id())).isZero();

        Billed.wiremock().removeStub(slow);
        Api.anonymous().get(success).then().statusCode(200);
        members.add(Members.membershipId(db, reader));

        // the billing key was issued once; every charge carried the checkout's key; one receipt
        Billed.wiremock().verify(1, postRequestedFor(urlEqualTo("/v1/billing/authorizations/issue"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(card.authKey())));
        List<LoggedRequest> calls = Billed.wiremock().findAll(postRequestedFor(urlEqualTo("/v1/billing/" + card.billingKey())));
        assertThat(calls).hasSize(3).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("checkout-" + checkout);
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE idempotency_key = ?", "checkout-" + checkout))
                .isOne();
        assertThat(Members.state(db, reader)).isEqualTo("active");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_checkout WHERE public_id = ? AND provider_ref IS NULL",
                checkout)).isOne();
    }

    @Test
    void aFirstChargeTossDeclinesFailsTheCheckoutAndStartsNothing() {
        Members.Pub pub = Members.monthly("TossFirstDeclined");
        Members.Reader reader = Members.reader(db, tokens, pub);
        String checkout = Billed.pendingCheckout(pub, reader, TossBilling.NAME);
        Billed.TossCard card = Billed.tossCard(checkout);
        Billed.wiremock().stubFor(post(urlEqualTo("/v1/billing/" + card.billingKey())).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"INVALID_CARD_EXPIRATION\",\"message\":\"카드 정보를 다시 확인해주세요.\"}")));
        String page = Api.anonymous().get("/checkout/membership/" + checkout + "/toss/success?customerKey="
                + TossBilling.customerKey(checkout) + "&authKey=" + card.authKey()).then().statusCode(200).extract().asString();
        assertThat(page).contains("data-status=\"failed\"");
        assertThat(Db.text(db, "SELECT status FROM membership_checkout WHERE public_id = ?", checkout)).isEqualTo("failed");
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE subscriber_id = ?", reader.id())).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_checkout WHERE public_id = ? AND provider_ref IS NULL",
                checkout)).isOne();
    }
}
