package dev.gazette.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.gazette.testing.AppProcess;

/**
 * The stats benchmark (not a test; see bench/stats.sh). In one run, on the embedded PostgreSQL 17:
 * <ol>
 * <li>the send path: the engine's batched outcome UPDATE of 500 and of 10,000 deliveries, with the
 * stats triggers and without (the same statement, triggers off), in alternation;</li>
 * <li>1,000,000 deliveries of one issue with realistic events written as the features write them
 * (subscribers imported, the engine's outcome batches, opens and clicks, feedback, likes,
 * comments, tips, unsubscribes), the rollups kept by the triggers meanwhile;</li>
 * <li>the stats endpoints' latency under a short load (median, p99), against the same figures
 * recounted from the raw rows (the reference);</li>
 * <li>the rebuild's time, and whether the rebuilt rollups equal the kept ones.</li>
 * </ol>
 */
public final class StatsBenchmark {

    private static final String PASSWORD = "benchmark password";

    public static void main(String[] args) throws Exception {
        int deliveries = Integer.parseInt(System.getProperty("deliveries", "1000000"));
        int seconds = Integer.parseInt(System.getProperty("seconds", "10"));
        int clients = Integer.parseInt(System.getProperty("clients", "4"));
        Path work = Files.createTempDirectory("gazette-stats-bench");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "256MB").start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Map<String, String> env = new HashMap<>();
            env.put("QUARKUS_DATASOURCE_JDBC_URL", url);
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            env.put("GAZETTE_EMBEDDED_SMTP_PORT", "0");
            env.put("GAZETTE_DELIVERY_ENABLED", "false");
            env.put("GAZETTE_ADMIN_EMAIL", "admin@bench.example.com");
            env.put("GAZETTE_ADMIN_PASSWORD", PASSWORD);
            try (AppProcess app = AppProcess.start(work.resolve("app.log"), env);
                    Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
                String token = app.login("admin@bench.example.com", PASSWORD);
                String slug = "stats-bench";
                HttpResponse<String> created = app.postJson("/api/v1/publications", token, "{\"slug\":\"" + slug
                        + "\",\"name\":\"Stats bench\",\"locale\":\"en\",\"senderName\":\"Bench\","
                        + "\"senderEmail\":\"bench@example.com\"}");
                check(created, 201);
                long publication = single(db, "SELECT id FROM publication WHERE slug = '" + slug + "'");
                System.out.printf("Stats benchmark: %,d deliveries, %d clients for %d s per endpoint%n", deliveries,
                        clients, seconds);
                sendPath(db, publication);
                long issue = generate(db, publication, deliveries);
                load(app, token, db, slug, issue, clients, seconds);
                rebuild(app, token, db, issue);
            }
        }
    }

    /**
     * The engine's outcome statement on a batch of deliveries, and the same statement on a twin table
     * with the same rows, indexes and keys but no stats triggers, in alternation on one connection.
     */
    private static void sendPath(Connection db, long publication) throws Exception {
        long issue = single(db, "INSERT INTO issue (publication_id, slug, title, body_markdown, status, created_at, "
                + "updated_at) VALUES (" + publication
                + ", 'send-path', 'Send path', 'b', 'sending', now(), now()) RETURNING id");
        long send = single(db, "INSERT INTO send (issue_id, publication_id, status, created_at, started_at, updated_at) "
                + "VALUES (" + issue + ", " + publication + ", 'sending', now(), now(), now()) RETURNING id");
        exec(db, "CREATE TABLE delivery_twin (LIKE delivery INCLUDING ALL, FOREIGN KEY (send_id) REFERENCES send (id), "
                + "FOREIGN KEY (subscriber_id) REFERENCES subscriber (id))");
        for (int batch : new int[]{500, 10_000}) {
            List<Double> with = new ArrayList<>();
            List<Double> without = new ArrayList<>();
            List<Double> claimWith = new ArrayList<>();
            List<Double> claimWithout = new ArrayList<>();
            for (String table : new String[]{"delivery", "delivery_twin"}) {
                exec(db, "DELETE FROM " + table + " WHERE send_id = " + send);
                exec(db, "INSERT INTO " + table + " (send_id, next_attempt_at, lease_owner) SELECT " + send
                        + ", now(), 'bench' FROM generate_series(1, " + batch + ")");
                exec(db, "VACUUM ANALYZE " + table);
            }
            int rounds = batch == 500 ? 41 : 11;
            for (int round = 0; round < rounds; round++) {
                for (String table : new String[]{"delivery", "delivery_twin"}) {
                    boolean triggers = table.equals("delivery");
                    long claimed = System.nanoTime();
                    // the engine's claim (DeliveryStore.CLAIM): lease, attempt and Message-ID on the batch
                    exec(db, "UPDATE " + table + " d SET lease_owner = 'bench', lease_until = now() + interval '2 minutes', "
                            + "attempts = d.attempts + 1, message_id = COALESCE(d.message_id, '<' || d.id || '@bench>') "
                            + "FROM (SELECT id FROM " + table + " WHERE send_id = " + send + " AND status = 'queued' "
                            + "ORDER BY id FOR UPDATE SKIP LOCKED) p WHERE d.id = p.id");
                    (triggers ? claimWith : claimWithout).add((System.nanoTime() - claimed) / 1e6);
                    (triggers ? with : without).add(record(db, table, send));
                    exec(db, "UPDATE " + table + " SET status = 'queued', sent_at = NULL, failed_at = NULL, bounce = NULL, "
                            + "lease_owner = NULL, message_id = NULL WHERE send_id = " + send);
                }
            }
            for (List<Double> list : List.of(with, without, claimWith, claimWithout)) {
                list.remove(0); // the first round plans the statements
            }
            double w = median(with);
            double wo = median(without);
            double cw = median(claimWith);
            double cwo = median(claimWithout);
            System.out.printf("send path, batch of %,d rows: outcome UPDATE %.2f ms with the stats triggers, %.2f ms without "
                    + "(x%.2f); claim UPDATE %.2f ms with, %.2f ms without (x%.2f); claim and outcome together "
                    + "+%.1f us per row%n", batch, w, wo, w / wo, cw, cwo, cw / cwo, (w + cw - wo - cwo) * 1000 / batch);
        }
        exec(db, "DROP TABLE delivery_twin");
        exec(db, "DELETE FROM issue WHERE id = " + issue);
    }

    /** The engine's RECORD statement (DeliveryStore) on a send's rows: one outcome per row from arrays, 2% hard bounces. */
    private static double record(Connection db, String table, long send) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT id FROM " + table + " WHERE send_id = " + send + " ORDER BY id")) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        int n = ids.size();
        Object[] statuses = new String[n];
        Object[] bounces = new String[n];
        Object[] at = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            boolean failed = i % 50 == 0;
            statuses[i] = failed ? "failed" : "sent";
            bounces[i] = failed ? "hard" : null;
            at[i] = Timestamp.from(Instant.now());
        }
        long started = System.nanoTime();
        try (PreparedStatement s = db.prepareStatement("UPDATE " + table + " d" + """

                  SET status = v.status, next_attempt_at = v.next_at, attempts = d.attempts,
                      sent_at = CASE WHEN v.status = 'sent' THEN v.next_at END,
                      failed_at = CASE WHEN v.status = 'failed' THEN v.next_at END,
                      bounce = COALESCE(v.bounce, d.bounce), lease_owner = NULL, lease_until = NULL
                 FROM unnest(?::bigint[], ?::text[], ?::timestamptz[], ?::text[]) AS v(id, status, next_at, bounce)
                WHERE d.id = v.id AND d.lease_owner = ? AND d.status IN ('queued', 'retrying')""")) {
            s.setArray(1, db.createArrayOf("bigint", ids.toArray()));
            s.setArray(2, db.createArrayOf("text", statuses));
            s.setArray(3, db.createArrayOf("timestamptz", at));
            s.setArray(4, db.createArrayOf("text", bounces));
            s.setString(5, "bench");
            s.executeUpdate();
        }
        return (System.nanoTime() - started) / 1e6;
    }

    /** One issue to {@code n} subscribers with the events a real audience makes; returns the issue. */
    private static long generate(Connection db, long publication, int n) throws Exception {
        long started = System.nanoTime();
        String p = Long.toString(publication);
        exec(db, "INSERT INTO subscriber (publication_id, email, email_hash, status, created_at, updated_at, confirmed_at) "
                + "SELECT " + p + ", 'reader' || g || '@example.com', md5(g::text) || md5(g::text), 'active', "
                + "now() - (g % 60) * interval '1 day', now(), now() - (g % 60) * interval '1 day' FROM generate_series(1, " + n
                + ") g");
        exec(db, "INSERT INTO consent (subscriber_id, source, method, given_at, wording, policy_version) SELECT id, "
                + "(ARRAY['import', 'form', 'api'])[1 + id % 3], 'writer_attested', now(), 'w', 'v1' FROM subscriber "
                + "WHERE publication_id = " + p);
        long issue = single(db, "INSERT INTO issue (publication_id, slug, title, body_markdown, status, sent_at, created_at, "
                + "updated_at) VALUES (" + p
                + ", 'big', 'The big issue', 'b', 'sent', now() - interval '2 days', now(), now()) RETURNING id");
        long send = single(db, "INSERT INTO send (issue_id, publication_id, status, created_at, started_at, updated_at) "
                + "VALUES (" + issue + ", " + p + ", 'sent', now(), now() - interval '2 days', now()) RETURNING id");
        exec(db, "INSERT INTO delivery (send_id, subscriber_id, next_attempt_at, lease_owner) SELECT " + send
                + ", id, now(), 'bench' FROM subscriber WHERE publication_id = " + p);
        System.out.printf("  generated %,d subscribers and the snapshot in %.1f s%n", n, seconds(started));
        // the engine's outcomes, in batches of 10,000: 99.2% sent over 40 minutes, 0.5% hard and 0.3% soft bounces
        long first = single(db, "SELECT min(id) FROM delivery WHERE send_id = " + send);
        for (long from = first; from < first + n; from += 10_000) {
            exec(db, "UPDATE delivery d SET status = v.status, bounce = v.bounce, lease_owner = NULL, "
                    + "sent_at = CASE WHEN v.status = 'sent' THEN v.at END, failed_at = CASE WHEN v.status = 'failed' THEN v.at END "
                    + "FROM (SELECT id, CASE WHEN id % 200 = 0 OR id % 333 = 0 THEN 'failed' ELSE 'sent' END AS status, "
                    + "CASE WHEN id % 200 = 0 THEN 'hard' WHEN id % 333 = 0 THEN 'soft' END AS bounce, "
                    + "now() - interval '2 days' + (id - " + first + ") * interval '2.4 ms' AS at "
                    + "FROM generate_series(" + from + ", " + (from + 9_999) + ") id) v WHERE d.id = v.id");
        }
        exec(db, "UPDATE delivery SET bounce = 'complaint' WHERE send_id = " + send + " AND id % 2000 = 7 AND status = 'sent'");
        for (int l = 1; l <= 5; l++) {
            exec(db, "INSERT INTO issue_link (issue_id, url) VALUES (" + issue + ", 'https://example.com/link" + l + "')");
        }
        long link = single(db, "SELECT min(id) FROM issue_link WHERE issue_id = " + issue);
        System.out.printf("  recorded the outcomes in %.1f s%n", seconds(started));
        // opens and clicks as they arrive (a reader's second open or click after their first), in statements of
        // about 50,000 events: 45% open (a third of them twice), 15% machine
        // opens only, 8% click (a link of five, some twice), 3% of clicks by scanners
        for (long from = first; from < first + n; from += 50_000) {
            String range = "FROM delivery d WHERE d.send_id = " + send + " AND d.status = 'sent' AND d.id BETWEEN " + from
                    + " AND " + (from + 49_999);
            exec(db, "INSERT INTO tracking_event (delivery_id, kind, link_id, machine, at) SELECT d.id, 'open', NULL, "
                    + "d.id % 100 >= 45, d.sent_at + (d.id % 97) * interval '17 minutes' " + range + " AND d.id % 100 < 60");
            exec(db, "INSERT INTO tracking_event (delivery_id, kind, link_id, machine, at) SELECT d.id, 'open', NULL, false, "
                    + "d.sent_at + (d.id % 97) * interval '17 minutes' + (1 + d.id % 89) * interval '41 minutes' " + range
                    + " AND d.id % 100 < 15");
            exec(db, "INSERT INTO tracking_event (delivery_id, kind, link_id, machine, at) SELECT d.id, 'click', "
                    + link + " + d.id % 5, d.id % 33 = 0, d.sent_at + (d.id % 97) * interval '18 minutes' " + range
                    + " AND d.id % 100 < 8");
            exec(db, "INSERT INTO tracking_event (delivery_id, kind, link_id, machine, at) SELECT d.id, 'click', "
                    + link
                    + " + d.id % 3, false, d.sent_at + (d.id % 97) * interval '18 minutes' + (1 + d.id % 89) * interval '43 minutes' "
                    + range
                    + " AND d.id % 100 < 2");
        }
        System.out.printf("  recorded the opens and clicks in %.1f s%n", seconds(started));
        exec(db, "INSERT INTO feedback (delivery_id, issue_id, rating, created_at, updated_at) SELECT id, " + issue
                + ", (ARRAY['good', 'okay', 'bad'])[1 + id % 3], now(), now() FROM delivery WHERE send_id = " + send
                + " AND id % 50 = 1");
        exec(db, "INSERT INTO issue_like (issue_id, reader_hash, created_at) SELECT " + issue
                + ", md5(g::text), now() FROM generate_series(1, 5000) g");
        exec(db, "INSERT INTO comment (issue_id, publication_id, author_name, body_markdown, body_html, status, created_at) "
                + "SELECT " + issue + ", " + p + ", 'r', 'x', 'x', 'visible', now() FROM generate_series(1, 300)");
        exec(db, "INSERT INTO tip (public_id, publication_id, issue_id, coffees, unit_price, amount, currency, provider, "
                + "status, created_at, updated_at, paid_at) SELECT 'tip' || g, " + p + ", " + issue + ", 1 + g % 3, 5, "
                + "5 * (1 + g % 3), 'USD', 'bench', 'paid', now(), now(), now() - (g % 90) * interval '1 day' "
                + "FROM generate_series(1, 400) g");
        exec(db, "UPDATE subscriber SET status = 'unsubscribed', unsubscribed_at = now() - interval '1 day' "
                + "WHERE publication_id = " + p + " AND id % 300 = 0");
        exec(db, "VACUUM ANALYZE"); // the state a few minutes later, once autovacuum went by
        exec(db, "CHECKPOINT");
        System.out.printf("  generated %,d deliveries with %,d events, feedback, likes, comments, tips and unsubscribes "
                + "in %.1f s (the triggers keeping the rollups all along)%n",
                single(db,
                        "SELECT count(*) FROM delivery WHERE send_id = " + send),
                single(db, "SELECT count(*) FROM tracking_event"), seconds(started));
        return issue;
    }

    /** Each stats endpoint under a short load, and the same figures recounted from raw rows. */
    private static void load(AppProcess app, String token, Connection db, String slug, long issue, int clients,
            int seconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> endpoints = new java.util.LinkedHashMap<>();
        endpoints.put("(reference) me", "/api/v1/me"); // the floor: an authenticated request reading one row
        endpoints.put("issue stats", "/api/v1/publications/" + slug + "/issues/" + issue + "/stats");
        endpoints.put("publication stats", "/api/v1/publications/" + slug + "/stats");
        endpoints.put("admin stats", "/api/v1/admin/stats");
        Map<String, HttpRequest> requests = new java.util.LinkedHashMap<>();
        endpoints.forEach((name, path) -> requests.put(name, HttpRequest.newBuilder(URI.create("http://localhost:"
                + app.port() + path)).header("Authorization", "Bearer " + token).build()));
        for (HttpRequest request : requests.values()) { // warm-up: the JIT, the pools, the caches, for every endpoint
            check(http.send(request, HttpResponse.BodyHandlers.ofString()), 200);
            run(http, request, clients, Duration.ofSeconds(4));
        }
        for (Map.Entry<String, HttpRequest> e : requests.entrySet()) {
            HttpRequest request = e.getValue();
            List<Double> latencies = run(http, request, clients, Duration.ofSeconds(seconds));
            System.out.printf("%-18s %,7d requests in %d s (%,.0f/s): median %.2f ms, p99 %.2f ms%n", e.getKey(),
                    latencies.size(), seconds, latencies.size() / (double) seconds, percentile(latencies, 50),
                    percentile(latencies, 99));
        }
        // the reference, in the same run: the issue's figures read from its rollup row, and recounted from raw rows
        String rollup = "SELECT * FROM stats_issue WHERE issue_id = " + issue;
        String recount = """
                SELECT count(*), count(*) FILTER (WHERE d.status = 'sent'), count(*) FILTER (WHERE d.status = 'failed'),
                       count(*) FILTER (WHERE d.bounce = 'hard'), count(*) FILTER (WHERE d.bounce = 'soft'),
                       count(*) FILTER (WHERE d.bounce = 'complaint'),
                       (SELECT count(*) FILTER (WHERE e.kind = 'open' AND NOT e.machine) || ',' ||
                               count(*) FILTER (WHERE e.kind = 'open' AND e.machine) || ',' ||
                               count(DISTINCT e.delivery_id) FILTER (WHERE e.kind = 'open' AND NOT e.machine) || ',' ||
                               count(*) FILTER (WHERE e.kind = 'click' AND NOT e.machine) || ',' ||
                               count(DISTINCT e.delivery_id) FILTER (WHERE e.kind = 'click' AND NOT e.machine)
                          FROM tracking_event e JOIN delivery d2 ON d2.id = e.delivery_id JOIN send s2 ON s2.id = d2.send_id
                         WHERE s2.issue_id = %1$d)
                  FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = %1$d""".formatted(issue);
        double read = medianOf(db, rollup, 21);
        double full = medianOf(db, recount, 5);
        System.out.printf("reference: the issue's figures from its rollup row %.3f ms, recounted from raw rows %.0f ms "
                + "(x%,.0f)%n", read, full, full / read);
    }

    private static void rebuild(AppProcess app, String token, Connection db, long issue) throws Exception {
        String snapshot = "SELECT string_agg(t::text, ';' ORDER BY t::text) FROM (SELECT * FROM stats_issue UNION ALL "
                + "SELECT issue_id, 0, sent, opens, machine_opens, unique_opens, clicks, unique_clicks, 0, 0, 0, 0, 0, 0, "
                + "0, 0, 0, 0, 0, 0 FROM stats_issue_hour) t";
        String before = text(db, snapshot);
        exec(db, "CREATE TABLE stats_kept AS SELECT * FROM stats_issue");
        long started = System.nanoTime();
        HttpResponse<String> answer = app.postJson("/api/v1/admin/stats/rebuild", token, "");
        check(answer, 200);
        System.out.printf("rebuild of every rollup from raw rows: %,d ms in the database (%.1f s over HTTP); rollups %s%n",
                Long.parseLong(AppProcess.field(answer.body(), "millis")), seconds(started),
                before.equals(text(db, snapshot))
                        ? "agree with the recount"
                        : "DIFFER from the recount: " + text(db,
                                "SELECT string_agg(t::text, ' ') FROM ((TABLE stats_kept EXCEPT TABLE stats_issue) UNION ALL "
                                        + "(TABLE stats_issue EXCEPT TABLE stats_kept)) t"));
    }

    private static List<Double> run(HttpClient http, HttpRequest request, int clients, Duration time) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long until = System.nanoTime() + time.toNanos();
        List<Future<List<Double>>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                List<Double> mine = new ArrayList<>();
                while (System.nanoTime() < until) {
                    long t = System.nanoTime();
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    mine.add((System.nanoTime() - t) / 1e6);
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(r.statusCode() + " " + r.body());
                    }
                }
                return mine;
            }));
        }
        List<Double> all = new ArrayList<>();
        for (Future<List<Double>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        return all;
    }

    private static double medianOf(Connection db, String sql, int times) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long t = System.nanoTime();
            text(db, sql);
            ms.add((System.nanoTime() - t) / 1e6);
        }
        return median(ms);
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double median(List<Double> values) {
        return percentile(values, 50);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void check(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static void exec(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    private static long single(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String text(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
