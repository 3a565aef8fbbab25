package dev.gazette.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The send progress query on a large send, as it was (counting the rows retrying and those sent in
 * the last ten seconds) and as it is (the send's counters and its messages per second), on the same
 * data in the same run. Argument: the number of deliveries (default 1,000,000).
 */
public final class ProgressBenchmark {
    public static void main(String[] a) throws Exception {
        int n = a.length > 0 ? Integer.parseInt(a[0]) : 1_000_000;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE send (id bigint PRIMARY KEY, issue_id bigint, status text, pause_reason text, total int, sent_count int, failed_count int, skipped_count int, retrying_count int)");
            s.execute("CREATE TABLE delivery (id bigint PRIMARY KEY, send_id bigint, status text, sent_at timestamptz)");
            s.execute("CREATE INDEX delivery_claimable ON delivery (send_id, id) WHERE status IN ('queued', 'retrying')");
            s.execute("CREATE INDEX delivery_recently_sent ON delivery (send_id, sent_at) WHERE status = 'sent'");
            s.execute("CREATE TABLE send_second (send_id bigint, second timestamptz, sent int, PRIMARY KEY (send_id, second))");
            // a send half way: sent at 8,000 a second up to now, a few retrying, the rest queued
            s.execute("INSERT INTO delivery SELECT g, 1, CASE WHEN g <= " + n / 2
                    + " THEN 'sent' WHEN g % 100 = 0 THEN 'retrying' ELSE 'queued' END,"
                    + " CASE WHEN g <= " + n / 2 + " THEN now() - ((" + n / 2
                    + " - g) / 8000.0) * interval '1 second' END FROM generate_series(1, " + n + ") g");
            s.execute("INSERT INTO send VALUES (1, 1, 'sending', null, " + n + ", " + n / 2
                    + ", 0, 0, (SELECT count(*) FROM delivery WHERE status = 'retrying'))");
            s.execute(
                    "INSERT INTO send_second SELECT 1, date_trunc('second', sent_at), count(*) FROM delivery WHERE status = 'sent' AND sent_at > now() - interval '60 seconds' GROUP BY 2");
            s.execute("VACUUM ANALYZE");
            // before issue 17: two counts over the send's rows per call
            String old = "SELECT s.id, s.status, s.total, s.sent_count, s.failed_count, s.skipped_count, s.pause_reason,"
                    + " (SELECT count(*) FROM delivery d WHERE d.send_id = s.id AND d.status = 'retrying'),"
                    + " (SELECT count(*) FROM delivery d WHERE d.send_id = s.id AND d.status = 'sent' AND d.sent_at > ?)"
                    + " FROM send s WHERE s.issue_id = 1";
            // now: the counters (SendProgress)
            String now = "SELECT s.id, s.status, s.total, s.sent_count, s.failed_count, s.skipped_count, s.pause_reason, s.retrying_count,"
                    + " (SELECT COALESCE(sum(x.sent), 0) FROM send_second x WHERE x.send_id = s.id AND x.second >= ? AND x.second < ?)"
                    + " FROM send s WHERE s.issue_id = 1";
            System.out.printf("%,d deliveries: before %.1f ms, after %.2f ms (median of 20 calls)%n", n, time(c, old, 1),
                    time(c, now, 2));
        }
    }

    private static double time(Connection c, String sql, int params) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long t = System.nanoTime();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                long sec = System.currentTimeMillis() / 1000 * 1000;
                p.setTimestamp(1, new Timestamp(sec - 10_000));
                if (params == 2) {
                    p.setTimestamp(2, new Timestamp(sec));
                }
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                }
            }
            if (i >= 5)
                ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        return (ms.get(9) + ms.get(10)) / 2;
    }
}
