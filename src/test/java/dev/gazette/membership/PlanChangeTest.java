package dev.gazette.membership;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gazette.core.SignedTokens;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.MovableClock;
import dev.gazette.testing.StudioForms;

/**
 * A member changes plan from their preferences page (the signed preferences token and the page's
 * csrf): no proration, the new plan's price and interval from the next period, a ledger line; a
 * provider that bills itself sends them to its portal instead.
 */
@QuarkusTest
class PlanChangeTest {

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
    void aMemberSwitchesFromMonthlyToYearlyFromTheNextPeriod() {
        Members.Pub pub = Members.monthly("Switch");
        Number yearly = as(pub.writer().token())
                .body(Map.of("name", "Yearly", "interval", "year", "price", 50000, "currency", "KRW"))
                .post("/api/v1/publications/" + pub.slug() + "/plans").then().statusCode(201).extract().path("id");
        Members.Pub other = Members.monthly("SwitchOther");
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, "4242424242424242");
        long id = Members.membershipId(db, reader);
        String period = Db.text(db, "SELECT CAST(current_period_start AS text) || CAST(current_period_end AS text)"
                + " FROM membership WHERE id = ?", id);

        String preferences = "/preferences/" + tokens.sign("subscriber-preferences", reader.id());
        String client = Api.randomClient();
        Members.Page page = Members.open(client, preferences, null);
        assertThat(page.html()).contains("id=\"plan-change\"").contains("value=\"" + yearly + "\"")
                .doesNotContain("value=\"" + pub.planId() + "\"");
        String change = preferences + "/membership/plan";

        Members.post(client, new Members.Page(page.html(), page.cookie(), null), change,
                Map.of("plan", yearly.toString())).then().statusCode(403).body("code", equalTo("csrf_failed"));
        Members.post(client, page, "/preferences/" + reader.token() + "/membership/plan", Map.of("plan", yearly.toString()))
                .then().statusCode(404).body("code", equalTo("invalid_token"));
        Members.post(client, page, change, Map.of("plan", Long.toString(other.planId()))).then().statusCode(400)
                .body("errors[0].code", equalTo("unknown_plan"));
        Members.post(client, page, change, Map.of("plan", "x")).then().statusCode(400)
                .body("errors[0].code", equalTo("unknown_plan"));
        Members.post(client, page, change, Map.of("plan", Long.toString(pub.planId()))).then().statusCode(400)
                .body("errors[0].code", equalTo("same_plan"));
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE id = ? AND plan_id = ?", id, pub.planId())).isOne();

        Members.post(client, page, change, Map.of("plan", yearly.toString())).then().statusCode(303);
        // the period paid runs on as it is; the yearly price is the next period's
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE id = ? AND plan_id = ? AND price = 50000"
                + " AND state = 'active' AND CAST(current_period_start AS text) || CAST(current_period_end AS text) = ?",
                id, yearly.longValue(), period)).isOne();
        assertThat(Members.ledger(db, reader)).containsExactly("started:->active", "plan_changed:active>active");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_ledger WHERE membership_id = ? AND actor = 'reader'"
                + " AND action = 'plan_changed' AND plan_id = ?", id, yearly.longValue())).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE membership_id = ?", id)).isOne();

        // a retired plan is not offered, and not taken
        as(pub.writer().token()).post("/api/v1/publications/" + pub.slug() + "/plans/" + pub.planId() + "/retire").then()
                .statusCode(200);
        Members.post(client, page, change, Map.of("plan", Long.toString(pub.planId()))).then().statusCode(400)
                .body("errors[0].code", equalTo("plan_retired"));

        clock.forwardWhenSettled(db, Duration.ofDays(32));
        renewals.runOnce();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE membership_id = ? AND amount = 50000"
                + " AND period_end > period_start + interval '364 days'", id)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE id = ?"
                + " AND current_period_end > current_period_start + interval '364 days'", id)).isOne();
    }

    @Test
    void aProviderThatBillsItselfKeepsThePlanInItsPortal() {
        Members.Pub pub = Members.monthly("SwitchPortal");
        Number yearly = as(pub.writer().token())
                .body(Map.of("name", "Yearly", "interval", "year", "price", 50000, "currency", "KRW"))
                .post("/api/v1/publications/" + pub.slug() + "/plans").then().statusCode(201).extract().path("id");
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, "4242424242424242");
        long id = Members.membershipId(db, reader);
        Db.execute(db, "UPDATE membership SET provider = ? WHERE id = ?", SelfBillingProvider.NAME, id);

        String preferences = "/preferences/" + tokens.sign("subscriber-preferences", reader.id());
        String client = Api.randomClient();
        Members.Page page = Members.open(client, preferences, null);
        assertThat(page.html()).contains("id=\"provider-portal\"").doesNotContain("id=\"change-plan\"");
        assertThat(Members.post(client, page, preferences + "/membership/portal", Map.of()).then().statusCode(303)
                .extract().header("Location")).isEqualTo(SelfBillingProvider.PORTAL + "?membership=" + id);
        Members.post(client, new Members.Page(page.html(), page.cookie(), null), preferences + "/membership/portal",
                Map.of()).then().statusCode(403).body("code", equalTo("csrf_failed"));
        Members.post(client, page, preferences + "/membership/plan", Map.of("plan", yearly.toString())).then()
                .statusCode(409).body("code", equalTo("manage_at_provider"));
        assertThat(Members.ledger(db, reader)).containsExactly("started:->active");
        // the sandbox has no portal
        Members.Pub sandbox = Members.monthly("NoPortal");
        Members.Reader plain = Members.reader(db, tokens, sandbox);
        Members.checkout(sandbox, plain, "4242424242424242");
        Members.post(client, page, "/preferences/" + tokens.sign("subscriber-preferences", plain.id())
                + "/membership/portal", Map.of()).then().statusCode(409).body("code", equalTo("portal_unavailable"));
    }

    @Test
    void erasingAMemberKeepsTheirChargesAndRefundsWithoutThem() {
        Members.Pub pub = Members.monthly("Erased");
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, "4242424242424242");
        long id = Members.membershipId(db, reader);
        long publicationId = Long.parseLong(Db.text(db, "SELECT CAST(publication_id AS text) FROM membership WHERE id = ?",
                id));
        String charge = Db.text(db, "SELECT CAST(id AS text) FROM membership_charge WHERE membership_id = ?", id);
        as(pub.writer().token()).body(Map.of("chargeId", Long.parseLong(charge), "amount", 1000))
                .post("/api/v1/publications/" + pub.slug() + "/members/" + reader.id() + "/refunds").then().statusCode(201);

        as(pub.writer().token()).delete("/api/v1/publications/" + pub.slug() + "/subscribers/" + reader.id()).then()
                .statusCode(204);
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE id = ?", reader.id())).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE id = ?", id)).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_ledger WHERE membership_id = ?", id)).isZero();
        // the receipt stays for the books: amount, currency, date, provider reference, without the person
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE id = ? AND membership_id IS NULL"
                + " AND publication_id = ? AND amount = 5000 AND currency = 'KRW' AND status = 'paid'"
                + " AND provider = 'sandbox' AND provider_ref LIKE 'sandbox_chk_%' AND created_at IS NOT NULL",
                Long.parseLong(charge), publicationId)).isOne();
        // and its refund, without the person either
        assertThat(Db.count(db, "SELECT count(*) FROM membership_refund WHERE charge_id = ? AND membership_id IS NULL"
                + " AND amount = 1000", Long.parseLong(charge))).isOne();
        // and the publication's revenue still counts it, less the refund
        as(pub.writer().token()).get("/api/v1/publications/" + pub.slug() + "/stats/members").then().statusCode(200)
                .body("revenueByMonth[0].revenue", equalTo(4000)).body("revenueByMonth[0].charges", equalTo(1))
                .body("members.paid", equalTo(0));
    }

    @Test
    void aWriterChangesAPlansPriceInTheStudioAndNoOneElseCan() {
        Members.Pub pub = Members.monthly("StudioPrice");
        String price = "/studio/publications/" + pub.slug() + "/plans/" + pub.planId() + "/price";
        assertThat(StudioForms.open(pub.writer(), "/studio/publications/" + pub.slug() + "/plans", "ko").html())
                .contains(price);
        StudioForms.Page page = StudioForms.open(pub.writer(), price, "ko");
        assertThat(page.html()).contains("id=\"no-changes\"").contains("5000 KRW");
        StudioForms.post(pub.writer(), page, price, Map.of("price", "abc"), "en").then().statusCode(422)
                .body(org.hamcrest.Matchers.containsString("id=\"price-error\""));
        StudioForms.post(pub.writer(), page, price, Map.of("price", "5000"), "en").then().statusCode(422)
                .body(org.hamcrest.Matchers.containsString("The plan costs this already."));
        StudioForms.post(pub.writer(), page.withoutToken(), price, Map.of("price", "6000"), "en").then().statusCode(403)
                .body("code", equalTo("csrf_failed"));
        Api.Account nosy = Api.writer("Nosy");
        StudioForms.session(nosy, "en").get(price).then().statusCode(404);
        StudioForms.post(nosy, StudioForms.open(nosy, "/studio", "en"), price, Map.of("price", "1"), "en").then()
                .statusCode(404);
        assertThat(Db.count(db, "SELECT count(*) FROM plan_price_change WHERE plan_id = ?", pub.planId())).isZero();

        StudioForms.post(pub.writer(), page, price, Map.of("price", "6,000"), "en").then().statusCode(303);
        assertThat(Db.count(db, "SELECT count(*) FROM plan WHERE id = ? AND price = 6000", pub.planId())).isOne();
        assertThat(StudioForms.open(pub.writer(), price + "?saved=1", "en").html()).contains("id=\"price-saved\"")
                .contains("id=\"price-changes\"");
    }
}
