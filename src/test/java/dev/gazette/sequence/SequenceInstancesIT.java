package dev.gazette.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.AppProcess;
import dev.gazette.testing.AppScenario;
import dev.gazette.testing.Gazette;
import dev.gazette.testing.ScriptedSmtpServer;

/**
 * Two packaged instances on one database, both moving sequences on and both sending: every
 * subscriber gets each step exactly once. The second step's delay is made to have passed by moving
 * the enrollments' due time back in the database (two separate processes share no clock a test
 * could move; {@code SequenceTest} moves the application's clock).
 */
class SequenceInstancesIT {

    private static final int SUBSCRIBERS = 40;

    @RegisterExtension
    static final Gazette gazette = Gazette.of("sequences", Map.of(
            "GAZETTE_DELIVERY_POLL_INTERVAL", "PT0.1S",
            "GAZETTE_SEQUENCES_CHECK", "100ms",
            "GAZETTE_SEQUENCES_BATCH_SIZE", "5"));

    private static AppProcess first;
    private static AppProcess second;

    @BeforeAll
    static void start() throws Exception {
        Map<String, AppProcess> booted = gazette.bootTogether(Map.of("first", Map.of(), "second", Map.of()));
        first = booted.get("first");
        second = booted.get("second");
    }

    @Test
    void twoInstancesSendEachStepOnceToEachSubscriber() throws Exception {
        AppScenario writer = AppScenario.writer(() -> first);
        AppScenario.Publication publication = writer.publication(0);
        String sequences = "/api/v1/publications/" + publication.slug + "/sequences";
        HttpResponse<String> created = first.postJson(sequences, writer.token(),
                "{\"name\":\"Welcome\",\"trigger\":\"confirmed\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String steps = sequences + "/" + AppProcess.field(created.body(), "id") + "/steps";
        assertThat(first.postJson(steps, writer.token(), "{\"subject\":\"Welcome in\",\"delayMinutes\":0}").statusCode())
                .isEqualTo(201);
        assertThat(second.postJson(steps, writer.token(), "{\"subject\":\"Second day\",\"delayMinutes\":1440}")
                .statusCode()).isEqualTo(201);

        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            String address = publication.slug + "-" + i + "@readers.example.com";
            AppProcess instance = i % 2 == 0 ? first : second;
            HttpResponse<String> added = instance.postJson("/api/v1/publications/" + publication.slug + "/subscribers",
                    writer.token(), "{\"email\":\"" + address + "\"}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            addresses.add(address);
        }
        ScriptedSmtpServer relay = gazette.relay();
        awaitEach(relay, publication, "Welcome in");

        // the second step's delay has passed
        gazette.execute("UPDATE sequence_enrollment e SET due_at = due_at - interval '1 day' FROM subscriber s "
                + "WHERE s.id = e.subscriber_id AND s.email LIKE ? AND e.state = 'active'", publication.slug + "-%");
        awaitEach(relay, publication, "Second day");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> gazette.count(
                "SELECT count(*) FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id WHERE s.email LIKE ? "
                        + "AND d.status = 'sent'",
                publication.slug + "-%") == 2L * SUBSCRIBERS);
        assertThat(gazette.count("SELECT count(*) FROM sequence_enrollment e JOIN subscriber s ON s.id = e.subscriber_id "
                + "WHERE s.email LIKE ? AND e.state = 'completed'", publication.slug + "-%")).isEqualTo(SUBSCRIBERS);
        List<CapturedMessage> mine = publication.ofThis(relay.accepted());
        for (String address : addresses) {
            assertThat(mine.stream().filter(m -> m.recipients().contains(address) && m.subject().equals("Welcome in")))
                    .as(address).hasSize(1);
            assertThat(mine.stream().filter(m -> m.recipients().contains(address) && m.subject().equals("Second day")))
                    .as(address).hasSize(1);
        }
    }

    private static void awaitEach(ScriptedSmtpServer relay, AppScenario.Publication publication, String subject) {
        boolean all = relay.awaitAccepted(accepted -> publication.ofThis(accepted).stream()
                .filter(m -> m.subject().equals(subject)).count() >= SUBSCRIBERS, AppScenario.SEND_TIMEOUT);
        assertThat(all).as("every subscriber got \"" + subject + "\"").isTrue();
    }
}
