package dev.gazette.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged application on its embedded defaults, as a newcomer runs it: it starts with no
 * database or relay configured, serves the operations endpoints, keeps its data across restarts,
 * and comes back after {@code kill -9} (the embedded PostgreSQL outlives the JVM then).
 */
class EmbeddedDefaultsIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Pattern PASSWORD = Pattern.compile("password:\\s+(\\S+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process app;
    private Path work;

    @Test
    void startsOnEmbeddedDefaultsKeepsDataAndSurvivesKillMinus9() throws Exception {
        work = Files.createTempDirectory("gazette-it");
        int port = freePort();
        Path firstLog = work.resolve("first.log");

        app = start(port, firstLog);
        awaitHealthy(port);
        assertThat(get(port, "/q/openapi").statusCode()).isEqualTo(200);
        assertThat(get(port, "/q/swagger-ui/").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get(port, "/q/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");

        String log = Files.readString(firstLog);
        Matcher password = PASSWORD.matcher(log);
        assertThat(password.find()).as("one-time admin credentials in the log").isTrue();
        String token = login(port, "admin@gazette.localhost", password.group(1));
        HttpResponse<String> created = post(port, "/api/v1/publications", token, """
                {"slug":"survivor","name":"Survivor","locale":"en","senderName":"S","senderEmail":"s@example.com"}""");
        assertThat(created.statusCode()).isEqualTo(201);

        app.destroyForcibly().waitFor(); // kill -9: no shutdown hook runs, the postmaster lives on

        Path secondLog = work.resolve("second.log");
        app = start(port, secondLog);
        awaitHealthy(port);
        String again = login(port, "admin@gazette.localhost", password.group(1));
        HttpResponse<String> survivor = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/publications/survivor")).header("Authorization", "Bearer " + again).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(survivor.statusCode()).isEqualTo(200);
        assertThat(Files.readString(secondLog)).as("credentials are printed once only").doesNotContain("password:");
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null && app.isAlive()) {
            app.destroy(); // SIGTERM: Quarkus and the embedded PostgreSQL shut down cleanly
            if (!app.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        Path pid = work == null ? null : work.resolve("pg").resolve("postmaster.pid");
        if (pid != null && Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim())).ifPresent(ProcessHandle::destroy);
        }
    }

    private Process start(int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", JAR.toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("GAZETTE_EMBEDDED_SMTP_PORT", "0");
        builder.environment().put("GAZETTE_EMBEDDED_POSTGRES_DATA_DIR", work.resolve("pg").toString());
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        builder.environment().remove("QUARKUS_MAILER_HOST");
        builder.environment().remove("QUARKUS_MAILER_PORT");
        return builder.start();
    }

    private void awaitHealthy(int port) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            assertThat(app.isAlive()).as("the application is running").isTrue();
            try {
                HttpResponse<String> health = get(port, "/q/health");
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not healthy within two minutes");
    }

    private String login(int port, String email, String password) throws Exception {
        HttpResponse<String> response = post(port, "/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(response.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
