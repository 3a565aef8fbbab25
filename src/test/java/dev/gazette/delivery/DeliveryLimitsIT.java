package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.AppProcess;
import dev.gazette.testing.AppScenario;
import dev.gazette.testing.AppScenario.Publication;
import dev.gazette.testing.Gazette;
import dev.gazette.testing.ScriptedSmtpServer;
import dev.gazette.testing.ScriptedSmtpServer.Rule;
import dev.gazette.testing.ScriptedSmtpServer.Stage;

/**
 * The engine's limits, with small settings so that they bite within seconds: giving up at
 * {@code retry.max-age}, suppression at {@code soft-bounce-limit}, a publication's sending rate
 * (measured from the relay's receive times, against generous bounds; the instance's rate is measured
 * in {@link DeliveryDisabledIT}), two publications sharing the instance's rate side by side, and bounce reports refused while no secret is configured. One packaged application, one
 * PostgreSQL; every test has its own publications.
 */
class DeliveryLimitsIT {

    private static final int INSTANCE_RATE = 20;
    private static final int PUBLICATION_RATE = 10;
    private static final Duration MAX_AGE = Duration.ofSeconds(3);

    @RegisterExtension
    static final Gazette gazette = Gazette.withApp("limits", Map.ofEntries(
            Map.entry("QUARKUS_MAILER_OWN_HOST_NAME", "limits.gazette.test"),
            Map.entry("GAZETTE_DELIVERY_START_CHECK", "200ms"),
            Map.entry("GAZETTE_DELIVERY_FINISH_CHECK", "200ms"),
            Map.entry("GAZETTE_DELIVERY_POLL_INTERVAL", "PT0.1S"),
            Map.entry("GAZETTE_DELIVERY_RATE_PER_SECOND", Integer.toString(INSTANCE_RATE)),
            Map.entry("GAZETTE_DELIVERY_PUBLICATION_RATE_PER_SECOND", Integer.toString(PUBLICATION_RATE)),
            Map.entry("GAZETTE_DELIVERY_RETRY_INITIAL_DELAY", "PT0.5S"),
            Map.entry("GAZETTE_DELIVERY_RETRY_MAX_DELAY", "PT1S"),
            Map.entry("GAZETTE_DELIVERY_RETRY_MAX_AGE", MAX_AGE.toString()),
            Map.entry("GAZETTE_DELIVERY_RETRY_SOFT_BOUNCE_LIMIT", "2")));

    private static ScriptedSmtpServer relay;
    private static AppScenario writer;

    @BeforeAll
    static void start() throws Exception {
        relay = gazette.relay();
        writer = AppScenario.writer(gazette::app);
    }

    @Test
    void aRecipientStillRefusedTransientlyAtMaxAgeFailsAndStaysSubscribed() throws Exception {
        Publication p = writer.publication(1);
        String greylisted = p.add("forever-greylisted");
        relay.rule(greylisted, new Rule(Stage.RCPT, "451 4.7.1 Greylisted, try again later", -1));

        p.send();
        p.await("sent");

        assertThat(gazette.count("SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id JOIN subscriber x "
                + "ON x.id = d.subscriber_id WHERE s.issue_id = ? AND x.email = ? AND d.status = 'failed' "
                + "AND d.last_code = 451 AND d.attempts >= 2 AND d.bounce IS NULL "
                + "AND d.failed_at >= s.started_at + interval '3 seconds'", p.issueId, greylisted))
                .as("retried, then failed once the send was older than max-age, not before").isOne();
        assertThat(gazette.count("SELECT count(*) FROM subscriber WHERE email = ? AND status = 'active'", greylisted)).isOne();
        assertThat(relay.acceptedFor(p.addresses.get(0))).isOne();
    }

    @Test
    void aMailboxFullAtTheSoftBounceLimitIsSuppressed() throws Exception {
        Publication p = writer.publication(1);
        String full = p.add("mailbox-full");
        relay.rule(full, new Rule(Stage.RCPT, "452 4.2.2 Mailbox full", -1));

        p.send();
        p.await("sent");

        // two soft bounces (the limit in this IT), well before max-age: failed, soft, suppressed
        assertThat(gazette.count("SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id JOIN subscriber x "
                + "ON x.id = d.subscriber_id WHERE s.issue_id = ? AND x.email = ? AND d.status = 'failed' "
                + "AND d.bounce = 'soft' AND d.attempts = 2 AND d.last_status = '4.2.2'", p.issueId, full)).isOne();
        assertThat(
                gazette.count("SELECT count FROM soft_bounce b JOIN subscriber x ON x.id = b.subscriber_id WHERE x.email = ?",
                        full))
                .isEqualTo(2);
        assertThat(gazette.count("SELECT count(*) FROM subscriber WHERE email = ? AND status = 'bounced'", full)).isOne();
        assertThat(gazette.count("SELECT count(*) FROM suppression s JOIN subscriber x ON x.email_hash = s.email_hash "
                + "WHERE x.email = ?", full)).isOne();
        assertThat(relay.messageIdsOfAttempts(full)).isEmpty(); // refused at RCPT: no DATA ever
    }

    @Test
    void aPublicationSendsNoFasterThanItsOwnRate() throws Exception {
        Publication p = writer.publication(40);
        p.send();
        p.await("sent");

        double rate = rate(p.ofThis(relay.accepted()));
        System.out.printf("one publication: %.1f messages/s (its limit %d, the instance's %d)%n", rate, PUBLICATION_RATE,
                INSTANCE_RATE);
        // without its own limit it would go at the instance's 20/s
        assertThat(rate).isBetween(PUBLICATION_RATE * 0.3, PUBLICATION_RATE * 1.5);
    }

    @Test
    void sendsOfTwoPublicationsGoSideBySideAtTheInstancesRate() throws Exception {
        Publication first = writer.publication(40);
        Publication second = writer.publication(40);
        first.send();
        second.send(); // first come, first served would keep it waiting until the first send is done
        first.await("sent");
        second.await("sent");

        List<CapturedMessage> all = relay.accepted();
        List<CapturedMessage> both = new ArrayList<>(first.ofThis(all));
        both.addAll(second.ofThis(all));
        assertThat(both).hasSize(80);
        double rate = rate(both);
        System.out.printf("two publications: %.1f messages/s together (each one's limit %d, the instance's %d)%n", rate,
                PUBLICATION_RATE, INSTANCE_RATE);
        // one after the other they would go at one publication's 10/s; side by side at the instance's 20/s
        assertThat(rate).isBetween(PUBLICATION_RATE * 1.3, INSTANCE_RATE * 1.5);
        assertThat(first(second.ofThis(all))).as("the second send started before the first one ended")
                .isBefore(last(first.ofThis(all)));
    }

    @Test
    void bounceReportsAreRefusedWhileNoSecretIsConfigured() throws Exception {
        var refused = gazette.app().post("/api/v1/bounces", null, "application/json",
                "{\"type\":\"complaint\",\"email\":\"a@example.com\"}");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(AppProcess.field(refused.body(), "code")).isEqualTo("bounces_off");
    }

    private static Instant first(List<CapturedMessage> messages) {
        return messages.stream().map(CapturedMessage::receivedAt).min(Comparator.naturalOrder()).orElseThrow();
    }

    private static Instant last(List<CapturedMessage> messages) {
        return messages.stream().map(CapturedMessage::receivedAt).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** Messages per second between the first and the last message received. */
    private static double rate(List<CapturedMessage> messages) {
        assertThat(messages).hasSizeGreaterThan(10);
        List<CapturedMessage> sorted = messages.stream().sorted(Comparator.comparing(CapturedMessage::receivedAt)).toList();
        double seconds = Duration.between(sorted.get(0).receivedAt(), sorted.get(sorted.size() - 1).receivedAt())
                .toNanos() / 1e9;
        return (sorted.size() - 1) / seconds;
    }
}
