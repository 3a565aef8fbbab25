package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.gazette.testing.AppProcess;
import dev.gazette.testing.AppScenario;
import dev.gazette.testing.AppScenario.Publication;
import dev.gazette.testing.Gazette;
import dev.gazette.testing.ScriptedSmtpServer;
import dev.gazette.testing.ScriptedSmtpServer.Rule;
import dev.gazette.testing.ScriptedSmtpServer.Stage;

/**
 * How a send comes through faults that stop it or its instance, with the packaged application in a
 * child process: the database going away while outcomes are written, a restart after
 * {@code kill -9}, the relay refusing the sender or refusing on policy grounds, and the publication
 * being suspended mid-send.
 */
class DeliveryRecoveryIT {

    private static final String INSTANCE = "recovery-it-instance";
    private static final int LANES = 4;

    // the default lease (2 minutes): a row whose outcome was lost, or that a dead instance held,
    // would come back only after it
    @RegisterExtension
    static final Gazette gazette = Gazette.withApp("recovery", Map.of(
            "QUARKUS_MAILER_MAX_POOL_SIZE", Integer.toString(LANES),
            "QUARKUS_MAILER_OWN_HOST_NAME", "recovery.gazette.test",
            "GAZETTE_DELIVERY_RATE_PER_SECOND", "300",
            "GAZETTE_DELIVERY_RETRY_INITIAL_DELAY", "PT0.5S",
            "GAZETTE_DELIVERY_RETRY_MAX_DELAY", "PT1S",
            "GAZETTE_DELIVERY_CIRCUIT_OPEN_FOR", "PT0.5S",
            "GAZETTE_DELIVERY_INSTANCE_NAME", INSTANCE));

    private static ScriptedSmtpServer relay;
    private static AppScenario writer;
    private static AppScenario admin;

    @BeforeAll
    static void start() throws Exception {
        relay = gazette.relay();
        writer = AppScenario.writer(gazette::app);
        admin = AppScenario.admin(gazette::app);
    }

    @Test
    void theDatabaseGoingAwayWhileOutcomesAreWrittenSendsNoOneTwice() throws Exception {
        Publication f = writer.publicationWithOwnSender(3000);
        f.send();
        assertThat(relay.awaitAccepted(m -> f.received(m) >= 300, Duration.ofSeconds(60))).isTrue();
        // from another database: PostgreSQL does not close the one it is connected to
        try (Connection c = gazette.dataSource("template1").getConnection()) {
            try (Statement s = c.createStatement()) {
                // the database goes away: no new connection, every open one cut
                s.execute("ALTER DATABASE postgres ALLOW_CONNECTIONS false");
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'postgres' "
                        + "AND pid <> pg_backend_pid()");
            }
            long before = f.received(relay.accepted());
            // while it is away, the relay goes on taking what was already claimed
            assertThat(relay.awaitAccepted(m -> f.received(m) >= before + 100, Duration.ofSeconds(30))).isTrue();
            Thread.sleep(3000); // the outage lasts a while: the recorder fails again and again
            try (Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE postgres ALLOW_CONNECTIONS true");
            }
        }
        f.await("sent", Duration.ofMinutes(5));

        Map<String, Long> perAddress = f.perAddress(relay.accepted());
        assertThat(perAddress.keySet()).containsExactlyInAnyOrderElementsOf(f.addresses);
        assertThat(perAddress.entrySet()).filteredOn(e -> e.getValue() != 1).isEmpty();
        assertThat(gazette.count("SELECT sent_count FROM send WHERE issue_id = ?", f.issueId)).isEqualTo(3000);
    }

    @Test
    void aRestartedInstanceTakesItsOwnRowsBackAtOnce() throws Exception {
        Publication f = writer.publicationWithOwnSender(1500);
        f.send();
        assertThat(relay.awaitAccepted(m -> f.received(m) >= 300, Duration.ofSeconds(60))).isTrue();
        gazette.app().kill();
        Timestamp leasesEnd = gazette.timestamp("SELECT max(d.lease_until) FROM delivery d JOIN send s ON s.id = d.send_id "
                + "WHERE s.issue_id = ? AND d.lease_owner = ?", f.issueId, INSTANCE);
        assertThat(leasesEnd).as("the killed instance held rows").isNotNull();

        gazette.restartApp("app-restarted");
        f.await("sent", Duration.ofMinutes(5));

        assertThat(gazette.app().log()).contains("Took back");
        // everything went out before the killed instance's leases ended: nothing waited for them
        assertThat(
                gazette.timestamp("SELECT max(d.sent_at) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ?",
                        f.issueId))
                .isBefore(leasesEnd);
        Map<String, Long> perAddress = f.perAddress(relay.accepted());
        assertThat(perAddress.keySet()).containsExactlyInAnyOrderElementsOf(f.addresses);
        assertThat(perAddress.values().stream().mapToLong(n -> n - 1).sum()).isLessThanOrEqualTo(64); // in flight at the kill
    }

    @Test
    void aRefusedSenderPausesTheSendAndBouncesNoOne() throws Exception {
        Publication f = writer.publicationWithOwnSender(20);
        relay.rule(f.sender, new Rule(Stage.MAIL, "553 5.1.8 <" + f.sender + ">: Sender address rejected: Domain not found",
                -1));

        f.send();
        f.await("paused", Duration.ofMinutes(2));

        assertThat(AppProcess.field(f.progress(), "pauseReason")).contains("553 5.1.8");
        assertThat(gazette.count("SELECT count(*) FROM subscriber WHERE email LIKE ? AND status = 'active'", f.slug + "-%"))
                .isEqualTo(20);
        assertThat(gazette.count("SELECT count(*) FROM suppression x JOIN subscriber s ON s.email_hash = x.email_hash "
                + "WHERE s.email LIKE ?", f.slug + "-%")).isZero();
        assertThat(gazette.count("SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ? "
                + "AND (d.status = 'failed' OR d.bounce IS NOT NULL)", f.issueId)).isZero();

        relay.clearRule(f.sender); // the operator fixed the sender's domain
        assertThat(f.post("/resume", "{}").statusCode()).isEqualTo(202);
        f.await("sent", Duration.ofMinutes(2));
        assertThat(f.perAddress(relay.accepted()).values()).hasSize(20).allMatch(n -> n == 1);
    }

    @Test
    void aPolicyRefusalStopsTheBatchAtTheFirstReply() throws Exception {
        Publication f = writer.publicationWithOwnSender(200);
        for (String address : f.addresses) {
            relay.rule(address, new Rule(Stage.DATA, "554 5.7.1 Message rejected as spam", -1));
        }

        f.send();
        f.await("paused", Duration.ofMinutes(2));
        // at most what each relay connection had under way when the first refusal came back; every
        // other row untouched once what the lanes held is written down (a batch gives its unsent rows
        // back when its last message is done, which may come after the send shows paused)
        String untouched = "SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ? "
                + "AND d.status = 'queued' AND d.attempts = 0 AND d.last_code IS NULL AND d.lease_owner IS NULL";
        await("the rows not tried are given back untouched").atMost(Duration.ofSeconds(30))
                .until(() -> gazette.count(untouched, f.issueId) == 200 - refused(f));
        long refused = refused(f);
        assertThat(refused).isBetween(1L, 2L * LANES + 1);
        assertThat(gazette.count(untouched, f.issueId)).isEqualTo(200 - refused);

        f.addresses.forEach(relay::clearRule);
        assertThat(f.post("/resume", "{}").statusCode()).isEqualTo(202);
        f.await("sent", Duration.ofMinutes(2));
        assertThat(f.perAddress(relay.accepted()).values()).hasSize(200).allMatch(n -> n == 1);
    }

    @Test
    void suspendingThePublicationStopsItsSendUntilItIsReinstated() throws Exception {
        Publication f = writer.publicationWithOwnSender(1500);
        f.send();
        assertThat(relay.awaitAccepted(m -> f.received(m) >= 100, Duration.ofSeconds(60))).isTrue();
        assertThat(gazette.app().postJson("/api/v1/admin/publications/" + f.slug + "/suspend", admin.token(),
                "{\"reason\":\"spam complaints\"}").statusCode()).isEqualTo(200);

        f.await("paused", Duration.ofSeconds(30));
        assertThat(AppProcess.field(f.progress(), "pauseReason")).contains("suspended")
                .contains("spam complaints");
        long stopped = awaitSteady(f);
        assertThat(stopped).isLessThan(1500);

        var test = f.post("/test", "{\"to\":[\"tester@recovery.example.com\"]}");
        assertThat(test.statusCode()).isEqualTo(409);
        assertThat(AppProcess.field(test.body(), "code")).isEqualTo("publication_suspended");
        var resume = f.post("/resume", "{}");
        assertThat(resume.statusCode()).isEqualTo(409);
        assertThat(AppProcess.field(resume.body(), "code")).isEqualTo("publication_suspended");
        assertThat(f.received(relay.accepted())).isEqualTo(stopped);

        assertThat(
                gazette.app().postJson("/api/v1/admin/publications/" + f.slug + "/reinstate", admin.token(), "{}").statusCode())
                .isEqualTo(200);
        assertThat(f.post("/resume", "{}").statusCode()).isEqualTo(202);
        f.await("sent", Duration.ofMinutes(2));
        Map<String, Long> perAddress = f.perAddress(relay.accepted());
        assertThat(perAddress.keySet()).containsExactlyInAnyOrderElementsOf(f.addresses);
        assertThat(perAddress.values()).allMatch(n -> n == 1);
    }

    /** How many of this publication's messages the relay refused at DATA. */
    private static long refused(Publication f) {
        return f.addresses.stream().mapToLong(a -> relay.messageIdsOfAttempts(a).size()).sum();
    }

    /** The messages received once what was in flight has landed: the count no longer moves for a second and a half. */
    private static long awaitSteady(Publication f) {
        AtomicLong last = new AtomicLong(-1);
        await("messages stop arriving").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1500))
                .until(() -> {
                    long now = f.received(relay.accepted());
                    return now == last.getAndSet(now);
                });
        return last.get();
    }
}
