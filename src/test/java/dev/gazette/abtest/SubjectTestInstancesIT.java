package dev.gazette.abtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.AppProcess;
import dev.gazette.testing.AppScenario;
import dev.gazette.testing.Gazette;
import dev.gazette.testing.ScriptedSmtpServer;

/**
 * An A/B subject test on two packaged instances sharing one database, one of them killed with
 * {@code kill -9} during the test phase (the sample sent, the rest held) and started again: the
 * test is decided once, both instances send the remainder, and every recipient gets exactly one
 * message. The test time is made to be over by moving its end in the database (separate processes
 * share no clock a test could move; {@code SubjectTestSendTest} moves the application's clock).
 */
class SubjectTestInstancesIT {

    private static final int AUDIENCE = 3000;

    @RegisterExtension
    static final Gazette gazette = Gazette.of("abtest", Map.of(
            "GAZETTE_DELIVERY_POLL_INTERVAL", "PT0.1S",
            "GAZETTE_DELIVERY_LEASE", "PT10S",
            "GAZETTE_ABTEST_CHECK", "200ms"));

    @Test
    void twoInstancesAndAKillDuringTheTestSendEachRecipientExactlyOneMessage() throws Exception {
        Map<String, AppProcess> booted = gazette.bootTogether(Map.of("first", Map.of(), "second", Map.of()));
        AtomicReference<AppProcess> current = new AtomicReference<>(booted.get("first"));
        AppProcess second = booted.get("second");
        AppScenario writer = AppScenario.writer(current::get);
        AppScenario.Publication publication = writer.publication(AUDIENCE);
        String test = publication.path("/subject-test");
        HttpResponse<String> saved = current.get().putJson(test, writer.token(), """
                {"variants": [{"subject": "Variant one"}, {"subject": "Variant two"}],
                 "samplePercent": 20, "waitMinutes": 60, "metric": "opens"}""");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        ScriptedSmtpServer relay = gazette.relay();

        publication.send();
        // 20 % of 3,000 in two: 300 each, sent by both instances; the other 2,400 held
        assertThat(relay.awaitAccepted(m -> publication.received(m) >= 600, AppScenario.SEND_TIMEOUT)).isTrue();
        Thread.sleep(1000); // nothing more goes out while the test runs
        assertThat(publication.received(relay.accepted())).isEqualTo(600);
        assertThat(gazette.count("SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ? "
                + "AND d.status = 'held'", publication.issueId)).isEqualTo(AUDIENCE - 600);

        // during the test: people open the second variant more; the first instance dies and comes back
        gazette.execute("INSERT INTO tracking_event (delivery_id, kind, machine, at) SELECT d.id, 'open', false, now() "
                + "FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ? AND d.variant = 2 "
                + "ORDER BY d.id LIMIT 60", publication.issueId);
        current.get().kill();
        current.set(second);
        AppProcess restarted = gazette.boot("first-restarted", Map.of());
        current.set(restarted);

        // the test time is over: both instances look for it every 200 ms
        gazette.execute("UPDATE subject_test SET decide_at = now() - interval '1 second' WHERE issue_id = ?",
                publication.issueId);
        publication.await("sent", Duration.ofMinutes(3));

        List<CapturedMessage> mine = publication.ofThis(relay.accepted());
        Map<String, Long> perAddress = publication.perAddress(relay.accepted());
        assertThat(perAddress.keySet()).containsExactlyInAnyOrderElementsOf(publication.addresses);
        assertThat(perAddress.values()).allMatch(n -> n == 1);
        assertThat(mine.stream().collect(Collectors.groupingBy(CapturedMessage::subject, Collectors.counting())))
                .containsOnly(Map.entry("Variant one", 300L), Map.entry("Variant two", (long) AUDIENCE - 300));
        assertThat(gazette.text("SELECT winner || ' ' || decided_by FROM subject_test WHERE issue_id = ?",
                publication.issueId)).isEqualTo("2 metric");
        // decided once, by one of the two instances
        String decided = "Subject test of issue " + publication.issueId + ": variant 2 wins";
        assertThat(occurrences(second.log(), decided) + occurrences(restarted.log(), decided)).isEqualTo(1);
        assertThat(gazette.count("SELECT sent_count FROM send WHERE issue_id = ?", publication.issueId)).isEqualTo(AUDIENCE);
        restarted.close();
        second.close();
    }

    private static int occurrences(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
