package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * The engine's limits, with small settings so that they bite within seconds: giving up at
 * {@code retry.max-age}, suppression at {@code soft-bounce-limit}, a publication's sending rate
 * (measured from the relay's receive times, against generous bounds; the instance's rate is measured
 * in {@link DeliveryDisabledIT}), and bounce reports refused while no secret is configured. One packaged application, one
 * PostgreSQL; every test has its own publications.
 */
class DeliveryLimitsIT {

    private static final int INSTANCE_RATE = 20;
    private static final int PUBLICATION_RATE = 10;
    private static final Duration MAX_AGE = Duration.ofSeconds(3);
    private static final String WRITER_PASSWORD = "writer password for the IT";

    private static EmbeddedPostgres postgres;
    private static ScriptedSmtpServer relay;
    private static AppProcess app;
    private static String writer;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        relay = new ScriptedSmtpServer();
        Path logs = Files.createTempDirectory("gazette-limits-it");
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(relay.port()));
        env.put("QUARKUS_MAILER_TLS", "false");
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        env.put("QUARKUS_MAILER_OWN_HOST_NAME", "limits.gazette.test");
        env.put("GAZETTE_ADMIN_EMAIL", "admin@it.example.com");
        env.put("GAZETTE_ADMIN_PASSWORD", "admin password for the IT");
        env.put("GAZETTE_AUTH_SIGNUP_PER_MINUTE", "1000");
        env.put("GAZETTE_AUTH_LOGIN_PER_MINUTE", "1000");
        env.put("GAZETTE_DELIVERY_START_CHECK", "200ms");
        env.put("GAZETTE_DELIVERY_FINISH_CHECK", "200ms");
        env.put("GAZETTE_DELIVERY_POLL_INTERVAL", "PT0.1S");
        env.put("GAZETTE_DELIVERY_RATE_PER_SECOND", Integer.toString(INSTANCE_RATE));
        env.put("GAZETTE_DELIVERY_PUBLICATION_RATE_PER_SECOND", Integer.toString(PUBLICATION_RATE));
        env.put("GAZETTE_DELIVERY_RETRY_INITIAL_DELAY", "PT0.5S");
        env.put("GAZETTE_DELIVERY_RETRY_MAX_DELAY", "PT1S");
        env.put("GAZETTE_DELIVERY_RETRY_MAX_AGE", MAX_AGE.toString());
        env.put("GAZETTE_DELIVERY_RETRY_SOFT_BOUNCE_LIMIT", "2");
        app = AppProcess.start(logs.resolve("app.log"), env);
        String email = "writer-" + UUID.randomUUID().toString().substring(0, 8) + "@it.example.com";
        assertThat(app.postJson("/api/v1/auth/signup", null, "{\"email\":\"" + email + "\",\"password\":\""
                + WRITER_PASSWORD + "\",\"name\":\"Writer\"}").statusCode()).isEqualTo(201);
        writer = app.login(email, WRITER_PASSWORD);
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

    @Test
    void aRecipientStillRefusedTransientlyAtMaxAgeFailsAndStaysSubscribed() throws Exception {
        Publication p = new Publication(1);
        String greylisted = p.add("forever-greylisted");
        relay.rule(greylisted, new Rule(Stage.RCPT, "451 4.7.1 Greylisted, try again later", -1));

        p.send();
        p.await("sent");

        assertThat(count("SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id JOIN subscriber x "
                + "ON x.id = d.subscriber_id WHERE s.issue_id = ? AND x.email = ? AND d.status = 'failed' "
                + "AND d.last_code = 451 AND d.attempts >= 2 AND d.bounce IS NULL "
                + "AND d.failed_at >= s.started_at + interval '3 seconds'", p.issueId, greylisted))
                .as("retried, then failed once the send was older than max-age, not before").isOne();
        assertThat(count("SELECT count(*) FROM subscriber WHERE email = ? AND status = 'active'", greylisted)).isOne();
        assertThat(relay.acceptedFor(p.addresses.get(0))).isOne();
    }

    @Test
    void aMailboxFullAtTheSoftBounceLimitIsSuppressed() throws Exception {
        Publication p = new Publication(1);
        String full = p.add("mailbox-full");
        relay.rule(full, new Rule(Stage.RCPT, "452 4.2.2 Mailbox full", -1));

        p.send();
        p.await("sent");

        // two soft bounces (the limit in this IT), well before max-age: failed, soft, suppressed
        assertThat(count("SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id JOIN subscriber x "
                + "ON x.id = d.subscriber_id WHERE s.issue_id = ? AND x.email = ? AND d.status = 'failed' "
                + "AND d.bounce = 'soft' AND d.attempts = 2 AND d.last_status = '4.2.2'", p.issueId, full)).isOne();
        assertThat(count("SELECT count FROM soft_bounce b JOIN subscriber x ON x.id = b.subscriber_id WHERE x.email = ?",
                full)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM subscriber WHERE email = ? AND status = 'bounced'", full)).isOne();
        assertThat(count("SELECT count(*) FROM suppression s JOIN subscriber x ON x.email_hash = s.email_hash "
                + "WHERE x.email = ?", full)).isOne();
        assertThat(relay.messageIdsOfAttempts(full)).isEmpty(); // refused at RCPT: no DATA ever
    }

    @Test
    void aPublicationSendsNoFasterThanItsOwnRate() throws Exception {
        Publication p = new Publication(40);
        p.send();
        p.await("sent");

        double rate = rate(p.received());
        System.out.printf("one publication: %.1f messages/s (its limit %d, the instance's %d)%n", rate, PUBLICATION_RATE,
                INSTANCE_RATE);
        // without its own limit it would go at the instance's 20/s
        assertThat(rate).isBetween(PUBLICATION_RATE * 0.3, PUBLICATION_RATE * 1.5);
    }

    @Test
    void bounceReportsAreRefusedWhileNoSecretIsConfigured() throws Exception {
        var refused = app.post("/api/v1/bounces", null, "application/json",
                "{\"type\":\"complaint\",\"email\":\"a@example.com\"}");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(AppProcess.field(refused.body(), "code")).isEqualTo("bounces_off");
    }

    /** Messages per second between the first and the last message received. */
    private static double rate(List<CapturedMessage> messages) {
        assertThat(messages).hasSizeGreaterThan(10);
        List<CapturedMessage> sorted = messages.stream().sorted(Comparator.comparing(CapturedMessage::receivedAt)).toList();
        double seconds = Duration.between(sorted.get(0).receivedAt(), sorted.get(sorted.size() - 1).receivedAt())
                .toNanos() / 1e9;
        return (sorted.size() - 1) / seconds;
    }

    /** A publication of its own with {@code n} subscribers and a draft issue. */
    private static final class Publication {
        final String slug = "lim-" + UUID.randomUUID().toString().substring(0, 8);
        final List<String> addresses = new ArrayList<>();
        final long issueId;

        Publication(int n) throws Exception {
            assertThat(app.postJson("/api/v1/publications", writer, "{\"slug\":\"" + slug + "\",\"name\":\"IT " + slug
                    + "\",\"locale\":\"en\",\"senderName\":\"IT\",\"senderEmail\":\"letters@it.example.com\"}").statusCode())
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

        String add(String name) throws Exception {
            String address = slug + "-" + name + "@readers.example.com";
            var created = app.postJson("/api/v1/publications/" + slug + "/subscribers", writer,
                    "{\"email\":\"" + address + "\",\"name\":\"" + name + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            addresses.add(address);
            return address;
        }

        void send() throws Exception {
            var sent = app.postJson("/api/v1/publications/" + slug + "/issues/" + issueId + "/send", writer, "{}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        }

        void await(String status) {
            awaitStatus(this, status);
        }

        List<CapturedMessage> received() {
            return relay.accepted().stream().filter(m -> m.recipients().stream().anyMatch(r -> r.startsWith(slug + "-")))
                    .toList();
        }
    }

    private static void awaitStatus(Publication p, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> app.get(
                "/api/v1/publications/" + p.slug + "/issues/" + p.issueId + "/progress", writer).body()
                .contains("\"status\":\"" + status + "\""));
    }

    private static long count(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
