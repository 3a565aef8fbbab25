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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.AppProcess;
import dev.gazette.testing.ScriptedSmtpServer;

/**
 * {@code GAZETTE_DELIVERY_ENABLED=false}: an instance that serves the API but sends nothing. Each
 * instance names itself in its Message-IDs (its own host name), so the relay tells who sent what.
 * The instance that sends has an instance rate limit, measured from the relay's receive times.
 */
class DeliveryDisabledIT {

    private static final int RECIPIENTS = 40;
    private static final int INSTANCE_RATE = 10;

    @Test
    void anInstanceWithDeliveryOffSendsNothingAndAnotherOneSendsEverything() throws Exception {
        Path logs = Files.createTempDirectory("gazette-disabled-it");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                ScriptedSmtpServer relay = new ScriptedSmtpServer();
                AppProcess off = AppProcess.start(logs.resolve("off.log"), environment(postgres, relay, "off", false))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> off.log().contains("Delivery is off on this instance"));
            String email = "writer-" + UUID.randomUUID().toString().substring(0, 8) + "@it.example.com";
            assertThat(off.postJson("/api/v1/auth/signup", null, "{\"email\":\"" + email
                    + "\",\"password\":\"writer password for the IT\",\"name\":\"Writer\"}").statusCode()).isEqualTo(201);
            String writer = off.login(email, "writer password for the IT");
            String slug = "off-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(off.postJson("/api/v1/publications", writer, "{\"slug\":\"" + slug + "\",\"name\":\"Off\","
                    + "\"locale\":\"en\",\"senderName\":\"IT\",\"senderEmail\":\"letters@it.example.com\"}").statusCode())
                    .isEqualTo(201);
            StringBuilder csv = new StringBuilder("email\n");
            for (int i = 0; i < RECIPIENTS; i++) {
                csv.append(slug).append('-').append(i).append("@readers.example.com\n");
            }
            assertThat(off.post("/api/v1/publications/" + slug + "/subscribers/import", writer, "text/csv", csv.toString())
                    .statusCode()).isEqualTo(200);
            var issue = off.postJson("/api/v1/publications/" + slug + "/issues", writer,
                    "{\"title\":\"Hello\",\"bodyMarkdown\":\"A short letter.\"}");
            long issueId = Long.parseLong(AppProcess.field(issue.body(), "id"));
            assertThat(off.postJson("/api/v1/publications/" + slug + "/issues/" + issueId + "/send", writer, "{}")
                    .statusCode()).isEqualTo(202);
            // the send is started (its audience snapshotted) while only the instance with delivery off runs
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> count(postgres, "SELECT coalesce(max(total), 0) FROM send WHERE issue_id = ?",
                            issueId) == RECIPIENTS);

            try (AppProcess on = AppProcess.start(logs.resolve("on.log"), environment(postgres, relay, "on", true))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> off.get("/api/v1/publications/" + slug + "/issues/"
                        + issueId + "/progress", writer).body().contains("\"status\":\"sent\""));
            }
            List<CapturedMessage> received = relay.accepted();
            assertThat(received).hasSize(RECIPIENTS);
            // the instance with delivery off was up the whole time and sent none of them
            assertThat(received).allSatisfy(m -> assertThat(m.header("Message-ID")).get().asString()
                    .endsWith("@on.gazette.test>"));
            assertThat(count(postgres, "SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id "
                    + "WHERE s.issue_id = ? AND d.status = 'sent' AND d.attempts = 1", issueId)).isEqualTo(RECIPIENTS);

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

    private static Map<String, String> environment(EmbeddedPostgres postgres, ScriptedSmtpServer relay, String name,
            boolean delivery) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(relay.port()));
        env.put("QUARKUS_MAILER_TLS", "false");
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        env.put("QUARKUS_MAILER_OWN_HOST_NAME", name + ".gazette.test");
        env.put("GAZETTE_ADMIN_EMAIL", "admin@it.example.com");
        env.put("GAZETTE_ADMIN_PASSWORD", "admin password for the IT");
        env.put("GAZETTE_DELIVERY_ENABLED", Boolean.toString(delivery));
        env.put("GAZETTE_DELIVERY_RATE_PER_SECOND", Integer.toString(INSTANCE_RATE));
        env.put("GAZETTE_DELIVERY_START_CHECK", "200ms");
        env.put("GAZETTE_DELIVERY_FINISH_CHECK", "200ms");
        return env;
    }

    private static long count(EmbeddedPostgres postgres, String sql, Object... args) throws Exception {
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
