package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.gazette.testing.AppProcess;
import dev.gazette.testing.AppScenario;
import dev.gazette.testing.AppScenario.Publication;
import dev.gazette.testing.Gazette;
import dev.gazette.testing.ScriptedSmtpServer;

/** A DKIM key file in PEM, as {@code openssl genpkey} writes it, signs every mail; a bad one stops the start. */
class DkimStartupIT {

    @RegisterExtension
    static final Gazette gazette = Gazette.of("dkim", Map.of(
            "QUARKUS_MAILER_DKIM_ENABLED", "true",
            "QUARKUS_MAILER_DKIM_SELECTOR", "it",
            "QUARKUS_MAILER_DKIM_SDID", "dkim.example.com"));

    @TempDir
    static Path work;

    @Test
    void aPemKeyFileSignsIssuesAndOtherMail() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path key = work.resolve("dkim.pem");
        Files.writeString(key,
                "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        try (AppProcess app = gazette.boot("pem", key(key))) {
            AppScenario writer = AppScenario.writer(() -> app);
            Publication p = writer.publication(0, "letters@dkim.example.com");
            String reader = p.add("reader");
            String tester = writer.email(); // test sends go to the writer's own address only

            var test = p.post("/test", "{\"to\":[\"" + tester + "\"]}");
            assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
            p.send();

            ScriptedSmtpServer relay = gazette.relay();
            assertThat(relay.awaitAccepted(m -> m.stream().anyMatch(x -> x.recipients().contains(reader))
                    && m.stream().anyMatch(x -> x.recipients().contains(tester)), Duration.ofSeconds(60))).isTrue();
            assertThat(relay.accepted()).filteredOn(m -> m.recipients().get(0).endsWith("@readers.example.com"))
                    .allMatch(m -> m.header("DKIM-Signature").orElse("").contains("d=dkim.example.com"));
        }
    }

    @Test
    void aKeyThatCannotBeUsedStopsTheStartWithTheReason() throws Exception {
        Path key = work.resolve("bad.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> gazette.boot("bad", key(key)))
                .hasMessageContaining("The DKIM settings are not usable");
    }

    private static Map<String, String> key(Path key) {
        return Map.of("QUARKUS_MAILER_DKIM_PRIVATE_KEY_PATH", key.toString());
    }
}
