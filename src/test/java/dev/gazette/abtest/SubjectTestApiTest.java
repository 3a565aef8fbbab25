package dev.gazette.abtest;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.Scenario;

/** The subject test API: its settings and their refusals, access, the writer's own pick, and a cancel mid-test. */
@QuarkusTest
class SubjectTestApiTest {

    @Inject
    DataSource db;

    private static Map<String, Object> settings(List<?> variants, int percent, int minutes, String metric) {
        Map<String, Object> body = new HashMap<>();
        body.put("variants", variants);
        body.put("samplePercent", percent);
        body.put("waitMinutes", minutes);
        body.put("metric", metric);
        return body;
    }

    private static List<Map<String, String>> subjects(String... subjects) {
        return java.util.Arrays.stream(subjects).map(subject -> Map.of("subject", subject)).toList();
    }

    @Test
    void badSettingsAreRefusedWithTheirCodesAndNothingIsStored() {
        Scenario s = Scenario.writer("Abrefuse").subscribers(1);
        long issue = s.issue(Map.of());
        String test = s.issuePath(issue) + "/subject-test";
        List<Map<String, Object>> wrong = List.of(settings(subjects("Only one"), 20, 60, "opens"),
                settings(subjects("A", "B", "C", "D", "E"), 20, 60, "opens"),
                settings(subjects("A", " "), 20, 60, "opens"),
                settings(subjects("A", "B\r\nBcc: x@example.com"), 20, 60, "opens"),
                settings(subjects("A", "x".repeat(201)), 20, 60, "opens"),
                settings(subjects("A", "B"), 5, 60, "opens"),
                settings(subjects("A", "B"), 51, 60, "opens"),
                settings(subjects("A", "B"), 20, 59, "opens"),
                settings(subjects("A", "B"), 20, 10081, "opens"),
                settings(subjects("A", "B"), 20, 60, "likes"));
        for (Map<String, Object> body : wrong) {
            as(s.token()).body(body).put(test).then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("validation_failed"));
        }
        as(s.token()).body(settings(subjects("Same words", "same words "), 20, 60, "opens")).put(test).then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("errors.code", hasItem("subjects_not_distinct"));
        assertThat(Db.count(db, "SELECT count(*) FROM subject_test WHERE issue_id = ?", issue)).isZero();
        as(s.token()).get(test).then().statusCode(404).body("code", equalTo("subject_test_not_found"));
        as(s.token()).body(Map.of("variant", 1)).post(test + "/winner").then().statusCode(404)
                .body("code", equalTo("subject_test_not_found"));

        // no tracking, no opens or clicks to decide by
        s.publication(Map.of("tracking", false));
        as(s.token()).body(settings(subjects("A", "B"), 20, 60, "opens")).put(test).then().statusCode(409)
                .body("code", equalTo("subject_test_needs_tracking"));
        assertThat(Db.count(db, "SELECT count(*) FROM subject_test WHERE issue_id = ?", issue)).isZero();
    }

    @Test
    void anotherWritersIssueIsNotFound() {
        Scenario owner = Scenario.writer("Abowner").subscribers(1);
        long issue = owner.issue(Map.of());
        String test = owner.issuePath(issue) + "/subject-test";
        as(owner.token()).body(settings(subjects("A", "B"), 20, 60, "opens")).put(test).then().statusCode(200);
        String stranger = Api.writer("Abstranger").token();
        as(stranger).get(test).then().statusCode(404);
        as(stranger).body(settings(subjects("C", "D"), 20, 60, "opens")).put(test).then().statusCode(404);
        as(stranger).delete(test).then().statusCode(404);
        as(stranger).body(Map.of("variant", 1)).post(test + "/winner").then().statusCode(404);
        assertThat(Db.texts(db, "SELECT subject FROM subject_variant WHERE issue_id = ? ORDER BY variant", issue))
                .containsExactly("A", "B");
        // and their own publication's path with the owner's issue id
        String strangersSlug = Api.publication(stranger);
        as(stranger).get("/api/v1/publications/" + strangersSlug + "/issues/" + issue + "/subject-test").then()
                .statusCode(404).body("code", equalTo("issue_not_found"));
    }

    @Test
    void theWriterPicksTheWinnerByHandAndTheTestThenLocks() {
        Scenario s = Scenario.writer("Abpick").subscribers(40);
        long issue = s.issue(Map.of("title", "Picked by hand"));
        String test = s.issuePath(issue) + "/subject-test";
        as(s.token()).body(settings(List.of(Map.of("subject", "First"), Map.of("subject", "Second"),
                Map.of("subject", "Third", "preheader", "Third's preheader")), 50, 7 * 24 * 60, "clicks")).put(test).then()
                .statusCode(200).body("state", equalTo("ready")).body("variants.size()", equalTo(3));
        as(s.token()).body(Map.of("variant", 2)).post(test + "/winner").then().statusCode(409)
                .body("code", equalTo("subject_test_not_started"));

        s.send(issue);
        // 50 % of 40 in three variants: 6 each; the other 22 held
        await().atMost(Scenario.SEND_TIMEOUT).until(() -> Db.count(db, "SELECT count(*) FROM delivery d JOIN send x "
                + "ON x.id = d.send_id WHERE x.issue_id = ? AND d.status = 'sent'", issue) == 18);
        as(s.token()).get(test).then().statusCode(200).body("state", equalTo("testing")).body("perVariant", equalTo(6))
                .body("held", equalTo(22)).body("variants[0].sample.sent", equalTo(6));
        as(s.token()).body(settings(subjects("A", "B"), 20, 60, "opens")).put(test).then().statusCode(409)
                .body("code", equalTo("subject_test_locked"));
        as(s.token()).delete(test).then().statusCode(409).body("code", equalTo("subject_test_locked"));
        as(s.token()).body(Map.of("variant", 4)).post(test + "/winner").then().statusCode(400)
                .body("errors.code", hasItem("no_such_variant"));
        as(s.token()).body(Map.of("variant", 0)).post(test + "/winner").then().statusCode(400)
                .body("code", equalTo("validation_failed"));

        as(s.token()).body(Map.of("variant", 3)).post(test + "/winner").then().statusCode(200)
                .body("state", equalTo("decided")).body("winner", equalTo(3)).body("decidedBy", equalTo("hand"))
                .body("held", equalTo(0));
        s.awaitSendStatus(issue, "sent");
        as(s.token()).body(Map.of("variant", 1)).post(test + "/winner").then().statusCode(409)
                .body("code", equalTo("subject_test_decided"));

        Map<String, Long> perAddress = new HashMap<>();
        Map<String, Long> subjects = new HashMap<>();
        for (String email : s.subscriberEmails()) {
            List<CapturedMessage> received = Mailbox.to(email);
            perAddress.put(email, (long) received.size());
            received.forEach(m -> subjects.merge(m.subject(), 1L, Long::sum));
        }
        assertThat(perAddress.values()).hasSize(40).allMatch(n -> n == 1);
        assertThat(subjects).containsOnly(Map.entry("First", 6L), Map.entry("Second", 6L), Map.entry("Third", 28L));
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE action = 'subject_test_winner_picked' "
                + "AND target = ?", "issue " + issue)).isEqualTo(1);
        // the web version keeps the issue's own title
        String page = Api.anonymous().get("/p/" + s.slug() + "/" + Db.text(db, "SELECT slug FROM issue WHERE id = ?", issue))
                .then().statusCode(200).extract().asString();
        assertThat(page).contains("Picked by hand").doesNotContain("Third's preheader");
    }

    @Test
    void cancellingDuringTheTestSkipsTheHeldRecipients() {
        Scenario s = Scenario.writer("Abcancel").subscribers(30);
        long issue = s.issue(Map.of());
        String test = s.issuePath(issue) + "/subject-test";
        as(s.token()).body(settings(subjects("One", "Two"), 20, 60, "opens")).put(test).then().statusCode(200);
        s.send(issue);
        // 20 % of 30 is 3 each, under the (test) minimum of 5: 5 each, 20 held
        await().atMost(Scenario.SEND_TIMEOUT).until(() -> Db.count(db, "SELECT count(*) FROM delivery d JOIN send x "
                + "ON x.id = d.send_id WHERE x.issue_id = ? AND d.status = 'sent'", issue) == 10);
        as(s.token()).post(s.issuePath(issue) + "/cancel").then().statusCode(200);
        s.awaitSendStatus(issue, "cancelled");
        assertThat(Db.count(db, "SELECT skipped_count FROM send WHERE issue_id = ?", issue)).isEqualTo(20);
        assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN send x ON x.id = d.send_id WHERE x.issue_id = ? "
                + "AND d.status = 'held'", issue)).isZero();
        as(s.token()).get(test).then().statusCode(200).body("state", equalTo("stopped"));
        as(s.token()).body(Map.of("variant", 1)).post(test + "/winner").then().statusCode(409)
                .body("code", equalTo("subject_test_stopped"));
        long received = s.subscriberEmails().stream().mapToLong(e -> Mailbox.to(e).size()).sum();
        assertThat(received).isEqualTo(10);
        assertThat(s.subscriberEmails().stream().collect(Collectors.summingLong(e -> Mailbox.to(e).size() > 1 ? 1 : 0)))
                .isZero();
    }

    @Test
    void removingATestBeforeTheSendMailsEveryoneTheIssuesOwnSubject() {
        Scenario s = Scenario.writer("Abremove").subscribers(2);
        long issue = s.issue(Map.of("title", "No test after all"));
        String test = s.issuePath(issue) + "/subject-test";
        as(s.token()).body(settings(subjects("A", "B"), 20, 60, "opens")).put(test).then().statusCode(200);
        as(s.token()).delete(test).then().statusCode(204);
        as(s.token()).get(test).then().statusCode(404).body("code", equalTo("subject_test_not_found"));
        s.sendAndAwait(issue);
        for (String email : s.subscriberEmails()) {
            assertThat(Scenario.awaitIssueMail(email, "No test after all")).isNotNull();
        }
        assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN send x ON x.id = d.send_id WHERE x.issue_id = ? "
                + "AND d.variant IS NOT NULL", issue)).isZero();
    }
}
