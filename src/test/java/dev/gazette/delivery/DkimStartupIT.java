package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.AppProcess;
import dev.gazette.testing.ScriptedSmtpServer;

/** A DKIM key file in PEM, as {@code openssl genpkey} writes it, signs every mail; a bad one stops the start. */
class DkimStartupIT {

    private static EmbeddedPostgres postgres;
    private static ScriptedSmtpServer relay;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        relay = new ScriptedSmtpServer();
        work = Files.createTempDirectory("gazette-dkim-it");
    }

    @AfterAll
    static void stop() throws Exception {
        relay.close();
        postgres.close();
    }

    @Test
    void aPemKeyFileSignsIssuesAndOtherMail() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path key = work.resolve("dkim.pem");
        Files.writeString(key,
                "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        try (AppProcess app = AppProcess.start(work.resolve("pem.log"), environment(key))) {
            String email = "writer-" + UUID.randomUUID().toString().substring(0, 8) + "@dkim.example.com";
            assertThat(app.postJson("/api/v1/auth/signup", null, "{\"email\":\"" + email
                    + "\",\"password\":\"a writer's password\",\"name\":\"W\"}").statusCode()).isEqualTo(201);
            String token = app.login(email, "a writer's password");
            assertThat(app.postJson("/api/v1/publications", token, "{\"slug\":\"dkim-pem\",\"name\":\"DKIM\",\"locale\":\"en\","
                    + "\"senderName\":\"D\",\"senderEmail\":\"letters@dkim.example.com\"}").statusCode()).isEqualTo(201);
            assertThat(app.postJson("/api/v1/publications/dkim-pem/subscribers", token,
                    "{\"email\":\"reader@readers.example.com\",\"name\":\"R\"}").statusCode()).isEqualTo(201);
            var issue = app.postJson("/api/v1/publications/dkim-pem/issues", token,
                    "{\"title\":\"Signed\",\"slug\":\"signed\",\"bodyMarkdown\":\"Hello\"}");
            String path = "/api/v1/publications/dkim-pem/issues/" + AppProcess.field(issue.body(), "id");

            var test = app.postJson(path + "/test", token, "{\"to\":[\"tester@readers.example.com\"]}");
            assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
            var send = app.postJson(path + "/send", token, "{}");
            assertThat(send.statusCode()).as(send.body()).isEqualTo(202);

            assertThat(relay.awaitAccepted(m -> m.stream().anyMatch(x -> x.recipients().contains("reader@readers.example.com"))
                    && m.stream().anyMatch(x -> x.recipients().contains("tester@readers.example.com")),
                    Duration.ofSeconds(60))).isTrue();
            assertThat(relay.accepted()).filteredOn(m -> m.recipients().get(0).endsWith("@readers.example.com"))
                    .allMatch(m -> m.header("DKIM-Signature").orElse("").contains("d=dkim.example.com"));
        }
    }

    @Test
    void aKeyThatCannotBeUsedStopsTheStartWithTheReason() throws Exception {
        Path key = work.resolve("bad.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> AppProcess.start(work.resolve("bad.log"), environment(key)))
                .hasMessageContaining("The DKIM settings are not usable");
    }

    private static Map<String, String> environment(Path key) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(relay.port()));
        env.put("QUARKUS_MAILER_DKIM_ENABLED", "true");
        env.put("QUARKUS_MAILER_DKIM_PRIVATE_KEY_PATH", key.toString());
        env.put("QUARKUS_MAILER_DKIM_SELECTOR", "it");
        env.put("QUARKUS_MAILER_DKIM_SDID", "dkim.example.com");
        env.put("GAZETTE_ADMIN_EMAIL", "admin@dkim.example.com");
        env.put("GAZETTE_ADMIN_PASSWORD", "admin password for the DKIM IT");
        return env;
    }
}
