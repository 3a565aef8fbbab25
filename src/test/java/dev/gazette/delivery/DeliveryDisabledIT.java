package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.AppProcess;
import dev.gazette.testing.AppScenario;
import dev.gazette.testing.AppScenario.Publication;
import dev.gazette.testing.Gazette;

/**
 * {@code GAZETTE_DELIVERY_ENABLED=false}: an instance that serves the API but sends nothing. Each
 * instance names itself in its Message-IDs (its own host name), so the relay tells who sent what.
 * The instance that sends has an instance rate limit, measured from the relay's receive times.
 */
class DeliveryDisabledIT {

    private static final int RECIPIENTS = 40;
    private static final int INSTANCE_RATE = 10;

    @RegisterExtension
    static final Gazette gazette = Gazette.of("disabled", Map.of(
            "GAZETTE_DELIVERY_RATE_PER_SECOND", Integer.toString(INSTANCE_RATE),
            "GAZETTE_DELIVERY_START_CHECK", "200ms",
            "GAZETTE_DELIVERY_FINISH_CHECK", "200ms"));

    @Test
    void anInstanceWithDeliveryOffSendsNothingAndAnotherOneSendsEverything() throws Exception {
        try (AppProcess off = gazette.boot("off", instance("off", false))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> off.log().contains("Delivery is off on this instance"));
            Publication p = AppScenario.writer(() -> off).publication(RECIPIENTS);
            p.send();
            // the send is started (its audience snapshotted) while only the instance with delivery off runs
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> gazette.count("SELECT coalesce(max(total), 0) FROM send WHERE issue_id = ?",
                            p.issueId) == RECIPIENTS);

            try (AppProcess on = gazette.boot("on", instance("on", true))) {
                p.await("sent", Duration.ofSeconds(60));
            }
            List<CapturedMessage> received = gazette.relay().accepted();
            assertThat(received).hasSize(RECIPIENTS);
            // the instance with delivery off was up the whole time and sent none of them
            assertThat(received).allSatisfy(m -> assertThat(m.header("Message-ID")).get().asString()
                    .endsWith("@on.gazette.test>"));
            assertThat(gazette.count("SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id "
                    + "WHERE s.issue_id = ? AND d.status = 'sent' AND d.attempts = 1", p.issueId)).isEqualTo(RECIPIENTS);

            // the sending instance kept to its rate: messages per second between the first and the last
            List<CapturedMessage> sorted = received.stream().sorted(Comparator.comparing(CapturedMessage::receivedAt))
                    .toList();
            double seconds = Duration.between(sorted.get(0).receivedAt(), sorted.get(RECIPIENTS - 1).receivedAt())
                    .toNanos() / 1e9;
            double rate = (RECIPIENTS - 1) / seconds;
            System.out.printf("instance rate: %.1f messages/s (its limit %d)%n", rate, INSTANCE_RATE);
            // without the limit, 40 small messages go out in a fraction of a second
            assertThat(rate).isBetween(INSTANCE_RATE * 0.3, INSTANCE_RATE * 1.5);
        }
    }

    /** Each instance names itself in its Message-IDs. */
    private static Map<String, String> instance(String name, boolean delivery) {
        return Map.of("QUARKUS_MAILER_OWN_HOST_NAME", name + ".gazette.test",
                "GAZETTE_DELIVERY_ENABLED", Boolean.toString(delivery));
    }
}
