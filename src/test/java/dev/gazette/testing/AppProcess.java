package dev.gazette.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged application ({@code target/quarkus-app}) as a child process, for tests that need a
 * real process: restarts, {@code kill -9}, several instances on one database.
 */
public final class AppProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final int managementPort;
    private final Path log;
    private final Process process;

    private AppProcess(int port, int managementPort, Path log, Process process) {
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.process = process;
    }

    /** Starts the jar on a free port with this environment (on top of the inherited one) and waits until healthy. */
    public static AppProcess start(Path log, Map<String, String> environment) throws Exception {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", JAR.toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        int managementPort = freePort();
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        for (String inherited : List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_MAILER_HOST", "QUARKUS_MAILER_PORT")) {
            builder.environment().remove(inherited);
        }
        builder.environment().putAll(env);
        AppProcess app = new AppProcess(port, managementPort, log, builder.start());
        try {
            app.awaitHealthy(Duration.ofMinutes(5)); // several instances booting on a loaded 2-core machine
        } catch (Exception | AssertionError notUp) {
            app.kill(); // never leave a half-started instance behind
            throw notUp;
        }
        return app;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** {@code kill -9}: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as an orderly stop. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** A GET on the management interface (metrics, OpenAPI, Swagger UI). */
    public HttpResponse<String> management(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A PUT of this JSON, as the writer with this token. */
    public HttpResponse<String> putJson(String path, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A form POST with this cookie, as a browser sends it. */
    public HttpResponse<String> postForm(String path, String cookie, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String token, String json) throws Exception {
        return post(path, token, "application/json", json);
    }

    /** Logs in and returns the token. */
    public String login(String email, String password) throws Exception {
        HttpResponse<String> response = postJson("/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        if (response.statusCode() != 200) {
            throw new AssertionError("login failed: " + response.statusCode() + " " + response.body());
        }
        return field(response.body(), "token");
    }

    /** A string or number field of a flat JSON answer, enough for ids and tokens. */
    public static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"([^\"]*)\"|(-?[0-9.]+))").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no field " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    private void awaitHealthy(Duration timeout) throws IOException {
        try {
            Awaitility.await("the application on port " + port + " is healthy").atMost(timeout)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("the application stopped:\n" + tail());
                        }
                        HttpResponse<String> health = get("/q/health", null); // an IOException: not listening yet
                        return health.statusCode() == 200 && health.body().contains("\"UP\"");
                    });
        } catch (ConditionTimeoutException notInTime) {
            throw new AssertionError("not healthy in time:\n" + tail(), notInTime);
        }
    }

    private String tail() throws IOException {
        String all = log();
        return all.substring(Math.max(0, all.length() - 4000));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
