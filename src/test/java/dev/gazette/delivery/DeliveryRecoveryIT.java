package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.AppProcess;
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

    private static final String ADMIN = "admin@recovery.example.com";
    private static final String ADMIN_PASSWORD = "admin password for the recovery IT";
    private static final String WRITER_PASSWORD = "writer password for the recovery IT";
    private static final String INSTANCE = "recovery-it-instance";
    private static final int LANES = 4;

    private static EmbeddedPostgres postgres;
    private static ScriptedSmtpServer relay;
    private static Path logs;
    private static AppProcess app;
    private static String writer;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        relay = new ScriptedSmtpServer();
        logs = Files.createTempDirectory("gazette-recovery-it");
        app = AppProcess.start(logs.resolve("app.log"), environment());
        String email = "writer-" + UUID.randomUUID().toString().substring(0, 8) + "@recovery.example.com";
        assertThat(app.postJson("/api/v1/auth/signup", null, "{\"email\":\"" + email + "\",\"password\":\""
                + WRITER_PASSWORD + "\",\"name\":\"Writer\"}").statusCode()).isEqualTo(201);
        writer = app.login(email, WRITER_PASSWORD);
        admin = app.login(ADMIN, ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(relay.port()));
        env.put("QUARKUS_MAILER_TLS", "false");
        env.put("QUARKUS_MAILER_MAX_POOL_SIZE", Integer.toString(LANES));
        env.put("QUARKUS_MAILER_OWN_HOST_NAME", "recovery.gazette.test");
        env.put("GAZETTE_ADMIN_EMAIL", ADMIN);
        env.put("GAZETTE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("GAZETTE_AUTH_SIGNUP_PER_MINUTE", "1000");
        env.put("GAZETTE_AUTH_LOGIN_PER_MINUTE", "1000");
        env.put("GAZETTE_DELIVERY_RATE_PER_SECOND", "300");
        env.put("GAZETTE_DELIVERY_RETRY_INITIAL_DELAY", "PT0.5S");
        env.put("GAZETTE_DELIVERY_RETRY_MAX_DELAY", "PT1S");
        env.put("GAZETTE_DELIVERY_CIRCUIT_OPEN_FOR", "PT0.5S");
        env.put("GAZETTE_DELIVERY_INSTANCE_NAME", INSTANCE);
        // the default lease (2 minutes): a row whose outcome was lost, or that a dead instance held,
        // would come back only after it
        return env;
    }

    @Test
    void theDatabaseGoingAwayWhileOutcomesAreWrittenSendsNoOneTwice() throws Exception {
        Fixture f = new Fixture(3000);
        f.send();
        assertThat(relay.awaitAccepted(m -> f.received(m) >= 300, Duration.ofSeconds(60))).isTrue();
        // from another database: PostgreSQL does not close the one it is connected to
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "template1"), "postgres",
                "postgres")) {
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
        assertThat(count("SELECT sent_count FROM send WHERE issue_id = ?", f.issueId)).isEqualTo(3000);
    }

    @Test
    void aRestartedInstanceTakesItsOwnRowsBackAtOnce() throws Exception {
        Fixture f = new Fixture(1500);
        f.send();
        assertThat(relay.awaitAccepted(m -> f.received(m) >= 300, Duration.ofSeconds(60))).isTrue();
        app.kill();
        Timestamp leasesEnd = timestamp("SELECT max(d.lease_until) FROM delivery d JOIN send s ON s.id = d.send_id "
                + "WHERE s.issue_id = ? AND d.lease_owner = ?", f.issueId, INSTANCE);
        assertThat(leasesEnd).as("the killed instance held rows").isNotNull();

        app = AppProcess.start(logs.resolve("app-restarted.log"), environment());
        f.await("sent", Duration.ofMinutes(5));

        assertThat(app.log()).contains("Took back");
        // everything went out before the killed instance's leases ended: nothing waited for them
        assertThat(timestamp("SELECT max(d.sent_at) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ?",
                f.issueId)).isBefore(leasesEnd);
        Map<String, Long> perAddress = f.perAddress(relay.accepted());
        assertThat(perAddress.keySet()).containsExactlyInAnyOrderElementsOf(f.addresses);
        assertThat(perAddress.values().stream().mapToLong(n -> n - 1).sum()).isLessThanOrEqualTo(64); // in flight at the kill
    }

    @Test
    void aRefusedSenderPausesTheSendAndBouncesNoOne() throws Exception {
        Fixture f = new Fixture(20);
        relay.rule(f.sender, new Rule(Stage.MAIL, "553 5.1.8 <" + f.sender + ">: Sender address rejected: Domain not found",
                -1));

        f.send();
        f.await("paused", Duration.ofMinutes(2));

        assertThat(AppProcess.field(app.get(f.path("/progress"), writer).body(), "pauseReason")).contains("553 5.1.8");
        assertThat(count("SELECT count(*) FROM subscriber WHERE email LIKE ? AND status = 'active'", f.slug + "-%"))
                .isEqualTo(20);
        assertThat(count("SELECT count(*) FROM suppression x JOIN subscriber s ON s.email_hash = x.email_hash "
                + "WHERE s.email LIKE ?", f.slug + "-%")).isZero();
        assertThat(count("SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ? "
                + "AND (d.status = 'failed' OR d.bounce IS NOT NULL)", f.issueId)).isZero();

        relay.clearRule(f.sender); // the operator fixed the sender's domain
        assertThat(app.postJson(f.path("/resume"), writer, "{}").statusCode()).isEqualTo(202);
        f.await("sent", Duration.ofMinutes(2));
        assertThat(f.perAddress(relay.accepted()).values()).hasSize(20).allMatch(n -> n == 1);
    }

    @Test
    void aPolicyRefusalStopsTheBatchAtTheFirstReply() throws Exception {
        Fixture f = new Fixture(200);
        for (String address : f.addresses) {
            relay.rule(address, new Rule(Stage.DATA, "554 5.7.1 Message rejected as spam", -1));
        }

        f.send();
        f.await("paused", Duration.ofMinutes(2));

        long refused = f.addresses.stream().mapToLong(a -> relay.messageIdsOfAttempts(a).size()).sum();
        // at most what each relay connection had under way when the first refusal came back
        assertThat(refused).isBetween(1L, 2L * LANES + 1);
        assertThat(count("SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ? "
                + "AND d.status = 'queued' AND d.attempts = 0 AND d.last_code IS NULL AND d.lease_owner IS NULL",
                f.issueId)).isEqualTo(200 - refused);

        f.addresses.forEach(relay::clearRule);
        assertThat(app.postJson(f.path("/resume"), writer, "{}").statusCode()).isEqualTo(202);
        f.await("sent", Duration.ofMinutes(2));
        assertThat(f.perAddress(relay.accepted()).values()).hasSize(200).allMatch(n -> n == 1);
    }

    @Test
    void suspendingThePublicationStopsItsSendUntilItIsReinstated() throws Exception {
        Fixture f = new Fixture(1500);
        f.send();
        assertThat(relay.awaitAccepted(m -> f.received(m) >= 100, Duration.ofSeconds(60))).isTrue();
        assertThat(app.postJson("/api/v1/admin/publications/" + f.slug + "/suspend", admin,
                "{\"reason\":\"spam complaints\"}").statusCode()).isEqualTo(200);

        f.await("paused", Duration.ofSeconds(30));
        assertThat(AppProcess.field(app.get(f.path("/progress"), writer).body(), "pauseReason")).contains("suspended")
                .contains("spam complaints");
        long stopped = awaitSteady(f);
        assertThat(stopped).isLessThan(1500);

        var test = app.postJson(f.path("/test"), writer, "{\"to\":[\"tester@recovery.example.com\"]}");
        assertThat(test.statusCode()).isEqualTo(409);
        assertThat(AppProcess.field(test.body(), "code")).isEqualTo("publication_suspended");
        var resume = app.postJson(f.path("/resume"), writer, "{}");
        assertThat(resume.statusCode()).isEqualTo(409);
        assertThat(AppProcess.field(resume.body(), "code")).isEqualTo("publication_suspended");
        assertThat(f.received(relay.accepted())).isEqualTo(stopped);

        assertThat(app.postJson("/api/v1/admin/publications/" + f.slug + "/reinstate", admin, "{}").statusCode())
                .isEqualTo(200);
        assertThat(app.postJson(f.path("/resume"), writer, "{}").statusCode()).isEqualTo(202);
        f.await("sent", Duration.ofMinutes(2));
        Map<String, Long> perAddress = f.perAddress(relay.accepted());
        assertThat(perAddress.keySet()).containsExactlyInAnyOrderElementsOf(f.addresses);
        assertThat(perAddress.values()).allMatch(n -> n == 1);
    }

    /** The messages received once what was in flight has landed: the count no longer moves for a second and a half. */
    private static long awaitSteady(Fixture f) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        long last = -1;
        while (Instant.now().isBefore(deadline)) {
            long now = f.received(relay.accepted());
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(1500);
        }
        throw new AssertionError("messages kept arriving: " + last);
    }

    /** A publication of its own (with its own sender address), {@code n} subscribers and a draft issue. */
    private static final class Fixture {
        final String slug = "rc-" + UUID.randomUUID().toString().substring(0, 8);
        final String sender = slug + "@senders.example.com";
        final List<String> addresses = new ArrayList<>();
        final long issueId;

        Fixture(int n) throws Exception {
            assertThat(app.postJson("/api/v1/publications", writer, "{\"slug\":\"" + slug + "\",\"name\":\"IT " + slug
                    + "\",\"locale\":\"en\",\"senderName\":\"IT\",\"senderEmail\":\"" + sender + "\"}").statusCode())
                    .isEqualTo(201);
            StringBuilder csv = new StringBuilder("email,name\n");
            for (int i = 0; i < n; i++) {
                String address = slug + "-" + i + "@readers.example.com";
                addresses.add(address);
                csv.append(address).append(",Reader ").append(i).append('\n');
            }
            var imported = app.post("/api/v1/publications/" + slug + "/subscribers/import", writer, "text/csv", csv.toString());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            var created = app.postJson("/api/v1/publications/" + slug + "/issues", writer,
                    "{\"title\":\"Issue\",\"slug\":\"first\",\"bodyMarkdown\":\"# Hello\\n\\nA short letter.\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            issueId = Long.parseLong(AppProcess.field(created.body(), "id"));
        }

        String path(String suffix) {
            return "/api/v1/publications/" + slug + "/issues/" + issueId + suffix;
        }

        void send() throws Exception {
            var sent = app.postJson(path("/send"), writer, "{}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        }

        void await(String status, Duration within) throws Exception {
            Instant deadline = Instant.now().plus(within);
            String last = "";
            while (Instant.now().isBefore(deadline)) {
                try {
                    last = app.get(path("/progress"), writer).body();
                } catch (java.io.IOException notAnswering) {
                    last = notAnswering.toString();
                }
                if (last.contains("\"status\":\"" + status + "\"")) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("issue " + issueId + " not " + status + " in time: " + last);
        }

        long received(List<CapturedMessage> messages) {
            return messages.stream().filter(m -> m.recipients().stream().anyMatch(r -> r.startsWith(slug + "-"))).count();
        }

        Map<String, Long> perAddress(List<CapturedMessage> messages) {
            return messages.stream().flatMap(m -> m.recipients().stream()).filter(r -> r.startsWith(slug + "-"))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    private static long count(String sql, Object... args) throws Exception {
        try (Connection c = connect(); PreparedStatement s = prepared(c, sql, args); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Timestamp timestamp(String sql, Object... args) throws Exception {
        try (Connection c = connect(); PreparedStatement s = prepared(c, sql, args); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getTimestamp(1);
        }
    }

    private static PreparedStatement prepared(Connection c, String sql, Object... args) throws Exception {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
        return s;
    }
}
