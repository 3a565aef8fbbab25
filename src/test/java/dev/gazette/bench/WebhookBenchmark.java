package dev.gazette.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.gazette.testing.AppProcess;

/**
 * Webhooks under a burst of confirmations (not a test; see bench/webhooks.sh): the packaged
 * application on the embedded PostgreSQL 17, {@code -Dconfirmations} (default 100,000) pending
 * subscribers confirmed through {@code POST /confirm/{token}} by {@code -Dclients} (16) clients paced
 * to {@code -Dseconds} (60), after {@code -Dwarmup} (20,000) unpaced and uncounted ones on another
 * publication, and an endpoint for {@code subscriber.confirmed} on a receiver in this
 * process. Prints the confirmation rate, the deliveries received every five seconds, the lag from
 * the event to its receipt, and how many were lost or doubled.
 */
public final class WebhookBenchmark {

    private static final String PASSWORD = "benchmark password";
    private static final String SECRET = "webhook benchmark secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");

    private record Received(String id, long atNanos, Instant at, Instant occurred) {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(System.getProperty("confirmations", "100000"));
        int seconds = Integer.parseInt(System.getProperty("seconds", "60"));
        int clients = Integer.parseInt(System.getProperty("clients", "16"));
        ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Received> warmed = new ConcurrentLinkedQueue<>();
        HttpServer receiver = receiver(received, warmed);
        Path work = Files.createTempDirectory("gazette-webhook-bench");
        int statements = Integer.parseInt(System.getProperty("statements", "0"));
        EmbeddedPostgres.Builder database = EmbeddedPostgres.builder().setServerConfig("shared_buffers", "256MB");
        if (statements > 0) { // the database's time per statement, triggers' statements included
            database.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track", "all");
        }
        try (EmbeddedPostgres postgres = database.start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Map<String, String> env = Map.of("QUARKUS_DATASOURCE_JDBC_URL", url, "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "postgres", "GAZETTE_EMBEDDED_SMTP_PORT", "0", "GAZETTE_SECRET", SECRET,
                    "GAZETTE_DELIVERY_ENABLED", "false", "GAZETTE_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true",
                    "GAZETTE_ADMIN_EMAIL", "admin@bench.example.com", "GAZETTE_ADMIN_PASSWORD", PASSWORD,
                    "QUARKUS_LOG_LEVEL", "WARN");
            String options = System.getProperty("appJavaOptions"); // e.g. -XX:StartFlightRecording=filename=app.jfr
            if (options != null) {
                env = new HashMap<>(env);
                env.put("JAVA_TOOL_OPTIONS", options);
            }
            try (AppProcess app = AppProcess.start(work.resolve("app.log"), env);
                    Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
                String token = app.login("admin@bench.example.com", PASSWORD);
                publicationWithEndpoint(app, token, "hooks", receiver, "/hook");
                if ("drain".equals(System.getProperty("mode"))) {
                    drain(n, received, db);
                    return;
                }
                int warmup = Integer.parseInt(System.getProperty("warmup", "20000"));
                String csrf = sign("reader-form", "bench-nonce");
                if (warmup > 0) { // the same work on another publication, unpaced and not counted: the JIT compiles it
                    publicationWithEndpoint(app, token, "warmup", receiver, "/warmup");
                    List<String> warm = seed(db, "warmup", warmup);
                    long began = System.nanoTime();
                    confirm(app, warm, csrf, 0, clients, new AtomicInteger());
                    awaitAll(warmed, warmup);
                    System.out.printf("Warm-up: %,d confirmations and their webhooks in %.1f s, not counted%n", warmup,
                            (System.nanoTime() - began) / 1e9);
                }
                List<String> tokens = seed(db, "hooks", n);
                if (statements > 0) { // the measured confirmations only, not the seed's or the warm-up's
                    try (Statement s = db.createStatement()) {
                        s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                        s.execute("SELECT pg_stat_statements_reset()");
                    }
                }
                System.out.printf("Webhook benchmark: %,d confirmations paced over %d s by %d clients%n", n, seconds,
                        clients);

                WaitSampler waits = WaitSampler.start(url);
                CpuMeter cpu = CpuMeter.start(app.pid(), db);
                long started = System.nanoTime();
                AtomicInteger confirmed = new AtomicInteger();
                long[] answers = confirm(app, tokens, csrf, seconds, clients, confirmed);
                double confirming = (System.nanoTime() - started) / 1e9;
                waits.stop();
                awaitAll(received, n);
                cpu.print("confirmation and its webhook", n);
                Arrays.sort(answers);
                System.out.printf("  time to the confirm button's answer: p50 %d ms, p99 %d ms, max %d ms%n",
                        answers[n / 2] / 1_000_000, answers[(int) (n * 0.99)] / 1_000_000, answers[n - 1] / 1_000_000);
                report(n, confirmed.get(), confirming, started, new ArrayList<>(received), db);
                waits.print();
                if (statements > 0) {
                    printStatements(db, statements, n);
                }
            }
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * Presses the confirmation button of every token from {@code clients} clients, paced evenly over
     * {@code seconds} (0: as fast as they go); counts the answers that are 200 in {@code confirmed}.
     */
    private static long[] confirm(AppProcess app, List<String> tokens, String csrf, int seconds, int clients,
            AtomicInteger confirmed) throws InterruptedException {
        int n = tokens.size();
        long[] nanos = new long[n]; // each press's time to its answer
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    long due = started + (long) i * seconds * 1_000_000_000L / n;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    long sent = System.nanoTime();
                    HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                            + "/confirm/" + tokens.get(i))).header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Cookie", "gazette_form=bench-nonce")
                            .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    nanos[i] = System.nanoTime() - sent;
                    if (r.statusCode() == 200) {
                        confirmed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        return nanos;
    }

    private static void report(int n, int confirmed, double confirming, long started, List<Received> got, Connection db)
            throws Exception {
        long distinct = got.stream().map(Received::id).distinct().count();
        got.sort((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
        double last = got.isEmpty() ? 0 : (got.get(got.size() - 1).atNanos() - started) / 1e9;
        if (confirming > 0) {
            System.out.printf("  confirmed: %,d of %,d in %.1f s (%,.0f/s)%n", confirmed, n, confirming,
                    confirmed / confirming);
        }
        System.out.printf("  webhooks received: %,d, distinct webhook-ids %,d: lost %,d, doubled %,d; last at %.1f s "
                + "(%,.0f/s over the whole run)%n", got.size(), distinct, n - distinct, got.size() - distinct, last,
                distinct / last);
        System.out.printf("  delivery rows: %s%n", states(db));
        List<Long> windows = new ArrayList<>();
        for (Received r : got) {
            int w = (int) ((r.atNanos() - started) / 5_000_000_000L);
            while (windows.size() <= w) {
                windows.add(0L);
            }
            windows.set(w, windows.get(w) + 1);
        }
        System.out.print("  received per 5 s:");
        windows.forEach(w -> System.out.printf(" %,d", w));
        System.out.println();
        List<Long> full = windows.size() > 2 ? new ArrayList<>(windows.subList(0, windows.size() - 1)) : windows;
        Collections.sort(full);
        if (!full.isEmpty()) {
            System.out.printf("  steady rate (full 5-s windows): min %,.0f/s, median %,.0f/s, max %,.0f/s%n",
                    full.get(0) / 5.0, full.get(full.size() / 2) / 5.0, full.get(full.size() - 1) / 5.0);
        }
        List<Long> lags = got.stream().map(r -> r.at().toEpochMilli() - r.occurred().toEpochMilli()).sorted().toList();
        if (!lags.isEmpty()) {
            System.out.printf("  lag from the confirmation's commit to receipt: p50 %d ms, p99 %d ms, max %d ms%n",
                    lags.get(lags.size() / 2), lags.get((int) (lags.size() * 0.99)), lags.get(lags.size() - 1));
        }
    }

    /** {@code -Dstatements=N}: the N statements that took the database the most time, per confirmation. */
    private static void printStatements(Connection db, int limit, int n) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            try (ResultSet r = s.executeQuery("SELECT calls, total_exec_time, sum(total_exec_time) OVER (), "
                    + "regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements ORDER BY total_exec_time DESC "
                    + "LIMIT " + limit)) {
                System.out.println("  database time per confirmation, by statement (triggers' statements counted "
                        + "again inside their caller's):");
                while (r.next()) {
                    String query = r.getString(4);
                    System.out.printf("    %6.3f ms  %5.2f calls  %s%n", r.getDouble(2) / n, r.getLong(1) / (double) n,
                            query.length() > 150 ? query.substring(0, 150) + "..." : query);
                }
            }
        }
    }

    /**
     * {@code -Dmode=drain}: the webhook engine alone. {@code n} committed subscriber.confirmed events and
     * their deliveries, written at once as {@code Events.emit} writes them and all due three seconds
     * later; the rate at which they reach the receiver from then on.
     */
    private static void drain(int n, ConcurrentLinkedQueue<Received> received, Connection db) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TEMP TABLE due AS SELECT now() + interval '3 seconds' AS at");
            s.execute("INSERT INTO event (id, type, version, publication_id, data, occurred_at) "
                    + "SELECT 'msg_bench' || lpad(g::text, 10, '0'), 'subscriber.confirmed', 1, p.id, "
                    + "jsonb_build_object('subscriberId', g, 'email', 'reader' || g || '@bench.example.com', 'name', "
                    + "'Reader ' || g, 'status', 'active'), (SELECT at FROM due) "
                    + "FROM publication p, generate_series(1, " + n + ") g WHERE p.slug = 'hooks'");
            s.execute("INSERT INTO webhook_delivery (endpoint_id, event_id, next_attempt_at, created_at, started_at) "
                    + "SELECT w.id, e.id, d.at, d.at, d.at FROM event e, webhook_endpoint w, due d "
                    + "WHERE e.id LIKE 'msg_bench%'");
        }
        System.out.printf("Webhook benchmark, drain: %,d deliveries due at once%n", n);
        long started = System.nanoTime();
        Thread.sleep(3000); // until they are due
        started += 3_000_000_000L;
        awaitAll(received, n);
        report(n, n, 0, started, new ArrayList<>(received), db);
    }

    /** Until every webhook-id arrived, or a minute passed without a new request. */
    private static void awaitAll(ConcurrentLinkedQueue<Received> received, int n) throws InterruptedException {
        long lastProgress = System.nanoTime();
        int seen = 0;
        while (distinct(received) < n && System.nanoTime() - lastProgress < 60_000_000_000L) {
            Thread.sleep(200);
            if (received.size() != seen) {
                seen = received.size();
                lastProgress = System.nanoTime();
            }
        }
    }

    private static long distinct(ConcurrentLinkedQueue<Received> received) {
        return received.stream().map(Received::id).distinct().count();
    }

    /** The receiver: {@code /hook} records what it gets in {@code received}, {@code /warmup} in {@code warmed}. */
    private static HttpServer receiver(ConcurrentLinkedQueue<Received> received, ConcurrentLinkedQueue<Received> warmed)
            throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "receiver");
            thread.setDaemon(true); // the benchmark ends when main does
            return thread;
        }));
        server.createContext("/hook", exchange -> receive(exchange, received));
        server.createContext("/warmup", exchange -> receive(exchange, warmed));
        server.start();
        return server;
    }

    private static void receive(HttpExchange exchange, ConcurrentLinkedQueue<Received> into) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = TIMESTAMP.matcher(body);
        into.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"), System.nanoTime(), Instant.now(),
                m.find() ? Instant.parse(m.group(1)) : Instant.now()));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    /** {@code n} pending subscribers, each with the consent their confirmation link is for; their tokens. */
    private static List<String> seed(Connection db, String slug, int n) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("INSERT INTO subscriber (publication_id, email, email_hash, name, status, created_at, updated_at) "
                    + "SELECT p.id, 'reader' || g || '@' || p.slug || '.example.com', md5(p.slug || g) || md5(g::text), "
                    + "'Reader ' || g, "
                    + "'pending', now(), now() FROM publication p, generate_series(1, " + n + ") g WHERE p.slug = '"
                    + slug + "'");
            s.execute("INSERT INTO consent (subscriber_id, source, method, given_at, wording, policy_version) "
                    + "SELECT s.id, 'form', 'double_opt_in', now(), 'bench', 'bench' FROM subscriber s "
                    + "JOIN publication p ON p.id = s.publication_id WHERE p.slug = '" + slug + "'");
            s.execute("VACUUM ANALYZE subscriber");
            s.execute("VACUUM ANALYZE consent");
            List<String> tokens = new ArrayList<>(n);
            try (ResultSet r = s.executeQuery("SELECT c.subscriber_id, c.id FROM consent c JOIN subscriber s "
                    + "ON s.id = c.subscriber_id JOIN publication p ON p.id = s.publication_id WHERE p.slug = '" + slug
                    + "' ORDER BY c.id")) {
                while (r.next()) {
                    tokens.add(sign("subscriber-confirm", r.getLong(1) + ":" + r.getLong(2)));
                }
            }
            return tokens;
        }
    }

    private static String states(Connection db) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT d.state, count(*), max(d.attempts) FROM webhook_delivery d "
                        + "JOIN webhook_endpoint w ON w.id = d.endpoint_id JOIN publication p ON p.id = w.publication_id "
                        + "WHERE p.slug = 'hooks' GROUP BY d.state")) {
            while (r.next()) {
                out.append(r.getString(1)).append(' ').append(String.format("%,d", r.getLong(2)))
                        .append(" (most attempts ").append(r.getInt(3)).append(") ");
            }
        }
        return out.toString().strip();
    }

    /** A link token as Gazette signs it with {@code GAZETTE_SECRET}: payload and HMAC, base64url. */
    private static String sign(String purpose, String subject) throws Exception {
        byte[] body = (subject + "|").getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(purpose.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(body) + "." + b64.encodeToString(mac.doFinal(body));
    }

    /** A publication {@code slug} with an endpoint for {@code subscriber.confirmed} at the receiver's {@code path}. */
    private static void publicationWithEndpoint(AppProcess app, String token, String slug, HttpServer receiver, String path)
            throws Exception {
        check(app.postJson("/api/v1/publications", token, "{\"slug\":\"" + slug + "\",\"name\":\"" + slug
                + "\",\"locale\":\"en\",\"senderName\":\"Bench\",\"senderEmail\":\"bench@example.com\"}"), 201);
        check(app.postJson("/api/v1/publications/" + slug + "/webhooks", token, "{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort() + path + "\",\"eventTypes\":[\"subscriber.confirmed\"]}"), 201);
    }

    private static void check(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.statusCode() + " " + response.body());
        }
    }
}
