package dev.gazette.membership;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gazette.core.SignedTokens;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.MovableClock;

/**
 * Paid memberships through the sandbox: checkout with the terms' acceptance, renewals charged once
 * per period under a moved clock however many runs race, cancel and resume from the preferences
 * page, a declined renewal, comps, trials and retired plans; each with its ledger.
 */
@QuarkusTest
class MembershipTest {

    @Inject
    DataSource db;

    @Inject
    SignedTokens tokens;

    @Inject
    MovableClock clock;

    @Inject
    Renewals renewals;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aCheckoutInTheSandboxMakesAnActiveMemberAndRecordsTheTermsAcceptance() {
        Members.Pub pub = Members.monthly("Checkout");
        Members.Reader reader = Members.reader(db, tokens, pub);
        String checkout = Members.checkout(pub, reader, "4242 4242 4242 4242");

        assertThat(Db.text(db, "SELECT status FROM membership_checkout WHERE public_id = ?", checkout)).isEqualTo("paid");
        assertThat(Db.count(db, "SELECT count(*) FROM terms_acceptance t JOIN membership_checkout c ON c.id = t.checkout_id"
                + " WHERE c.public_id = ? AND t.terms_kind = 'recurring-payments' AND t.terms_version >= 0"
                + " AND t.client_ip LIKE '2001:db8:%' AND t.user_agent = ? AND t.accepted_at IS NOT NULL", checkout,
                Members.BROWSER)).isOne();
        assertThat(Members.state(db, reader)).isEqualTo("active");
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE subscriber_id = ? AND kind = 'paid'"
                + " AND provider = 'sandbox' AND price = 5000 AND currency = 'KRW' AND NOT cancel_at_period_end"
                + " AND current_period_end BETWEEN current_period_start + interval '28 days'"
                + " AND current_period_start + interval '31 days'", reader.id())).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge c JOIN membership m ON m.id = c.membership_id"
                + " WHERE m.subscriber_id = ? AND c.status = 'paid' AND c.amount = 5000", reader.id())).isOne();
        assertThat(Members.ledger(db, reader)).containsExactly("started:->active");
        assertThat(Db.count(db, "SELECT count(*) FROM event WHERE type = 'member.started' AND data ->> 'subscriberId' = ?",
                Long.toString(reader.id()))).isOne();

        // the reader's own export carries the membership, its ledger, its charges and the terms accepted
        io.restassured.path.json.JsonPath export = Api.anonymous()
                .get("/preferences/" + tokens.sign("subscriber-preferences", reader.id()) + "/export").then()
                .statusCode(200).extract().jsonPath();
        assertThat(export.getString("activity.membership[0].state")).isEqualTo("active");
        assertThat(export.getList("activity.membershipLedger")).hasSize(1);
        assertThat(export.getList("activity.membershipCharges")).hasSize(1);
        assertThat(export.getString("activity.termsAcceptances[0].kind")).isEqualTo("recurring-payments");

        // paying again is refused, and a settled checkout stays as it is
        Api.anonymous().body(Map.of("r", reader.token(), "plan", pub.planId(), "acceptTerms", true))
                .post("/p/" + pub.slug() + "/join").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("already_member"));
        as(pub.writer().token()).get("/api/v1/publications/" + pub.slug() + "/members/" + reader.id()).then()
                .statusCode(200).body("member.state", equalTo("active")).body("ledger[0].action", equalTo("started"))
                .body("charges.size()", equalTo(1));
    }

    @Test
    void aJoinWithoutTermsOrWithABadPlanOrTokenIsRefusedAndChangesNothing() {
        Members.Pub pub = Members.monthly("Refused");
        Members.Reader reader = Members.reader(db, tokens, pub);
        String join = "/p/" + pub.slug() + "/join";
        Api.anonymous().body(Map.of("r", reader.token(), "plan", pub.planId())).post(join).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation_failed"))
                .body("errors[0].field", equalTo("acceptTerms")).body("errors[0].code", equalTo("terms_not_accepted"));
        Api.anonymous().body(Map.of("r", reader.token(), "plan", 999999999, "acceptTerms", true)).post(join).then()
                .statusCode(400).body("errors[0].code", equalTo("unknown_plan"));
        Members.Pub other = Members.monthly("Other");
        Api.anonymous().body(Map.of("r", reader.token(), "plan", other.planId(), "acceptTerms", true)).post(join).then()
                .statusCode(400).body("errors[0].code", equalTo("unknown_plan"));
        // a reader token is bound to its purpose and its publication
        Api.anonymous().body(Map.of("r", tokens.sign("subscriber-preferences", reader.id()), "plan", pub.planId(),
                "acceptTerms", true)).post(join).then().statusCode(404).body("code", equalTo("invalid_token"));
        Api.anonymous().body(Map.of("r", reader.token(), "plan", pub.planId(), "acceptTerms", true))
                .post("/p/" + other.slug() + "/join").then().statusCode(404).body("code", equalTo("invalid_token"));
        as(pub.writer().token()).post("/api/v1/publications/" + pub.slug() + "/plans/" + pub.planId() + "/retire").then()
                .statusCode(200).body("retired", equalTo(true));
        Api.anonymous().body(Map.of("r", reader.token(), "plan", pub.planId(), "acceptTerms", true)).post(join).then()
                .statusCode(400).body("errors[0].code", equalTo("plan_retired"));
        assertThat(Db.count(db, "SELECT count(*) FROM membership_checkout WHERE subscriber_id = ?", reader.id())).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE subscriber_id = ?", reader.id())).isZero();

        // the form without its csrf token is refused too
        String client = Api.randomClient();
        Members.Page page = Members.open(client, join + "?r=" + reader.token(), null);
        Members.post(client, new Members.Page(page.html(), page.cookie(), null), join,
                Map.of("r", reader.token(), "plan", Long.toString(pub.planId()), "acceptTerms", "true")).then()
                .statusCode(403).body("code", equalTo("csrf_failed"));
        // a declined card fails the checkout and starts nothing
        Members.Pub open = Members.monthly("Declined");
        Members.Reader declined = Members.reader(db, tokens, open);
        String failed = Members.checkout(open, declined, SandboxBilling.DECLINED);
        assertThat(Db.text(db, "SELECT status FROM membership_checkout WHERE public_id = ?", failed)).isEqualTo("failed");
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE subscriber_id = ?", declined.id())).isZero();
    }

    @Test
    void aRenewalIsChargedExactlyOnceWhenTwoRunsRaceAtTheSameMoment() throws Exception {
        Members.Pub pub = Members.monthly("Renewal");
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, "4242424242424242");
        long id = Members.membershipId(db, reader);
        String firstEnd = Db.text(db, "SELECT CAST(current_period_end AS text) FROM membership WHERE id = ?", id);

        clock.forwardWhenSettled(db, Duration.ofDays(32));
        List<Integer> moved = race(4, () -> renewals.runOnce());
        assertThat(moved.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(1);
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE membership_id = ?", id)).isEqualTo(2);
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE membership_id = ? AND status = 'paid'"
                + " AND idempotency_key LIKE 'membership-%' AND CAST(period_start AS text) = ?", id, firstEnd)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE id = ? AND state = 'active'"
                + " AND CAST(current_period_start AS text) = ?", id, firstEnd)).isOne();
        assertThat(Members.ledger(db, reader)).containsExactly("started:->active", "renewed:active>active");
        assertThat(Db.count(db, "SELECT count(*) FROM event WHERE type = 'member.renewed' AND data ->> 'membershipId' = ?",
                Long.toString(id))).isOne();

        // and again at the same moment: nothing is due, nothing is charged
        race(2, () -> renewals.runOnce());
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE membership_id = ?", id)).isEqualTo(2);
    }

    @Test
    void aReaderCancelsAtThePeriodsEndResumesCancelsAgainAndIsEndedWhenThePeriodIsOver() {
        Members.Pub pub = Members.monthly("Cancel");
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, "4242424242424242");
        String preferences = "/preferences/" + tokens.sign("subscriber-preferences", reader.id());
        String client = Api.randomClient();
        Members.Page page = Members.open(client, preferences, null);
        assertThat(page.html()).contains("id=\"membership\"").contains("id=\"next-charge\"").contains("5000 KRW")
                .contains("id=\"receipts\"");

        Members.post(client, page, preferences + "/membership/cancel", Map.of()).then().statusCode(303);
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE subscriber_id = ? AND cancel_at_period_end"
                + " AND state = 'active'", reader.id())).isOne();
        page = Members.open(client, preferences, page.cookie());
        assertThat(page.html()).contains("id=\"membership-ends\"").contains("id=\"resume-button\"");
        Members.post(client, page, preferences + "/membership/cancel", Map.of()).then().statusCode(409)
                .body("code", equalTo("membership_not_cancelable"));
        Members.post(client, page, preferences + "/membership/resume", Map.of()).then().statusCode(303);
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE subscriber_id = ? AND NOT cancel_at_period_end",
                reader.id())).isOne();
        Members.post(client, page, preferences + "/membership/cancel", Map.of()).then().statusCode(303);
        // without the page's token, or with a token of another purpose, nothing changes
        Members.post(client, new Members.Page(page.html(), page.cookie(), null), preferences + "/membership/resume",
                Map.of()).then().statusCode(403).body("code", equalTo("csrf_failed"));
        Members.post(client, page, "/preferences/" + reader.token() + "/membership/resume", Map.of()).then()
                .statusCode(404).body("code", equalTo("invalid_token"));

        clock.forwardWhenSettled(db, Duration.ofDays(32));
        renewals.runOnce();
        assertThat(Members.state(db, reader)).isEqualTo("ended");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge c JOIN membership m ON m.id = c.membership_id"
                + " WHERE m.subscriber_id = ?", reader.id())).isOne();
        assertThat(Members.ledger(db, reader)).containsExactly("started:->active", "cancel_requested:active>active",
                "resumed:active>active", "cancel_requested:active>active", "ended:active>ended");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_ledger l JOIN membership m ON m.id = l.membership_id"
                + " WHERE m.subscriber_id = ? AND l.actor = 'reader' AND l.action IN ('cancel_requested', 'resumed')",
                reader.id())).isEqualTo(3);
        assertThat(Db.count(db, "SELECT count(*) FROM event WHERE type = 'member.canceled' AND data ->> 'subscriberId' = ?",
                Long.toString(reader.id()))).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_ledger l JOIN membership m ON m.id = l.membership_id"
                + " WHERE m.subscriber_id = ? AND l.reason = 'canceled_at_period_end'", reader.id())).isOne();
    }

    @Test
    void aDeclinedRenewalMovesTheMemberToPastDue() {
        Members.Pub pub = Members.monthly("PastDue");
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, SandboxBilling.DECLINES_RENEWALS);
        assertThat(Members.state(db, reader)).isEqualTo("active");
        clock.forwardWhenSettled(db, Duration.ofDays(32));
        renewals.runOnce();
        assertThat(Members.state(db, reader)).isEqualTo("past_due");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge c JOIN membership m ON m.id = c.membership_id"
                + " WHERE m.subscriber_id = ? AND c.status = 'failed'", reader.id())).isOne();
        assertThat(Members.ledger(db, reader)).containsExactly("started:->active", "payment_failed:active>past_due");
        // past_due is not claimed again by the renewal job (dunning comes with the real providers)
        renewals.runOnce();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge c JOIN membership m ON m.id = c.membership_id"
                + " WHERE m.subscriber_id = ?", reader.id())).isEqualTo(2);
    }

    @Test
    void aTrialBecomesActiveWithItsFirstChargeWhenItEnds() {
        Members.Pub pub = Members.publication("Trial",
                Map.of("name", "Yearly", "interval", "year", "price", 49.99, "currency", "USD", "trialDays", 7));
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, "4242424242424242");
        assertThat(Members.state(db, reader)).isEqualTo("trialing");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge c JOIN membership m ON m.id = c.membership_id"
                + " WHERE m.subscriber_id = ?", reader.id())).isZero();
        clock.forwardWhenSettled(db, Duration.ofDays(8));
        renewals.runOnce();
        assertThat(Members.state(db, reader)).isEqualTo("active");
        assertThat(Db.count(db, "SELECT count(*) FROM membership m JOIN membership_charge c ON c.membership_id = m.id"
                + " WHERE m.subscriber_id = ? AND c.amount = 49.99 AND c.currency = 'USD'"
                + " AND m.current_period_end > m.current_period_start + interval '364 days'", reader.id())).isOne();
        assertThat(Members.ledger(db, reader)).containsExactly("started:->trialing", "renewed:trialing>active");
    }

    @Test
    void aRetiredPlanKeepsItsMembersAndTheirRenewals() {
        Members.Pub pub = Members.monthly("Retired");
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, "4242424242424242");
        as(pub.writer().token()).post("/api/v1/publications/" + pub.slug() + "/plans/" + pub.planId() + "/retire").then()
                .statusCode(200).body("retired", equalTo(true)).body("members", equalTo(1));
        assertThat(Members.state(db, reader)).isEqualTo("active");
        Members.Reader late = Members.reader(db, tokens, pub);
        clock.forwardWhenSettled(db, Duration.ofDays(32));
        renewals.runOnce();
        assertThat(Members.ledger(db, reader)).containsExactly("started:->active", "renewed:active>active");
        // a retired plan is offered to no one new
        assertThat(Members.open(Api.randomClient(), "/p/" + pub.slug() + "/join?r=" + late.token(), null).html())
                .contains("id=\"no-offer\"");
    }

    @Test
    void aWriterGivesAndRemovesACompAndAnExpiredCompEnds() {
        Members.Pub pub = Members.monthly("Comp");
        Members.Reader reader = Members.reader(db, tokens, pub);
        String comp = "/api/v1/publications/" + pub.slug() + "/members/" + reader.id() + "/comp";
        as(pub.writer().token()).body(Map.of("reason", "a friend")).post(comp).then().statusCode(201)
                .body("kind", equalTo("comp")).body("state", equalTo("active"));
        as(pub.writer().token()).body(Map.of()).post(comp).then().statusCode(409).body("code", equalTo("already_member"));
        as(Api.writer("Nosy").token()).body(Map.of()).post(comp).then().statusCode(404);
        as(Api.writer("Nosy").token()).delete(comp).then().statusCode(404);
        as(pub.writer().token()).delete(comp).then().statusCode(200).body("state", equalTo("ended"));
        as(pub.writer().token()).delete(comp).then().statusCode(409).body("code", equalTo("not_a_comp"));
        assertThat(Members.ledger(db, reader)).containsExactly("comp_given:->active", "ended:active>ended");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_ledger l JOIN membership m ON m.id = l.membership_id"
                + " WHERE m.subscriber_id = ? AND l.actor LIKE 'writer:%' AND (l.reason = 'a friend' OR l.reason = 'comp_removed')",
                reader.id())).isEqualTo(2);

        // a comp with an end runs out when the renewal job passes it
        as(pub.writer().token()).body(Map.of("until", java.time.OffsetDateTime.now().plusDays(10).toString())).post(comp)
                .then().statusCode(201);
        long another = Members.reader(db, tokens, pub).id();
        as(pub.writer().token()).body(Map.of("until", "2001-01-01T00:00:00Z"))
                .post("/api/v1/publications/" + pub.slug() + "/members/" + another + "/comp").then().statusCode(400)
                .body("errors[0].code", equalTo("until_in_past"));
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE subscriber_id = ?", another)).isZero();
        clock.forwardWhenSettled(db, Duration.ofDays(11));
        renewals.runOnce();
        assertThat(Members.state(db, reader)).isEqualTo("ended");
        assertThat(Members.ledger(db, reader)).endsWith("comp_given:ended>active", "ended:active>ended");
    }

    @Test
    void plansRefuseBadInputAndAnotherWritersPublication() {
        Members.Pub pub = Members.monthly("Plans");
        String plans = "/api/v1/publications/" + pub.slug() + "/plans";
        List<Object[]> bad = List.of(
                new Object[]{Map.of("interval", "month", "price", 5000), "name", "invalid_name"},
                new Object[]{Map.of("name", "X", "interval", "weekly", "price", 5000), "interval", "invalid_interval"},
                new Object[]{Map.of("name", "X", "interval", "month", "price", 0), "price", "invalid_price"},
                new Object[]{Map.of("name", "X", "interval", "month", "price", -5), "price", "invalid_price"},
                new Object[]{Map.of("name", "X", "interval", "month", "price", 1.5, "currency", "KRW"), "price",
                        "invalid_price"},
                new Object[]{Map.of("name", "X", "interval", "month", "price", 5, "currency", "XYZ"), "currency",
                        "unknown_currency"},
                new Object[]{Map.of("name", "X", "interval", "month", "price", 5000, "trialDays", 400), "trialDays",
                        "invalid_trial_days"});
        for (Object[] b : bad) {
            as(pub.writer().token()).body(b[0]).post(plans).then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("validation_failed")).body("errors[0].field", equalTo(b[1]))
                    .body("errors[0].code", equalTo(b[2]));
        }
        as(pub.writer().token()).get(plans).then().statusCode(200).body("size()", equalTo(1));
        Api.Account nosy = Api.writer("Nosy");
        as(nosy.token()).get(plans).then().statusCode(404);
        as(nosy.token()).body(Map.of("name", "X", "interval", "month", "price", 5)).post(plans).then().statusCode(404);
        as(nosy.token()).post(plans + "/" + pub.planId() + "/retire").then().statusCode(404);
        as(nosy.token()).get("/api/v1/publications/" + pub.slug() + "/members").then().statusCode(404);
        Api.anonymous().get(plans).then().statusCode(401);
    }

    /** Runs the same call on this many threads released at one moment. */
    private static <T> List<T> race(int threads, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
