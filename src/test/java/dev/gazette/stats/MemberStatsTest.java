package dev.gazette.stats;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.MovableClock;
import dev.gazette.testing.Scenario;

/**
 * The membership numbers of a seeded publication, exact: members by kind and state, MRR per
 * currency month by month with its change (a yearly plan's twelfth, currencies never added), new
 * and churned members per month, revenue per month and currency (declined charges left out). The
 * clock is moved to the middle of next month so that every seeded date falls in a known month.
 */
@QuarkusTest
class MemberStatsTest {

    @Inject
    DataSource db;

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theFiguresOfASeededPublicationAreExact() {
        Scenario writer = Scenario.writer("MemberStats");
        OffsetDateTime m0 = OffsetDateTime.now(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().plusMonths(1)
                .atStartOfDay().atOffset(ZoneOffset.UTC);
        Instant target = m0.plusDays(14).plusHours(12).toInstant();
        List<Long> subscribers = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String email = writer.subscriber("member");
            subscribers.add(Long.parseLong(Db.text(db, "SELECT CAST(id AS text) FROM subscriber WHERE email = ?", email)));
        }
        // a writer's token lasts less than the move: a new one is taken after it
        clock.forward(Duration.between(Instant.now(), target));
        String token = Api.login(writer.account().email(), Api.PASSWORD);
        java.util.Iterator<Long> next = subscribers.iterator();

        long publication = Long.parseLong(Db.text(db, "SELECT CAST(id AS text) FROM publication WHERE slug = ?",
                writer.slug()));
        long monthly = plan(publication, "Monthly", "month", 5000, "KRW");
        long dearer = plan(publication, "Monthly plus", "month", 7000, "KRW");
        long yearly = plan(publication, "Yearly", "year", 120, "USD");

        // A: monthly KRW since M-1 day 5, renewed on M0 day 5
        long a = member(next.next(), publication, monthly, "paid", "active", 5000, "KRW", day(m0, 0, 5), day(m0, 1, 5));
        charge(a, day(m0, -1, 5), day(m0, 0, 5), 5000, "KRW", "paid");
        charge(a, day(m0, 0, 5), day(m0, 1, 5), 5000, "KRW", "paid");
        ledger(a, day(m0, -1, 5), "started", monthly);
        ledger(a, day(m0, 0, 5), "renewed", monthly);
        // B: yearly USD since M0 day 3
        long b = member(next.next(), publication, yearly, "paid", "active", 120, "USD", day(m0, 0, 3), day(m0, 12, 3));
        charge(b, day(m0, 0, 3), day(m0, 12, 3), 120, "USD", "paid");
        ledger(b, day(m0, 0, 3), "started", yearly);
        // C: monthly KRW 7000 from M-2 day 10, declined on M0 day 10, ended on M0 day 12
        long c = member(next.next(), publication, dearer, "paid", "ended", 7000, "KRW", day(m0, -1, 10), day(m0, 0, 10));
        charge(c, day(m0, -2, 10), day(m0, -1, 10), 7000, "KRW", "paid");
        charge(c, day(m0, -1, 10), day(m0, 0, 10), 7000, "KRW", "paid");
        charge(c, day(m0, 0, 10), day(m0, 1, 10), 7000, "KRW", "failed");
        ledger(c, day(m0, -2, 10), "started", dearer);
        ledger(c, day(m0, -1, 10), "renewed", dearer);
        ledger(c, day(m0, 0, 10), "payment_failed", dearer);
        ledger(c, day(m0, 0, 12), "ended", dearer);
        // D: a comp; E: a yearly trial since M0 day 14, nothing charged
        long d = member(next.next(), publication, null, "comp", "active", null, null, day(m0, 0, 1), null);
        ledger(d, day(m0, 0, 1), "comp_given", null);
        long e = member(next.next(), publication, yearly, "paid", "trialing", 120, "USD", day(m0, 0, 14), day(m0, 0, 28));
        ledger(e, day(m0, 0, 14), "started", yearly);

        JsonPath view = as(token).get("/api/v1/publications/" + writer.slug() + "/stats/members").then()
                .statusCode(200).extract().jsonPath();
        assertThat(view.getLong("members.paid")).isEqualTo(2);
        assertThat(view.getLong("members.trialing")).isEqualTo(1);
        assertThat(view.getLong("members.pastDue")).isZero();
        assertThat(view.getLong("members.comps")).isEqualTo(1);
        assertThat(view.getList("mrr", Map.class)).extracting(m -> m.get("currency") + " " + m.get("amount"))
                .containsExactly("KRW 5000", "USD 10");

        String m0s = m0.toLocalDate().toString();
        String m1 = m0.toLocalDate().minusMonths(1).toString();
        String m2 = m0.toLocalDate().minusMonths(2).toString();
        List<Map<String, Object>> mrr = view.getList("mrrByMonth");
        assertThat(mrr).hasSize(24);
        assertThat(line(mrr, m0s, "KRW")).isEqualTo("5000 -7000");
        assertThat(line(mrr, m1, "KRW")).isEqualTo("12000 5000");
        assertThat(line(mrr, m2, "KRW")).isEqualTo("7000 7000");
        assertThat(line(mrr, m0s, "USD")).isEqualTo("10 10");
        assertThat(line(mrr, m1, "USD")).isEqualTo("0 0");

        List<Map<String, Object>> months = view.getList("membersByMonth");
        assertThat(months).hasSize(12);
        assertThat(months.get(11)).containsEntry("month", m0s).containsEntry("started", 2).containsEntry("churned", 1);
        assertThat(months.get(10)).containsEntry("month", m1).containsEntry("started", 1).containsEntry("churned", 0);
        assertThat(months.get(9)).containsEntry("month", m2).containsEntry("started", 1).containsEntry("churned", 0);
        assertThat(months.subList(0, 9)).allSatisfy(m -> assertThat(m).containsEntry("started", 0));

        assertThat(view.getList("revenueByMonth", Map.class))
                .extracting(m -> m.get("month") + " " + m.get("currency") + " " + m.get("charges") + " " + m.get("revenue"))
                .containsExactly(m2 + " KRW 1 7000", m1 + " KRW 2 12000", m0s + " KRW 1 5000", m0s + " USD 1 120");

        // the studio page shows the same, and links from the dashboard
        String page = as(token).accept("text/html").get("/publications/" + writer.slug() + "/stats/members")
                .then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"mrr\"").contains("5000 KRW").contains("10 USD").contains("id=\"revenue\"");
        assertThat(as(token).accept("text/html").get("/publications/" + writer.slug() + "/stats").then()
                .statusCode(200).extract().asString()).contains("/publications/" + writer.slug() + "/stats/members");

        // the platform's numbers hold this publication's, per currency
        JsonPath platform = as(Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD)).get("/api/v1/admin/stats/members").then()
                .statusCode(200).extract()
                .jsonPath();
        assertThat(platform.getLong("members.paid")).isGreaterThanOrEqualTo(2);
        assertThat(platform.getList("revenueByMonth", Map.class)).anySatisfy(m -> assertThat(m)
                .containsEntry("month", m0s).containsEntry("currency", "USD"));
        as(Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD)).accept("text/html").get("/admin/stats/members").then()
                .statusCode(200);
    }

    @Test
    void eachRouteIsForItsWriterOrAnAdmin() {
        Scenario writer = Scenario.writer("MemberStatsAccess");
        Api.Account nosy = Api.writer("Nosy");
        as(nosy.token()).get("/api/v1/publications/" + writer.slug() + "/stats/members").then().statusCode(404);
        as(nosy.token()).accept("text/html").get("/publications/" + writer.slug() + "/stats/members").then()
                .statusCode(404);
        Api.anonymous().get("/api/v1/publications/" + writer.slug() + "/stats/members").then().statusCode(401);
        as(writer.token()).get("/api/v1/admin/stats/members").then().statusCode(403);
        as(writer.token()).accept("text/html").get("/admin/stats/members").then().statusCode(403);
        Api.anonymous().get("/api/v1/admin/stats/members").then().statusCode(401);
        // nothing yet: zeros, no currency
        as(writer.token()).get("/api/v1/publications/" + writer.slug() + "/stats/members").then().statusCode(200)
                .body("members.paid", equalTo(0)).body("mrr.size()", equalTo(0)).body("mrrByMonth.size()", equalTo(0))
                .body("membersByMonth.size()", equalTo(12)).body("revenueByMonth.size()", equalTo(0));
    }

    private static String line(List<Map<String, Object>> mrr, String month, String currency) {
        return mrr.stream().filter(m -> month.equals(m.get("month")) && currency.equals(m.get("currency")))
                .map(m -> m.get("mrr") + " " + m.get("change")).findFirst().orElse("none");
    }

    private static OffsetDateTime day(OffsetDateTime m0, int months, int day) {
        return m0.plusMonths(months).withDayOfMonth(day);
    }

    private long plan(long publication, String name, String interval, int price, String currency) {
        return Long.parseLong(Db.text(db, "INSERT INTO plan (publication_id, name, billing_interval, price, currency,"
                + " created_at) VALUES (?, ?, ?, ?, ?, now()) RETURNING CAST(id AS text)", publication, name, interval,
                price, currency));
    }

    private long member(long subscriber, long publication, Long plan, String kind, String state, Integer price,
            String currency, OffsetDateTime periodStart, OffsetDateTime periodEnd) {
        return Long.parseLong(Db.text(db, "INSERT INTO membership (publication_id, subscriber_id, plan_id, kind, state,"
                + " provider, price, currency, current_period_start, current_period_end, started_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, 'sandbox', ?, ?, ?, ?, ?, ?) RETURNING CAST(id AS text)", publication, subscriber,
                plan, kind, state, price, currency, periodStart, periodEnd, periodStart, periodStart));
    }

    private void charge(long membership, OffsetDateTime start, OffsetDateTime end, int amount, String currency,
            String status) {
        Db.execute(db, "INSERT INTO membership_charge (membership_id, idempotency_key, period_start, period_end, amount,"
                + " currency, provider, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'sandbox', ?, ?)", membership,
                "seed-" + membership + "-" + start.toEpochSecond(), start, end, amount, currency, status, start);
    }

    private void ledger(long membership, OffsetDateTime at, String action, Long plan) {
        Db.execute(db, "INSERT INTO membership_ledger (membership_id, at, actor, action, to_state, plan_id)"
                + " VALUES (?, ?, 'system', ?, 'active', ?)", membership, at, action, plan);
    }
}
