package dev.gazette.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.AppProcess;

/**
 * The packaged application on its embedded defaults, as a newcomer runs it: it starts with no
 * database or relay configured, serves the operations endpoints, keeps its data across restarts,
 * and comes back after {@code kill -9} (the embedded PostgreSQL outlives the JVM then).
 */
class EmbeddedDefaultsIT {

    private static final Pattern PASSWORD = Pattern.compile("password:\\s+(\\S+)");

    private AppProcess app;
    private Path work;

    @Test
    void startsOnEmbeddedDefaultsKeepsDataAndSurvivesKillMinus9() throws Exception {
        work = Files.createTempDirectory("gazette-it");
        Map<String, String> env = Map.of(
                "GAZETTE_EMBEDDED_SMTP_PORT", "0",
                "GAZETTE_EMBEDDED_POSTGRES_DATA_DIR", work.resolve("pg").toString());

        app = AppProcess.start(work.resolve("first.log"), env);
        assertThat(app.management("/q/openapi").statusCode()).isEqualTo(200);
        assertThat(app.management("/q/swagger-ui/").statusCode()).isEqualTo(200);
        assertThat(app.management("/q/metrics").body()).contains("jvm_memory_used_bytes");

        Matcher password = PASSWORD.matcher(app.log());
        assertThat(password.find()).as("one-time admin credentials in the log").isTrue();
        String token = app.login("admin@gazette.localhost", password.group(1));
        assertThat(app.postJson("/api/v1/publications", token, """
                {"slug":"survivor","name":"Survivor","locale":"en","senderName":"S","senderEmail":"s@example.com"}""")
                .statusCode()).isEqualTo(201);

        app.kill(); // kill -9: no shutdown hook runs, the postmaster lives on

        app = AppProcess.start(work.resolve("second.log"), env);
        String again = app.login("admin@gazette.localhost", password.group(1));
        assertThat(app.get("/api/v1/publications/survivor", again).statusCode()).isEqualTo(200);
        assertThat(app.log()).as("credentials are printed once only").doesNotContain("password:");
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close(); // SIGTERM: Quarkus and the embedded PostgreSQL shut down cleanly
        }
        Path pid = work == null ? null : work.resolve("pg").resolve("postmaster.pid");
        if (pid != null && Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim())).ifPresent(ProcessHandle::destroy);
        }
    }
}
