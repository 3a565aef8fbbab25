package dev.gazette.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.gazette.testing.AppProcess;

/**
 * The studio's subscriber table at a million subscribers (not a test; see bench/subscribers.sh):
 * the packaged application on the embedded PostgreSQL 17, one publication of {@code -Dsubscribers}
 * (default 1,000,000) beside another of a tenth of that, and the page's answer time as a browser
 * gets it (HTTP, rendering included) for its first page, a page deep into the table (keyset), prefix
 * searches by address and by name and a status filter: p50 and p99 over {@code -Drequests} (default
 * 300) calls each, after {@code -Dwarmup} (default 200) calls of the same page. The reference, in the same run: the API's list at the same depth, which pages with
 * OFFSET and counts every match.
 */
public final class SubscriberTableBenchmark {

    private static final String PASSWORD = "benchmark password";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int WARMUP = Integer.getInteger("warmup", 200);
    private static Connection database;

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(System.getProperty("subscribers", "1000000"));
        int requests = Integer.parseInt(System.getProperty("requests", "300"));
        Path work = Files.createTempDirectory("gazette-subscribers-bench");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("shared_buffers", "256MB")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements").start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Map<String, String> env = Map.of("QUARKUS_DATASOURCE_JDBC_URL", url, "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "postgres", "GAZETTE_EMBEDDED_SMTP_PORT", "0",
                    "GAZETTE_DELIVERY_ENABLED", "false", "GAZETTE_ADMIN_EMAIL", "admin@bench.example.com",
                    "GAZETTE_ADMIN_PASSWORD", PASSWORD, "QUARKUS_LOG_LEVEL", "WARN");
            try (AppProcess app = AppProcess.start(work.resolve("app.log"), env);
                    Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
                String token = app.login("admin@bench.example.com", PASSWORD);
                String slug = "table-bench";
                for (String s : new String[]{slug, "other-bench"}) {
                    HttpResponse<String> created = app.postJson("/api/v1/publications", token, "{\"slug\":\"" + s
                            + "\",\"name\":\"Table bench\",\"locale\":\"en\",\"senderName\":\"Bench\","
                            + "\"senderEmail\":\"bench@example.com\"}");
                    if (created.statusCode() != 201) {
                        throw new AssertionError(created.statusCode() + " " + created.body());
                    }
                }
                long started = System.nanoTime();
                seed(db, "other-bench", n / 10);
                seed(db, slug, n);
                execute(db, "VACUUM ANALYZE subscriber");
                execute(db, "CREATE EXTENSION pg_stat_statements");
                database = db;
                System.out.printf("Subscriber table benchmark: %,d subscribers (and %,d in another publication), seeded "
                        + "and analyzed in %.1f s; %d calls each%n", n, n / 10, (System.nanoTime() - started) / 1e9, requests);
                String probe = Long.toString(n * 42L / 100);
                String address = text(db, "SELECT email FROM subscriber WHERE name = 'Person " + probe + "x' AND email LIKE '%@"
                        + slug + ".example.com'");
                String tables = "<tr id=\"subscriber-";
                for (String[] publication : new String[][]{{slug, "newest rows"}, {"other-bench", "oldest rows"}}) {
                    String page = "http://127.0.0.1:" + app.port() + "/studio/publications/" + publication[0] + "/subscribers";
                    long middle = single(db, "SELECT s.id FROM subscriber s JOIN publication p ON p.id = s.publication_id "
                            + "WHERE p.slug = '" + publication[0] + "' ORDER BY s.id OFFSET "
                            + (publication[0].equals(slug) ? n / 2 : n / 20) + " LIMIT 1");
                    System.out.println(" " + publication[0] + " (" + publication[1] + "):");
                    measure("first page", page, token, requests, tables);
                    measure("keyset page at the middle", page + "?after=" + middle, token, requests, tables);
                    measure("address prefix of 1 hex digit (1 in 16)", page + "?q=a", token, requests, tables);
                    measure("status filter (1 in 100 unsubscribed), middle", page + "?status=unsubscribed&after=" + middle,
                            token, requests, tables);
                }
                String page = "http://127.0.0.1:" + app.port() + "/studio/publications/" + slug + "/subscribers";
                System.out.println(" " + slug + ", searches for one subscriber:");
                measure("address prefix, 1 match", page + "?q=" + address.substring(0, 10), token, requests, address);
                measure("name prefix, 1 match", page + "?q=person+" + probe + "x", token, requests, address);
                measure("reference: API list at the middle (OFFSET, count)", "http://127.0.0.1:" + app.port()
                        + "/api/v1/publications/" + slug + "/subscribers?size=50&page=" + n / 100, token,
                        Math.max(10, requests / 15), "\"items\"");
            }
        }
    }

    /**
     * Subscribers {@code <6 hex digits>.<g>@<slug>.example.com} (so an address prefix of one hex digit matches one in 16,
     * spread over the table) named {@code Person <g>x}, 1 in 100 unsubscribed, 1 in 10 tagged.
     */
    private static void seed(Connection db, String slug, int n) throws Exception {
        execute(db, "INSERT INTO subscriber (publication_id, email, email_hash, name, status, tags, created_at, updated_at) "
                + "SELECT p.id, substr(md5(g::text), 1, 6) || '.' || g || '@' || p.slug || '.example.com', "
                + "md5(p.slug || g) || md5(g::text), 'Person ' || g || 'x', "
                + "CASE WHEN g % 100 = 0 THEN 'unsubscribed' ELSE 'active' END, "
                + "CASE WHEN g % 10 = 0 THEN ARRAY['weekly'] ELSE '{}' END, now() - (g % 365) * interval '1 day', now() "
                + "FROM publication p CROSS JOIN generate_series(1, " + n + ") g WHERE p.slug = '" + slug + "'");
    }

    private static void measure(String what, String url, String token, int requests, String expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Cookie", "gazette_session=" + token)
                .header("Authorization", "Bearer " + token)
                .header("Accept-Language", "en").build();
        // the same calls first, so that p99 is the warm server's and not its compiler's (-Dwarmup, default 200)
        for (int i = 0; i < Math.max(10, Math.min(requests, WARMUP)); i++) {
            check(HTTP.send(request, HttpResponse.BodyHandlers.ofString()), expected, url);
        }
        execute(database, "SELECT pg_stat_statements_reset()");
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            ms.add((System.nanoTime() - started) / 1e6);
            check(response, expected, url);
        }
        Collections.sort(ms);
        // the database's part: the statements that read the subscriber table, per call (mean) and at most
        double[] sql = new double[2];
        try (Statement s = database.createStatement();
                ResultSet r = s.executeQuery("SELECT COALESCE(sum(total_exec_time) / "
                        + requests
                        + ", 0), COALESCE(sum(max_exec_time), 0) FROM pg_stat_statements WHERE query ILIKE '%from subscriber%' "
                        + "AND query NOT ILIKE '%pg_stat_statements%'")) {
            r.next();
            sql[0] = r.getDouble(1);
            sql[1] = r.getDouble(2);
        }
        System.out.printf("  %-50s p50 %7.2f ms   p99 %7.2f ms   (its SQL: mean %6.2f ms, max %7.2f ms)%n", what,
                percentile(ms, 50), percentile(ms, 99), sql[0], sql[1]);
    }

    private static void check(HttpResponse<String> response, String expected, String url) {
        if (response.statusCode() != 200 || !response.body().contains(expected)) {
            throw new AssertionError(url + " answered " + response.statusCode() + " without " + expected);
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void execute(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    private static String text(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static long single(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
