package dev.gazette.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.gazette.testing.AppProcess;

/**
 * The segment benchmark (not a test; see bench/segments.sh). On the embedded PostgreSQL 17, behind
 * the packaged app: seeds one publication with 1,000,000 subscribers (statuses, topics, attributes,
 * consents, signup days spread over four years) and 10 issue sends of 1,000,000 deliveries each
 * (10,000,000 delivery rows), with people's and machines' opens and clicks, tips and comments, all by
 * set-based SQL. Then times the segment count the studio's editor asks for
 * ({@code POST .../segments/count}, both numbers) for a filter of each kind, the median of several
 * runs, against two references measured in the same run: the same endpoint with no condition, and a
 * plain {@code count(*)} of the publication's subscribers over JDBC.
 */
public final class SegmentBenchmark {

    private static final String PASSWORD = "benchmark password";

    public static void main(String[] args) throws Exception {
        int subscribers = Integer.parseInt(System.getProperty("subscribers", "1000000"));
        int issues = Integer.parseInt(System.getProperty("issues", "10"));
        int runs = Integer.parseInt(System.getProperty("runs", "7"));
        Path work = Files.createTempDirectory("gazette-segment-bench");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "256MB").setServerConfig("max_wal_size", "4GB").start()) {
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
                String slug = "segment-bench";
                check(app.postJson("/api/v1/publications", token, "{\"slug\":\"" + slug + "\",\"name\":\"Segment bench\","
                        + "\"locale\":\"en\",\"senderName\":\"Bench\",\"senderEmail\":\"bench@example.com\"}"), 201);
                long publication = single(db, "SELECT id FROM publication WHERE slug = '" + slug + "'");
                long seeded = System.nanoTime();
                seed(db, publication, subscribers, issues);
                System.out.printf("Segment benchmark: %,d subscribers, %,d delivery rows, %,d tracking events, "
                        + "seeded in %.0f s; median of %d runs each%n", single(db, "SELECT count(*) FROM subscriber"),
                        single(db, "SELECT count(*) FROM delivery"), single(db, "SELECT count(*) FROM tracking_event"),
                        (System.nanoTime() - seeded) / 1e9, runs);
                time(app, token, db, slug, publication, runs);
            }
        }
    }

    /**
     * Everything by set-based statements, the stats triggers and key checks off while seeding; the
     * segments' engagement rollup is written by its own triggers, as in production (kept on here).
     */
    private static void seed(Connection db, long publication, int subscribers, int issues) throws Exception {
        exec(db, "ALTER TABLE tracking_event ENABLE ALWAYS TRIGGER tracking_event_engagement");
        exec(db, "ALTER TABLE send ENABLE ALWAYS TRIGGER send_engagement_received");
        exec(db, "ALTER TABLE consent ENABLE ALWAYS TRIGGER consent_sources");
        exec(db, "SET session_replication_role = replica");
        exec(db, "INSERT INTO subscriber (publication_id, email, email_hash, name, status, tags, attributes, created_at, "
                + "updated_at) SELECT " + publication + ", 'reader' || g || '@bench.example.com', md5(g::text) || "
                + "md5((g + 1)::text), 'Reader ' || g, CASE g % 20 WHEN 0 THEN 'unsubscribed' WHEN 1 THEN 'bounced' "
                + "WHEN 2 THEN 'pending' ELSE 'active' END, CASE g % 4 WHEN 0 THEN '{news}'::text[] WHEN 1 THEN "
                + "'{news,vip}'::text[] WHEN 2 THEN '{sports}'::text[] ELSE '{}'::text[] END, jsonb_build_object('city', "
                + "(ARRAY['Seoul','Busan','Incheon','Daegu','Gwangju'])[1 + g % 5], 'age', 18 + g % 60, 'since', "
                + "(date '2020-01-01' + g % 2000)::text), now() - (g % 1500) * interval '1 day', now() "
                + "FROM generate_series(1, " + subscribers + ") g");
        exec(db, "INSERT INTO consent (subscriber_id, source, method, given_at, wording, policy_version) SELECT s.id, "
                + "(ARRAY['form','import','api'])[1 + s.id % 3], 'writer_attested', s.created_at, 'bench', 'v1' "
                + "FROM subscriber s WHERE s.publication_id = " + publication);
        for (int i = 0; i < issues; i++) {
            long issue = single(db, "INSERT INTO issue (publication_id, slug, title, body_markdown, status, created_at, "
                    + "updated_at) VALUES (" + publication + ", 'bench-" + i + "', 'Bench " + i
                    + "', 'b', 'sent', now(), now()) RETURNING id");
            long send = single(db, "INSERT INTO send (issue_id, publication_id, status, created_at, started_at, "
                    + "updated_at) VALUES (" + issue + ", " + publication + ", 'paused', now(), now() - interval '"
                    + (issues - i) + " days', now()) RETURNING id");
            // every active subscriber received the issue
            exec(db, "INSERT INTO delivery (send_id, subscriber_id, status, next_attempt_at, sent_at) SELECT " + send
                    + ", s.id, 'sent', now(), now() FROM subscriber s WHERE s.publication_id = " + publication);
            // opens by a quarter of them (one in five of those by an image proxy), clicks by one in twenty; one in
            // ten never opens anything
            exec(db, "INSERT INTO tracking_event (delivery_id, kind, machine, at) SELECT d.id, 'open', "
                    + "(d.subscriber_id + " + i + ") % 5 = 0, now() FROM delivery d WHERE d.send_id = " + send
                    + " AND (d.subscriber_id * 7 + " + i + ") % 4 = 0 AND d.subscriber_id % 10 <> 9");
            exec(db, "INSERT INTO tracking_event (delivery_id, kind, machine, at) SELECT d.id, 'click', false, now() "
                    + "FROM delivery d WHERE d.send_id = " + send + " AND (d.subscriber_id * 3 + " + i + ") % 20 = 0 "
                    + "AND d.subscriber_id % 10 <> 9");
            // the finisher closes the send: its trigger records who received it (the send was written paused, so
            // that the app's own finisher does not close it before its deliveries exist)
            exec(db, "UPDATE send SET status = 'sent', finished_at = now() WHERE id = " + send);
        }
        exec(db, "INSERT INTO tip (public_id, publication_id, subscriber_id, coffees, unit_price, amount, currency, "
                + "provider, status, created_at, updated_at) SELECT 'bench-' || s.id, " + publication + ", s.id, 1, 5, 5, "
                + "'USD', 'bench', 'paid', now(), now() FROM subscriber s WHERE s.publication_id = " + publication
                + " AND s.id % 100 = 7");
        long issue = single(db, "SELECT min(id) FROM issue WHERE publication_id = " + publication);
        exec(db, "INSERT INTO comment (issue_id, publication_id, subscriber_id, author_name, body_markdown, body_html, "
                + "status, created_at) SELECT " + issue + ", " + publication + ", s.id, 'Reader', 'Hi', '<p>Hi</p>', "
                + "'visible', now() FROM subscriber s WHERE s.publication_id = " + publication + " AND s.id % 100 = 11");
        // one in fifty is a member (a comp, which reads paid parts like a paying one)
        exec(db, "INSERT INTO membership (publication_id, subscriber_id, kind, state, provider, current_period_start, "
                + "started_at, updated_at) SELECT " + publication + ", s.id, 'comp', 'active', 'comp', now(), now(), now() "
                + "FROM subscriber s WHERE s.publication_id = " + publication + " AND s.id % 50 = 3");
        exec(db, "SET session_replication_role = origin");
        exec(db, "ALTER TABLE tracking_event ENABLE TRIGGER tracking_event_engagement");
        exec(db, "ALTER TABLE send ENABLE TRIGGER send_engagement_received");
        exec(db, "ALTER TABLE consent ENABLE TRIGGER consent_sources");
        // the engagement trigger rewrote each subscriber row once per seeded issue, which leaves the table
        // several times its size; in production rows change a few at a time and vacuum keeps up
        exec(db, "VACUUM FULL subscriber");
        exec(db, "VACUUM ANALYZE");
    }

    private static void time(AppProcess app, String token, Connection db, String slug, long publication, int runs)
            throws Exception {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("reference: no condition (everyone)", "[]");
        filters.put("status in (active)", "[{\"kind\":\"status\",\"op\":\"in\",\"values\":[\"active\"]}]");
        filters.put("tag any (vip)", "[{\"kind\":\"tag\",\"op\":\"any\",\"values\":[\"vip\"]}]");
        filters.put("tag none (news)", "[{\"kind\":\"tag\",\"op\":\"none\",\"values\":[\"news\"]}]");
        filters.put("attribute city equals",
                "[{\"kind\":\"attribute\",\"key\":\"city\",\"op\":\"equals\",\"value\":\"Seoul\"}]");
        filters.put("attribute city contains",
                "[{\"kind\":\"attribute\",\"key\":\"city\",\"op\":\"contains\",\"value\":\"san\"}]");
        filters.put("attribute age > 40 (number)", "[{\"kind\":\"attribute\",\"key\":\"age\",\"op\":\"gt\",\"value\":\"40\"}]");
        filters.put("attribute since before (day)",
                "[{\"kind\":\"attribute\",\"key\":\"since\",\"op\":\"before\",\"value\":\"2022-01-01\"}]");
        filters.put("attribute exists", "[{\"kind\":\"attribute\",\"key\":\"age\",\"op\":\"exists\"}]");
        filters.put("source in (import)", "[{\"kind\":\"source\",\"op\":\"in\",\"values\":[\"import\"]}]");
        filters.put("signup within 90 days", "[{\"kind\":\"signup\",\"op\":\"within_days\",\"value\":\"90\"}]");
        filters.put("opened any of the last 3 issues", "[{\"kind\":\"engagement\",\"op\":\"opened\",\"issues\":3}]");
        filters.put("opened any of the last 10 issues", "[{\"kind\":\"engagement\",\"op\":\"opened\",\"issues\":10}]");
        filters.put("clicked any of the last 5 issues", "[{\"kind\":\"engagement\",\"op\":\"clicked\",\"issues\":5}]");
        filters.put("opened none of the last issue", "[{\"kind\":\"engagement\",\"op\":\"not_opened\",\"issues\":1}]");
        filters.put("never opened", "[{\"kind\":\"engagement\",\"op\":\"never_opened\"}]");
        filters.put("tipped", "[{\"kind\":\"engagement\",\"op\":\"tipped\"}]");
        filters.put("commented", "[{\"kind\":\"engagement\",\"op\":\"commented\"}]");
        filters.put("paid member", "[{\"kind\":\"engagement\",\"op\":\"paid_member\"}]");
        filters.put("all of: active, vip, any of (Seoul, opened last 3)", "[{\"kind\":\"status\",\"op\":\"in\",\"values\":"
                + "[\"active\"]},{\"kind\":\"tag\",\"op\":\"any\",\"values\":[\"vip\"]},{\"kind\":\"group\",\"match\":\"any\","
                + "\"conditions\":[{\"kind\":\"attribute\",\"key\":\"city\",\"op\":\"equals\",\"value\":\"Seoul\"},"
                + "{\"kind\":\"engagement\",\"op\":\"opened\",\"issues\":3}]}]");
        double plain = medianOf(runs,
                () -> single(db, "SELECT count(*) FROM subscriber WHERE publication_id = " + publication));
        System.out.printf("%-52s %9.1f ms%n", "reference: plain count(*) over JDBC", plain);
        double everyone = 0;
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            String body = "{\"filter\":{\"match\":\"all\",\"conditions\":" + filter.getValue() + "}}";
            String[] answer = new String[1];
            double ms = medianOf(runs, () -> {
                HttpResponse<String> response = app.postJson("/api/v1/publications/" + slug + "/segments/count", token, body);
                check(response, 200);
                answer[0] = response.body();
                return 0;
            });
            if (everyone == 0) {
                everyone = ms;
            }
            System.out.printf("%-52s %9.1f ms  x%5.2f of no condition  %s%n", filter.getKey(), ms, ms / everyone,
                    answer[0]);
        }
    }

    private interface Run {
        long run() throws Exception;
    }

    /** The median of {@code runs} timed runs, after one untimed run that warms caches and plans. */
    private static double medianOf(int runs, Run run) throws Exception {
        run.run();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            run.run();
            times.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    private static void check(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": " + response.body());
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
}
