package dev.gazette.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the database's sessions spend a benchmark: every 50 ms, what each client backend is doing
 * (running, idle, or waiting and on what, with the statement's start), counted. The top lines tell
 * a lock queue from an fsync from a busy CPU without guessing.
 */
final class WaitSampler {

    private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;

    private WaitSampler(String url) {
        thread = new Thread(() -> sample(url), "wait-sampler");
        thread.setDaemon(true);
    }

    static WaitSampler start(String url) {
        WaitSampler sampler = new WaitSampler(url);
        sampler.thread.start();
        return sampler;
    }

    private void sample(String url) {
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
                Statement st = db.createStatement()) {
            while (running.get()) {
                try (ResultSet r = st.executeQuery("SELECT state, coalesce(wait_event_type || ':' || wait_event, 'CPU'), "
                        + "left(regexp_replace(query, '\\s+', ' ', 'g'), 70) FROM pg_stat_activity "
                        + "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND state <> 'idle'")) {
                    while (r.next()) {
                        seen.computeIfAbsent(r.getString(1) + " | " + r.getString(2) + " | " + r.getString(3),
                                k -> new AtomicLong()).incrementAndGet();
                    }
                }
                samples.incrementAndGet();
                Thread.sleep(50);
            }
        } catch (Exception e) {
            System.out.println("  (wait sampler stopped: " + e + ")");
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        thread.join();
    }

    /** The twenty most seen states, as the average number of sessions in each. */
    void print() {
        long n = Math.max(1, samples.get());
        System.out.printf("  database sessions not idle, averaged over %,d samples (state | wait | statement):%n", n);
        seen.entrySet().stream().sorted(Map.Entry.<String, AtomicLong>comparingByValue(
                Comparator.comparingLong(AtomicLong::get)).reversed()).limit(20)
                .forEach(e -> System.out.printf("    %5.2f  %s%n", e.getValue().get() / (double) n, e.getKey()));
    }
}
