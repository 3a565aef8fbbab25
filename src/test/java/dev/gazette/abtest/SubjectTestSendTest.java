package dev.gazette.abtest;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.MovableClock;
import dev.gazette.testing.Scenario;

/**
 * An A/B subject test over 10,000 recipients, end to end: the sample split evenly between the
 * variants on the wire, the rest held until the test time is over, then the winner by human opens
 * (seeded, with machine opens that would have chosen the other) to everyone else; every recipient
 * gets exactly one message.
 */
@QuarkusTest
class SubjectTestSendTest {

    private static final int AUDIENCE = 10_000;

    @Inject
    DataSource db;

    @Inject
    MovableClock clock;

    @AfterEach
    void putTheClockBack() {
        MovableClock.settled(db);
        clock.reset();
    }

    @Test
    void theSampleSplitsEvenlyAndTheRestGetsTheWinnerByHumanOpensExactlyOnce() {
        Scenario s = Scenario.writer("Abtest");
        String domain = s.slug() + ".example.com";
        // subscribers straight into the table: the test is about sending, not importing
        Db.execute(db, "INSERT INTO subscriber (publication_id, email, email_hash, name, status, created_at, updated_at) "
                + "SELECT p.id, 'r' || g || '@' || ?, md5(g || ?) || md5(? || g), 'Reader ' || g, 'active', now(), now() "
                + "FROM publication p, generate_series(1, ?) g WHERE p.slug = ?", domain, domain, domain, AUDIENCE, s.slug());
        long issue = s.issue(Map.of("title", "The issue's own title", "subtitle", "The subtitle"));
        String test = s.issuePath(issue) + "/subject-test";
        as(s.token()).body(Map.of("variants", List.of(Map.of("subject", "Plain subject"),
                Map.of("subject", "Curious subject?", "preheader", "A preheader of its own")), "samplePercent", 10,
                "waitMinutes", 120, "metric", "opens")).put(test).then().statusCode(200);

        s.send(issue);
        // the sample: 10 % of 10,000 split in two, 500 each; the other 9,000 held
        await("the sample is sent").atMost(Scenario.SEND_TIMEOUT).until(() -> Db.count(db, "SELECT count(*) FROM delivery d "
                + "JOIN send x ON x.id = d.send_id WHERE x.issue_id = ? AND d.status = 'sent'", issue) == 1000);
        MovableClock.settled(db);
        assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN send x ON x.id = d.send_id WHERE x.issue_id = ? "
                + "AND d.status = 'held' AND d.variant IS NULL AND NOT d.in_sample", issue)).isEqualTo(AUDIENCE - 1000);
        for (int variant = 1; variant <= 2; variant++) {
            assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN send x ON x.id = d.send_id WHERE x.issue_id = ? "
                    + "AND d.in_sample AND d.variant = ?", issue, variant)).isEqualTo(500);
        }
        assertThat(mine(domain)).hasSize(1000);
        Map<String, Long> sampleSubjects = mine(domain).stream()
                .collect(Collectors.groupingBy(CapturedMessage::subject, Collectors.counting()));
        assertThat(sampleSubjects).containsOnly(Map.entry("Plain subject", 500L), Map.entry("Curious subject?", 500L));
        assertThat(as(s.token()).get(s.issuePath(issue) + "/progress").then().extract().<String>path("status"))
                .isEqualTo("sending");

        // people opened the second variant more; a mail provider's proxy "opened" all of the first
        seedOpens(issue, 1, 40, false);
        seedOpens(issue, 2, 90, false);
        seedOpens(issue, 1, 500, true);
        Map<String, Object> testing = as(s.token()).get(test).then().statusCode(200).extract().path("");
        assertThat(testing).containsEntry("state", "testing").containsEntry("perVariant", 500).containsEntry("held", 9000);
        assertThat(as(s.token()).get(test).then().extract().<Integer>path("variants[1].sample.uniqueOpens")).isEqualTo(90);
        assertThat(as(s.token()).get(test).then().extract().<Float>path("variants[1].sample.openRate")).isEqualTo(0.18f);

        clock.forwardWhenSettled(db, Duration.ofMinutes(121));
        s.awaitSendStatus(issue, "sent");

        Map<String, Object> decided = as(s.token()).get(test).then().statusCode(200).extract().path("");
        assertThat(decided).containsEntry("state", "decided").containsEntry("winner", 2).containsEntry("decidedBy", "metric")
                .containsEntry("held", 0);
        await("every message on the wire").atMost(Duration.ofSeconds(30)).until(() -> mine(domain).size() >= AUDIENCE);
        List<CapturedMessage> all = mine(domain);
        Map<String, Long> perAddress = all.stream().map(m -> m.recipients().get(0))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perAddress).hasSize(AUDIENCE);
        assertThat(perAddress.values()).allMatch(n -> n == 1);
        Map<String, Long> subjects = all.stream()
                .collect(Collectors.groupingBy(CapturedMessage::subject, Collectors.counting()));
        assertThat(subjects).containsOnly(Map.entry("Plain subject", 500L), Map.entry("Curious subject?", 9500L));
        // each message carries its own row's variant, and the winner's preheader; the body keeps the issue's title
        Map<String, String> subjectByMessageId = new HashMap<>();
        Db.texts(db, "SELECT d.message_id || chr(9) || v.subject FROM delivery d JOIN send x ON x.id = d.send_id "
                + "JOIN subject_variant v ON v.issue_id = x.issue_id AND v.variant = d.variant WHERE x.issue_id = ?", issue)
                .forEach(line -> subjectByMessageId.put(line.split("\t")[0], line.split("\t")[1]));
        assertThat(all).allMatch(m -> m.subject().equals(subjectByMessageId.get(m.header("Message-ID").orElseThrow())));
        CapturedMessage winner = all.stream().filter(m -> m.subject().equals("Curious subject?")).findFirst().orElseThrow();
        assertThat(winner.htmlPart().orElseThrow()).contains("A preheader of its own").contains("The issue&#39;s own title");
        assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN send x ON x.id = d.send_id "
                + "JOIN subject_test t ON t.issue_id = x.issue_id WHERE x.issue_id = ? AND NOT d.in_sample "
                + "AND d.status = 'sent' AND d.variant = 2 AND d.sent_at >= t.decided_at", issue)).isEqualTo(AUDIENCE - 1000);
        assertThat(Db.count(db, "SELECT sent_count FROM send WHERE issue_id = ?", issue)).isEqualTo(AUDIENCE);
        // the issue's stats show each variant over everyone it went to
        List<Map<String, Object>> variants = as(s.token()).get(s.issuePath(issue) + "/stats").then().statusCode(200)
                .extract().path("subjectVariants");
        assertThat(variants).hasSize(2);
        assertThat(variants.get(0)).containsEntry("variant", 1).containsEntry("winner", false)
                .containsEntry("recipients", 500).containsEntry("inSample", 500).containsEntry("uniqueOpens", 40);
        assertThat(variants.get(1)).containsEntry("variant", 2).containsEntry("winner", true)
                .containsEntry("recipients", 9500).containsEntry("inSample", 500).containsEntry("sent", 9500)
                .containsEntry("uniqueOpens", 90);
    }

    /** This publication's messages the SMTP catcher holds. */
    private static List<CapturedMessage> mine(String domain) {
        return Mailbox.catcher().messages().stream().filter(m -> m.recipients().get(0).endsWith("@" + domain)).toList();
    }

    /** Opens of the first {@code count} sample rows of a variant, by people or by machines. */
    private void seedOpens(long issue, int variant, int count, boolean machine) {
        Db.execute(db, "INSERT INTO tracking_event (delivery_id, kind, machine, at) SELECT d.id, 'open', ?, now() "
                + "FROM delivery d JOIN send x ON x.id = d.send_id WHERE x.issue_id = ? AND d.in_sample AND d.variant = ? "
                + "ORDER BY d.id LIMIT ?", machine, issue, variant, count);
    }
}
