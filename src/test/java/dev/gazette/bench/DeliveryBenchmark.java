package dev.gazette.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;

import dev.gazette.testing.AppProcess;

/**
 * The delivery benchmark (not a test): Postfix's smtp-sink as the relay; the same rendered
 * message sent by smtp-source and by Gazette's full path (claim, render, send, record), in
 * alternation, with the same number of connections; then a 1,000,000-recipient send for the
 * snapshot time and memory. Prints messages per second and the ratio. See bench/delivery.sh.
 */
public final class DeliveryBenchmark {

    private static final String PASSWORD = "benchmark password";

    public static void main(String[] args) throws Exception {
        int messages = Integer.parseInt(System.getProperty("messages", "20000"));
        int sessions = Integer.parseInt(System.getProperty("sessions", "8"));
        int rounds = Integer.parseInt(System.getProperty("rounds", "2"));
        int million = Integer.parseInt(System.getProperty("big", "1000000"));
        int bigSeconds = Integer.parseInt(System.getProperty("bigSeconds", "180"));
        Path work = Files.createTempDirectory("gazette-bench");
        int sinkPort = freePort();
        Process sink = new ProcessBuilder("smtp-sink", "-c", "-u", "nobody", "127.0.0.1:" + sinkPort, "1024")
                .redirectErrorStream(true).redirectOutput(work.resolve("sink.log").toFile()).start();
        EmbeddedPostgres.Builder database = EmbeddedPostgres.builder().setServerConfig("max_connections", "200");
        // -Dpg.<setting>=<value> passes a server setting, e.g. -Dpg.log_min_duration_statement=500
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("pg."))
                .forEach(k -> database.setServerConfig(k.substring(3), System.getProperty(k)));
        try (EmbeddedPostgres postgres = database.start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Map<String, String> env = new HashMap<>();
            env.put("QUARKUS_DATASOURCE_JDBC_URL", url);
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            env.put("QUARKUS_MAILER_PORT", Integer.toString(sinkPort));
            env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
            env.put("QUARKUS_MAILER_MAX_POOL_SIZE", Integer.toString(sessions));
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("env."))
                    .forEach(k -> env.put(k.substring(4), System.getProperty(k)));
            env.put("GAZETTE_DELIVERY_CONCURRENCY", Integer.toString(sessions * 4));
            env.put("GAZETTE_ADMIN_EMAIL", "admin@bench.example.com");
            env.put("GAZETTE_ADMIN_PASSWORD", PASSWORD);
            env.put("GAZETTE_DELIVERY_POLL_INTERVAL", "PT0.1S");
            env.put("GAZETTE_DELIVERY_START_CHECK", "200ms");
            env.put("GAZETTE_DELIVERY_FINISH_CHECK", "200ms");
            try (AppProcess app = AppProcess.start(work.resolve("app.log"), env)) {
                String token = app.login("admin@bench.example.com", PASSWORD);
                System.out.printf("Delivery benchmark: %d messages per run, %d connections, %d rounds%n", messages,
                        sessions, rounds);
                for (int kb : new int[]{2, 30}) {
                    String slug = publication(app, token, url, messages, "b" + kb);
                    Path file = work.resolve("message-" + kb + "k.eml");
                    long issueSample = issue(app, token, slug, kb);
                    Files.writeString(file, preview(app, token, slug, issueSample));
                    // one send first, not counted: smtp-source is native code, Gazette's JIT warms up
                    gazetteSend(app, token, url, slug, issue(app, token, slug, kb), messages);
                    List<Double> source = new ArrayList<>();
                    List<Double> gazette = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        source.add(smtpSource(file, messages, sessions, sinkPort));
                        gazette.add(gazetteSend(app, token, url, slug, issue(app, token, slug, kb), messages));
                    }
                    double s = median(source);
                    double g = median(gazette);
                    System.out.printf("%2d KB message (%d bytes): smtp-source %,.0f msg/s, Gazette full path %,.0f msg/s,"
                            + " ratio %.2f%n", kb, Files.size(file), s, g, g / s);
                }
                bigSend(app, token, url, million, bigSeconds);
            }
        } finally {
            sink.destroy();
        }
    }

    private static String publication(AppProcess app, String token, String url, int subscribers, String prefix)
            throws Exception {
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        check(app.postJson("/api/v1/publications", token, "{\"slug\":\"" + slug + "\",\"name\":\"Bench\",\"locale\":\"ko\","
                + "\"senderName\":\"벤치\",\"senderEmail\":\"bench@example.com\",\"tracking\":true}"), 201);
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
            // subscribers straight into the table: the benchmark measures sending, not importing
            s.execute("INSERT INTO subscriber (publication_id, email, email_hash, name, status, created_at, updated_at, "
                    + "confirmed_at) SELECT p.id, 'r' || g || '@" + slug + ".example.com', md5(g::text || '" + slug
                    + "') || md5('" + slug + "' || g::text), '독자 ' || g, 'active', now(), now(), now() "
                    + "FROM publication p, generate_series(1, " + subscribers + ") g WHERE p.slug = '" + slug + "'");
        }
        return slug;
    }

    private static long issue(AppProcess app, String token, String slug, int kb) throws Exception {
        StringBuilder body = new StringBuilder("## 1. 이번 주 소식\n\n");
        String sentence = "새로운 모델이 공개되었고, 우리는 그 의미를 살펴봅니다. [자세히](https://example.com/story) ";
        int target = Math.max(0, kb * 1024 - 1600);
        while (body.length() * 2 < target) {
            body.append(sentence);
        }
        var created = app.postJson("/api/v1/publications/" + slug + "/issues", token, "{\"title\":\"벤치마크 " + kb
                + "KB\",\"slug\":\"i-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"bodyMarkdown\":\""
                + body.toString().replace("\n", "\\n") + "\"}");
        check(created, 201);
        return Long.parseLong(AppProcess.field(created.body(), "id"));
    }

    /** The rendered message as a whole RFC 5322 message, for smtp-source to send as it is. */
    private static String preview(AppProcess app, String token, String slug, long issue) throws Exception {
        String html = app.get("/api/v1/publications/" + slug + "/issues/" + issue + "/preview?format=html", token).body();
        String text = app.get("/api/v1/publications/" + slug + "/issues/" + issue + "/preview?format=text", token).body();
        String boundary = "=-bench-boundary";
        return ("From: =?UTF-8?B?67Kk7LmY?= <bench@example.com>\nTo: reader@example.com\nSubject: =?UTF-8?B?67Kk7LmY?=\n"
                + "Message-ID: <bench@example.com>\nMIME-Version: 1.0\n"
                + "List-Unsubscribe: <http://localhost:8080/unsubscribe/x>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n"
                + "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\n\n--" + boundary
                + "\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + text + "\n--" + boundary
                + "\nContent-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + html + "\n--" + boundary
                + "--\n").replace("\n", "\r\n");
    }

    private static double smtpSource(Path file, int messages, int sessions, int port) throws Exception {
        Instant start = Instant.now();
        Process p = new ProcessBuilder("smtp-source", "-s", Integer.toString(sessions), "-m", Integer.toString(messages),
                "-d", "-F", file.toString(), "-f", "bench@example.com", "-t", "reader@example.com", "127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("smtp-source failed");
        }
        return messages / (Duration.between(start, Instant.now()).toNanos() / 1e9);
    }

    /** Sends the issue to every subscriber of the publication and returns messages per second, first to last 250. */
    private static double gazetteSend(AppProcess app, String token, String url, String slug, long issue, int messages)
            throws Exception {
        check(app.postJson("/api/v1/publications/" + slug + "/issues/" + issue + "/send", token, "{}"), 202);
        awaitSent(app, token, slug, issue, Duration.ofMinutes(10));
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*), extract(epoch FROM max(d.sent_at) - min(d.sent_at)) FROM delivery d JOIN send x "
                                + "ON x.id = d.send_id WHERE x.issue_id = ? AND d.status = 'sent'")) {
            s.setLong(1, issue);
            try (PreparedStatement retried = c.prepareStatement("SELECT count(*), max(d.last_reply) FROM delivery d "
                    + "JOIN send x ON x.id = d.send_id WHERE x.issue_id = ? AND d.attempts > 1")) {
                retried.setLong(1, issue);
                try (ResultSet r = retried.executeQuery()) {
                    r.next();
                    if (r.getLong(1) > 0) {
                        System.out.printf("  (%d messages needed a retry, e.g. %s)%n", r.getLong(1), r.getString(2));
                    }
                }
            }
            if (Boolean.getBoolean("verbose")) {
                try (PreparedStatement perSecond = c
                        .prepareStatement("SELECT string_agg(to_char(t, 'MI:SS') || '=' || n, ' ' ORDER BY t) FROM "
                                + "(SELECT date_trunc('second', d.sent_at) t, count(*) n FROM delivery d JOIN send x ON x.id = d.send_id "
                                + "WHERE x.issue_id = ? AND d.status = 'sent' GROUP BY 1) q")) {
                    perSecond.setLong(1, issue);
                    try (ResultSet r = perSecond.executeQuery()) {
                        r.next();
                        System.out.println("  sent per second: " + r.getString(1));
                    }
                }
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getLong(1) != messages) {
                    throw new IllegalStateException("sent " + r.getLong(1) + " of " + messages);
                }
                return messages / r.getDouble(2);
            }
        }
    }

    /** A 1,000,000-recipient send: snapshot time, sending rate, and heap and RSS sampled during it. */
    private static void bigSend(AppProcess app, String token, String url, int recipients, int seconds) throws Exception {
        String slug = publication(app, token, url, recipients, "big");
        long issue = issue(app, token, slug, 2);
        check(app.postJson("/api/v1/publications/" + slug + "/issues/" + issue + "/send", token, "{}"), 202);
        Instant start = Instant.now();
        long firstSent = -1;
        Instant firstAt = null;
        long lastSent = 0;
        Instant lastAt = null;
        double maxHeap = 0;
        double maxRss = 0;
        List<String> samples = new ArrayList<>();
        List<Double> progressMillis = new ArrayList<>();
        while (true) {
            long asked = System.nanoTime();
            String progress = app.get("/api/v1/publications/" + slug + "/issues/" + issue + "/progress", token).body();
            progressMillis.add((System.nanoTime() - asked) / 1e6);
            String metrics = app.management("/q/metrics").body();
            double heap = metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum() / 1048576;
            double rss = rss(app) / 1024.0;
            maxHeap = Math.max(maxHeap, heap);
            maxRss = Math.max(maxRss, rss);
            long sent = Long.parseLong(AppProcess.field(progress, "sent"));
            if (sent > 0 && firstAt == null) {
                firstSent = sent;
                firstAt = Instant.now();
            }
            lastSent = sent;
            lastAt = Instant.now();
            if (samples.size() < 100 && sent > 0) {
                samples.add(String.format("%,d sent: heap %.0f MB, RSS %.0f MB", sent, heap, rss));
            }
            if (progress.contains("\"status\":\"sent\"")) {
                break;
            }
            if (Duration.between(start, Instant.now()).toSeconds() > seconds) {
                // long enough to see whether memory grows with the audience: stop here
                check(app.postJson("/api/v1/publications/" + slug + "/issues/" + issue + "/pause", token, "{}"), 202);
                System.out.printf("  (stopped after %d s with %,d of %,d sent)%n", seconds, sent, recipients);
                break;
            }
            Thread.sleep(2000); // the sampling period of the measurements above, not a wait for an outcome
        }
        String snapshot = app.log().lines().filter(l -> l.contains("started for " + recipients + " recipients")
                || l.contains("Snapshot")).reduce((a, b) -> b).orElse("");
        System.out.printf("Big send, %,d recipients: %s%n", recipients, snapshot.replaceAll(".*\\) ", ""));
        if (firstAt != null && lastAt.isAfter(firstAt)) {
            System.out.printf("  sending at %,.0f msg/s once started%n",
                    (lastSent - firstSent) / (Duration.between(firstAt, lastAt).toMillis() / 1000.0));
        }
        int step = Math.max(1, samples.size() / 5);
        for (int i = 0; i < samples.size(); i += step) {
            System.out.println("  " + samples.get(i));
        }
        System.out.printf("  peak heap used %.0f MB, peak RSS %.0f MB%n", maxHeap, maxRss);
        System.out.printf("  progress answered in %.1f ms (median), %.1f ms at most, over %d calls while sending%n",
                median(progressMillis), progressMillis.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                progressMillis.size());
    }

    /** Resident memory of the application process in KB, from /proc. */
    private static long rss(AppProcess app) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(app.pid()), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
    }

    private static void awaitSent(AppProcess app, String token, String slug, long issue, Duration timeout) {
        Awaitility.await("the send is sent").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> app.get("/api/v1/publications/" + slug + "/issues/" + issue + "/progress", token).body()
                        .contains("\"status\":\"sent\""));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void check(java.net.http.HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
