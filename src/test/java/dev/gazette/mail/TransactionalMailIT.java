package dev.gazette.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.AppProcess;
import dev.gazette.testing.ScriptedSmtpServer;
import dev.gazette.testing.ScriptedSmtpServer.Rule;
import dev.gazette.testing.ScriptedSmtpServer.Stage;

/**
 * Transactional mail against a relay that misbehaves on purpose, with the packaged application
 * in a child process: a confirmation asked for while the relay is down arrives once it is back,
 * even across a {@code kill -9}, and a permanent refusal ends failed with the relay's reply.
 */
class TransactionalMailIT {

    private static final String ADMIN = "admin@mail-it.example.com";
    private static final String ADMIN_PASSWORD = "admin password for the mail IT";

    private static EmbeddedPostgres postgres;
    private static ScriptedSmtpServer relay;
    private static Path logs;
    private static AppProcess app;
    private static String slug;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        relay = new ScriptedSmtpServer();
        logs = Files.createTempDirectory("gazette-mail-it");
        app = AppProcess.start(logs.resolve("app.log"), environment());
        String admin = app.login(ADMIN, ADMIN_PASSWORD);
        slug = "mail-it-" + UUID.randomUUID().toString().substring(0, 8);
        var created = app.postJson("/api/v1/publications", admin, "{\"slug\":\"" + slug + "\",\"name\":\"Mail IT\","
                + "\"locale\":\"en\",\"senderName\":\"IT\",\"senderEmail\":\"letters@it.example.com\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
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
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        env.put("QUARKUS_MAILER_OWN_HOST_NAME", "mail-it.gazette.test");
        env.put("GAZETTE_ADMIN_EMAIL", ADMIN);
        env.put("GAZETTE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("GAZETTE_DELIVERY_RETRY_INITIAL_DELAY", "PT0.5S");
        env.put("GAZETTE_DELIVERY_RETRY_MAX_DELAY", "PT1S");
        env.put("GAZETTE_DELIVERY_CIRCUIT_OPEN_FOR", "PT0.5S");
        env.put("GAZETTE_DELIVERY_LEASE", "PT10S");
        return env;
    }

    @Test
    void aConfirmationAskedForWhileTheRelayIsDownArrivesOnceItIsBack() throws Exception {
        String email = "down-" + UUID.randomUUID().toString().substring(0, 8) + "@readers.example.com";
        relay.goDown();
        try {
            var page = subscribe(email);
            assertThat(page.statusCode()).isEqualTo(200);
            // the lane tried and the relay was not there: the mail waits, queued, with the reason
            awaitCount("SELECT count(*) FROM mail WHERE recipient = ? AND state = 'queued' AND last_reply IS NOT NULL", email);
        } finally {
            relay.comeBack();
        }

        assertThat(relay.awaitAccepted(all -> all.stream().anyMatch(m -> m.recipients().contains(email)),
                Duration.ofSeconds(30))).isTrue();
        awaitCount("SELECT count(*) FROM mail WHERE recipient = ? AND state = 'sent' AND last_code = 250", email);
        assertThat(relay.acceptedFor(email)).isOne();
        assertThat(relay.accepted().stream().filter(m -> m.recipients().contains(email)).findFirst().orElseThrow()
                .rawText()).contains("/confirm/").contains("@mail-it.gazette.test>");
    }

    @Test
    void aConfirmationWaitingWhenTheInstanceIsKilledIsSentAfterTheRestart() throws Exception {
        String email = "killed-" + UUID.randomUUID().toString().substring(0, 8) + "@readers.example.com";
        relay.goDown();
        try {
            assertThat(subscribe(email).statusCode()).isEqualTo(200);
            awaitCount("SELECT count(*) FROM mail WHERE recipient = ? AND state = 'queued' AND last_reply IS NOT NULL", email);
            app.kill();
        } finally {
            relay.comeBack();
        }
        app = AppProcess.start(logs.resolve("app-restarted.log"), environment());

        assertThat(relay.awaitAccepted(all -> all.stream().anyMatch(m -> m.recipients().contains(email)),
                Duration.ofSeconds(60))).isTrue();
        awaitCount("SELECT count(*) FROM mail WHERE recipient = ? AND state = 'sent'", email);
        assertThat(relay.acceptedFor(email)).isOne();
    }

    @Test
    void aPermanentRefusalEndsFailedWithTheRelaysReply() throws Exception {
        String email = "refused-" + UUID.randomUUID().toString().substring(0, 8) + "@readers.example.com";
        relay.rule(email, new Rule(Stage.RCPT, "550 5.1.1 Recipient address rejected: User unknown", -1));

        assertThat(subscribe(email).statusCode()).isEqualTo(200);

        awaitCount("SELECT count(*) FROM mail WHERE recipient = ? AND state = 'failed' AND last_code = 550 "
                + "AND last_reply LIKE '%5.1.1%' AND attempts = 1 AND failed_at IS NOT NULL", email);
        String admin = app.login(ADMIN, ADMIN_PASSWORD);
        var failed = app.get("/api/v1/admin/mail?state=failed", admin);
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.body()).contains(email).contains("User unknown").doesNotContain("\"state\":\"sent\"");
        assertThat(relay.acceptedFor(email)).isZero();
    }

    private static java.net.http.HttpResponse<String> subscribe(String email) throws Exception {
        return app.post("/p/" + slug + "/subscribe", null, "application/x-www-form-urlencoded",
                "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
    }

    private static void awaitCount(String sql, Object... args) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (count(sql, args) == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not so in time: " + sql);
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
