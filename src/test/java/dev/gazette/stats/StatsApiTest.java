package dev.gazette.stats;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;

/** The numbers of the scripted scenario, exactly, through the JSON API and the CSV export. */
@QuarkusTest
class StatsApiTest {

    @Inject
    DataSource db;

    private StatsScenario scenario(String slug) {
        return new StatsScenario(db, Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug));
    }

    @Test
    void anIssuesStatsAreExactlyTheScenariosFigures() {
        String token = Api.writer("Numbers").token();
        String slug = Api.publication(token);
        StatsScenario s = scenario(slug);

        JsonPath stats = as(token).get("/api/v1/publications/" + slug + "/issues/" + s.issueId + "/stats").then()
                .statusCode(200).extract().jsonPath();
        assertThat(Map.of(
                "recipients", stats.getLong("recipients"), "sent", stats.getLong("sent"),
                "failed", stats.getLong("failed"), "bounced", stats.getLong("bounced"),
                "bouncedHard", stats.getLong("bouncedHard"), "bouncedSoft", stats.getLong("bouncedSoft"),
                "complaints", stats.getLong("complaints"), "unsubscribes", stats.getLong("unsubscribes")))
                .isEqualTo(Map.of("recipients", 9L, "sent", 7L, "failed", 2L, "bounced", 2L, "bouncedHard", 1L,
                        "bouncedSoft", 1L, "complaints", 1L, "unsubscribes", 2L));
        // people and machines apart: a proxy's open and a scanner's click are not the reader's
        assertThat(List.of(stats.getLong("opens"), stats.getLong("uniqueOpens"), stats.getLong("machineOpens"),
                stats.getLong("clicks"), stats.getLong("uniqueClicks"), stats.getLong("machineClicks")))
                .containsExactly(3L, 2L, 2L, 4L, 2L, 1L);
        assertThat(stats.getDouble("openRate")).isCloseTo(2.0 / 7, within(1e-6));
        assertThat(stats.getDouble("clickRate")).isCloseTo(2.0 / 7, within(1e-6));
        assertThat(List.of(stats.getLong("views"), stats.getLong("likes"), stats.getLong("comments")))
                .containsExactly(5L, 2L, 2L);
        assertThat(List.of(stats.getLong("feedback.good"), stats.getLong("feedback.okay"), stats.getLong("feedback.bad")))
                .containsExactly(2L, 1L, 0L);
        assertThat(stats.getDouble("feedback.score")).isCloseTo(250.0 / 3, within(1e-4));
        assertThat(stats.getLong("tips.count")).isEqualTo(2);
        assertThat(stats.getLong("tips.coffees")).isEqualTo(3);
        assertThat(stats.getDouble("tips.amount")).isEqualTo(15000.0);
        assertThat(stats.getString("tips.currency")).isEqualTo("KRW");
        assertThat(stats.getList("links.url")).containsExactly("https://example.com/one", "https://example.com/two");
        assertThat(stats.getList("links.clicks", Long.class)).containsExactly(3L, 1L);
        assertThat(stats.getList("links.uniqueClicks", Long.class)).containsExactly(2L, 1L);
        // the first hours: sent, then opens and clicks as they came
        assertThat(stats.getList("timeline.hour", String.class)).containsExactly(s.sentAt.toString(),
                s.sentAt.plusSeconds(3600).toString(), s.sentAt.plusSeconds(7200).toString(),
                s.sentAt.plusSeconds(10800).toString());
        assertThat(stats.getList("timeline.sent", Long.class)).containsExactly(7L, 0L, 0L, 0L);
        assertThat(stats.getList("timeline.opens", Long.class)).containsExactly(0L, 2L, 0L, 1L);
        assertThat(stats.getList("timeline.machineOpens", Long.class)).containsExactly(1L, 1L, 0L, 0L);
        assertThat(stats.getList("timeline.uniqueOpens", Long.class)).containsExactly(0L, 2L, 0L, 0L);
        assertThat(stats.getList("timeline.clicks", Long.class)).containsExactly(0L, 2L, 2L, 0L);
        assertThat(stats.getList("timeline.uniqueClicks", Long.class)).containsExactly(0L, 1L, 1L, 0L);

        // the earlier issue holds the unsubscribe that came after it
        as(token).get("/api/v1/publications/" + slug + "/issues/" + s.earlierIssueId + "/stats").then().statusCode(200)
                .body("recipients", equalTo(10)).body("sent", equalTo(10)).body("unsubscribes", equalTo(1))
                .body("uniqueOpens", equalTo(0)).body("tips.count", equalTo(0)).body("feedback.score", equalTo(null));
    }

    @Test
    void aPublicationsStatsAreExactlyTheScenariosFigures() {
        String token = Api.writer("Growth").token();
        String slug = Api.publication(token);
        StatsScenario s = scenario(slug);

        JsonPath stats = as(token).get("/api/v1/publications/" + slug + "/stats").then().statusCode(200).extract()
                .jsonPath();
        assertThat(List.of(stats.getLong("subscribers.active"), stats.getLong("subscribers.pending"),
                stats.getLong("subscribers.unsubscribed"), stats.getLong("subscribers.total")))
                .containsExactly(7L, 0L, 3L, 10L);
        assertThat(List.of(stats.getLong("sources.form"), stats.getLong("sources.imported"), stats.getLong("sources.api")))
                .containsExactly(3L, 5L, 2L);
        List<Map<String, Object>> growth = stats.getList("growth");
        assertThat(growth).hasSize(30);
        assertThat(growth.stream().filter(d -> !d.get("added").equals(0) || !d.get("unsubscribed").equals(0)
                || !d.get("confirmed").equals(0)).toList()).containsExactly(
                        day(s.joinedAt, 10, 10, 0), day(s.earlierUnsubscribeAt, 0, 0, 1), day(s.unsubscribeAt, 0, 0, 2));
        assertThat(stats.getList("topIssues.id", Long.class)).containsExactly(s.issueId, s.earlierIssueId);
        assertThat(stats.getList("engagement.id", Long.class)).containsExactly(s.earlierIssueId, s.issueId);
        assertThat(stats.getList("engagement.openRate", Double.class)).hasSize(2).satisfiesExactly(
                rate -> assertThat(rate).isZero(), rate -> assertThat(rate).isCloseTo(2.0 / 7, within(1e-6)));
        assertThat(stats.getList("tipsByMonth.count", Long.class)).containsExactly(2L);
        assertThat(stats.getString("tipsByMonth[0].month"))
                .isEqualTo(s.unsubscribeAt.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).toString());
        // 1 hard bounce of 19 attempts, 1 complaint of 17 sent: both over the 0.3% line
        assertThat(stats.getLong("health.attempted")).isEqualTo(19);
        assertThat(stats.getDouble("health.bounceRate")).isCloseTo(1.0 / 19, within(1e-6));
        assertThat(stats.getDouble("health.complaintRate")).isCloseTo(1.0 / 17, within(1e-6));
        assertThat(stats.getString("health.bounceLevel")).isEqualTo("over");
        assertThat(stats.getString("health.complaintLevel")).isEqualTo("over");

        String csv = as(token).get("/api/v1/publications/" + slug + "/stats/issues.csv").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv.lines().toList()).hasSize(3).first().asString().startsWith("id,slug,title,sentAt,sent,uniqueOpens");
        assertThat(csv).contains(s.issueId + ",scenario,Issue scenario," + s.sentAt + ",7,2,");
    }

    private static Map<String, Object> day(java.time.Instant at, int added, int confirmed, int unsubscribed) {
        LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
        return Map.of("day", day.toString(), "added", added, "confirmed", confirmed, "unsubscribed", unsubscribed, "net",
                confirmed - unsubscribed);
    }

    @Test
    void thePlatformShowsThePublicationOverThresholdToAdmins() {
        String admin = Api.admin().token();
        JsonPath before = as(admin).get("/api/v1/admin/stats").then().statusCode(200).extract().jsonPath();
        String token = Api.writer("Platform").token();
        String slug = Api.publication(token);
        scenario(slug);

        JsonPath stats = as(admin).get("/api/v1/admin/stats").then().statusCode(200).extract().jsonPath();
        // this test's own publication, exactly: 17 sent, 7 active, 2 people opened
        Map<String, Object> line = stats.getMap("overThreshold.find { it.slug == '" + slug + "' }");
        assertThat(line).containsEntry("activeSubscribers", 7).containsEntry("sent", 17).containsEntry("uniqueOpens", 2);
        // the platform's totals moved by at least this publication's numbers (other tests' sends may still finish)
        assertThat(stats.getLong("totals.publications") - before.getLong("totals.publications")).isEqualTo(1);
        assertThat(stats.getLong("totals.writers") - before.getLong("totals.writers")).isEqualTo(1);
        assertThat(stats.getLong("totals.sent") - before.getLong("totals.sent")).isGreaterThanOrEqualTo(17);
        assertThat(stats.getLong("totals.issuesSent") - before.getLong("totals.issuesSent")).isGreaterThanOrEqualTo(2);
        assertThat(stats.getList("volume")).hasSize(30);
        assertThat(stats.getDouble("limitRate")).isEqualTo(0.003);
        String csv = as(admin).get("/api/v1/admin/stats/publications.csv").then().statusCode(200)
                .extract().asString();
        assertThat(csv.lines().filter(l -> l.startsWith(slug + ",")).toList()).singleElement().asString()
                .startsWith(slug + ",AI 뉴스레터,7,17,2,");
    }

    @Test
    void aRealSendIsCountedAsTheEngineWritesIt() {
        Scenario scenario = Scenario.writer("Engine").subscribers(2);
        long issue = scenario.issue(Map.of("title", "Counted", "bodyMarkdown", "Hello"));
        scenario.sendAndAwait(issue);
        as(scenario.token()).get(scenario.issuePath(issue) + "/stats").then().statusCode(200)
                .body("recipients", equalTo(2)).body("sent", equalTo(2)).body("failed", equalTo(0));
        as(scenario.token()).get("/api/v1/publications/" + scenario.slug() + "/stats").then().statusCode(200)
                .body("subscribers.active", equalTo(2)).body("sources.api", equalTo(2));
    }
}
