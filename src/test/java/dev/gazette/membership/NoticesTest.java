package dev.gazette.membership;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gazette.core.SignedTokens;
import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.MovableClock;

/**
 * Notices before what a member is charged: a yearly renewal's, seven days ahead, once; a price
 * change's, once per member, with the new price charged only from the first period starting 30
 * days after it (the tests' and the default setting).
 */
@QuarkusTest
class NoticesTest {

    @Inject
    DataSource db;

    @Inject
    SignedTokens tokens;

    @Inject
    MovableClock clock;

    @Inject
    Renewals renewals;

    @Inject
    Notices notices;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aYearlyRenewalIsNoticedOnceSevenDaysBefore() throws Exception {
        Members.Pub pub = Members.publication("Yearly",
                Map.of("name", "Yearly", "interval", "year", "price", 50000, "currency", "KRW"));
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, "4242424242424242");
        long id = Members.membershipId(db, reader);
        Members.Pub monthly = Members.monthly("NotYearly");
        Members.Reader monthlyReader = Members.reader(db, tokens, monthly);
        Members.checkout(monthly, monthlyReader, "4242424242424242");

        // nine days before the renewal: not yet
        long days = Db.count(db, "SELECT CAST(extract(epoch FROM current_period_end - now()) / 86400 AS bigint)"
                + " FROM membership WHERE id = ?", id);
        clock.forwardWhenSettled(db, Duration.ofDays(days - 8));
        notices.runOnce();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_notice WHERE membership_id = ?", id)).isZero();

        // less than seven days before it: once, however many runs race
        clock.forwardWhenSettled(db, Duration.ofDays(2));
        DunningTest.race(3, () -> notices.runOnce());
        notices.runOnce();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_notice WHERE membership_id = ? AND kind = 'renewal'"
                + " AND amount = 50000 AND effective_at = (SELECT current_period_end FROM membership WHERE id = ?)", id, id))
                .isOne();
        await().atMost(Duration.ofSeconds(30)).until(() -> !mails(reader.email()).isEmpty());
        Mailbox.assertNoneTo(monthlyReader.email());
        List<CapturedMessage> mails = mails(reader.email());
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).subject()).contains("연간 구독이 곧 자동으로 갱신돼요");
        assertThat(mails.get(0).textPart().orElseThrow()).contains("50000 KRW").contains("/preferences/");

        // renewed: the next year's notice comes a year later, not now
        clock.forwardWhenSettled(db, Duration.ofDays(7));
        renewals.runOnce();
        notices.runOnce();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_notice WHERE membership_id = ?", id)).isOne();
        assertThat(Members.ledger(db, reader)).containsExactly("started:->active", "renewed:active>active");
    }

    @Test
    void aPriceChangeIsNoticedOncePerMemberAndChargedFromTheFirstPeriodThirtyDaysAfter() throws Exception {
        Members.Pub pub = Members.monthly("Reprice");
        Members.Reader first = Members.reader(db, tokens, pub);
        Members.Reader second = Members.reader(db, tokens, pub);
        Members.checkout(pub, first, "4242424242424242");
        Members.checkout(pub, second, "4242424242424242");
        String changes = "/api/v1/publications/" + pub.slug() + "/plans/" + pub.planId() + "/price-changes";

        // bad input and another writer's plan change nothing
        as(pub.writer().token()).body(Map.of("price", 0)).post(changes).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation_failed"))
                .body("errors[0].field", equalTo("price")).body("errors[0].code", equalTo("invalid_price"));
        as(pub.writer().token()).body(Map.of("price", 60.5)).post(changes).then().statusCode(400)
                .body("errors[0].code", equalTo("invalid_price"));
        as(pub.writer().token()).body(Map.of("price", 5000)).post(changes).then().statusCode(400)
                .body("errors[0].code", equalTo("price_unchanged"));
        as(Api.writer("Nosy").token()).body(Map.of("price", 6000)).post(changes).then().statusCode(404);
        as(Api.writer("Nosy").token()).get(changes).then().statusCode(404);
        Api.anonymous().body(Map.of("price", 6000)).post(changes).then().statusCode(401);
        as(pub.writer().token()).body(Map.of("price", 6000)).post("/api/v1/publications/" + pub.slug()
                + "/plans/999999999/price-changes").then().statusCode(404).body("code", equalTo("plan_not_found"));
        assertThat(Db.count(db, "SELECT count(*) FROM plan_price_change WHERE plan_id = ?", pub.planId())).isZero();

        as(pub.writer().token()).body(Map.of("price", 6000)).post(changes).then().statusCode(201)
                .body("oldPrice", equalTo(5000.0f)).body("newPrice", equalTo(6000.0f)).body("noticeDays", equalTo(30));
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE action = 'plan_price_changed' AND publication_slug = ?"
                + " AND target = ?", pub.slug(), "plan " + pub.planId())).isOne();
        // a reader who joins now pays the new price at once and is told nothing
        Members.Reader late = Members.reader(db, tokens, pub);
        Members.checkout(pub, late, "4242424242424242");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge c JOIN membership m ON m.id = c.membership_id"
                + " WHERE m.subscriber_id = ? AND c.amount = 6000", late.id())).isOne();

        DunningTest.race(3, () -> notices.runOnce());
        notices.runOnce();
        for (Members.Reader r : List.of(first, second)) {
            long id = Members.membershipId(db, r);
            assertThat(Db.count(db, "SELECT count(*) FROM membership_notice WHERE membership_id = ?", id)).isOne();
            // the first period starting at least 30 days after the notice, and not a period later
            assertThat(Db.count(db, "SELECT count(*) FROM membership_notice n JOIN membership m ON m.id = n.membership_id"
                    + " WHERE n.membership_id = ? AND n.kind = 'price_change' AND n.amount = 6000"
                    + " AND n.effective_at >= n.sent_at + interval '30 days'"
                    + " AND n.effective_at - interval '1 month' < n.sent_at + interval '30 days'"
                    + " AND m.next_price = 6000 AND m.next_price_from = n.effective_at AND m.price = 5000", id)).isOne();
            await().atMost(Duration.ofSeconds(30)).until(() -> !mails(r.email()).isEmpty());
            CapturedMessage mail = mails(r.email()).get(0);
            assertThat(mail.subject()).contains("유료 구독 가격이 바뀌어요");
            assertThat(mail.textPart().orElseThrow()).contains("5000 KRW").contains("6000 KRW");
        }
        Mailbox.assertNoneTo(late.email());
        // the preferences page names the next charge at the price it will have
        String next = Db.text(db, "SELECT CAST(CAST(CASE WHEN next_price_from <= current_period_end THEN next_price"
                + " ELSE price END AS integer) AS text) FROM membership WHERE subscriber_id = ?", first.id());
        String html = Members.open(Api.randomClient(), "/preferences/" + tokens.sign("subscriber-preferences", first.id()),
                null).html();
        int at = html.indexOf("id=\"next-charge\"");
        assertThat(html.substring(at, html.indexOf("</p>", at))).contains(next + " KRW");
        as(pub.writer().token()).get(changes).then().statusCode(200).body("[0].noticesSent", equalTo(2));

        // three renewals: every period before the notice's date at 5000, from it at 6000
        for (int days : new int[]{32, 31, 31}) {
            clock.forwardWhenSettled(db, Duration.ofDays(days));
            renewals.runOnce();
        }
        long id = Members.membershipId(db, first);
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE membership_id = ?", id)).isEqualTo(4);
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge c JOIN membership_notice n"
                + " ON n.membership_id = c.membership_id WHERE c.membership_id = ? AND c.status = 'paid'"
                + " AND ((c.period_start < n.effective_at AND c.amount = 5000)"
                + " OR (c.period_start >= n.effective_at AND c.amount = 6000))", id)).isEqualTo(4);
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE membership_id = ? AND amount = 6000", id))
                .isGreaterThanOrEqualTo(1);
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE id = ? AND price = 6000 AND next_price IS NULL",
                id)).isOne();
        // still told once
        notices.runOnce();
        assertThat(Db.count(db, "SELECT count(*) FROM membership_notice WHERE membership_id = ?", id)).isOne();
        assertThat(mails(first.email())).hasSize(1);
    }

    /** The messages to this address, oldest first. */
    static List<CapturedMessage> mails(String address) {
        return Mailbox.to(address).stream().sorted(java.util.Comparator.comparingLong(CapturedMessage::id)).toList();
    }
}
