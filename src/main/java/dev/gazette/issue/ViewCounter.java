package dev.gazette.issue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Counts real page views without making a reader wait: a view is noted in memory, and every
 * second the views noted are written in one transaction. The database keeps who was counted when
 * (a hash of the issue, the address and the browser), so a reader counts once per window however
 * many instances they reach; a crash loses the views of the last second at most.
 */
@ApplicationScoped
public class ViewCounter {

    /** Clients that are not a person reading: crawlers, link previews, monitors, scripts. */
    private static final Pattern NOT_A_READER = Pattern.compile(
            "(?i)bot|crawl|spider|slurp|facebookexternalhit|embedly|preview|monitor|curl|wget|python|java/|"
                    + "httpclient|okhttp|go-http|headless|lighthouse|scanner|fetch");
    // views the database has not heard of yet; beyond this (the database unreachable for long) new ones are dropped
    private static final int MAX_PENDING = 200_000;
    private static final Logger LOG = Logger.getLogger(ViewCounter.class);

    // Records the readers' views; a row comes back for each that counts: a first view, or one after the window.
    private static final String RECORD_VIEWS = """
            INSERT INTO issue_view (issue_id, reader_hash, last_seen_at)
            SELECT * FROM unnest(?::bigint[], ?::text[], ?::timestamptz[]) ORDER BY 1, 2
            ON CONFLICT (issue_id, reader_hash) DO UPDATE SET last_seen_at = excluded.last_seen_at
            WHERE issue_view.last_seen_at < excluded.last_seen_at - make_interval(secs => ?)
            RETURNING issue_id
            """;

    // Adds the counted views to their issues, in the order of their ids.
    private static final String COUNT_VIEWS = """
            UPDATE issue SET view_count = view_count + counted.views
            FROM (SELECT * FROM unnest(?::bigint[], ?::bigint[]) ORDER BY 1) AS counted (id, views)
            WHERE issue.id = counted.id
            """;

    // a reader as the request shows them; hashed only when written
    private record View(long issueId, String clientAddress, String userAgent) {
    }

    private record Row(long issueId, String readerHash, Instant seen) {
    }

    private final Map<View, Instant> pending = new ConcurrentHashMap<>();
    // the robot rule's answer per browser, which repeats far more than it varies
    private final Map<String, Boolean> readers = new ConcurrentHashMap<>();
    private final DataSource dataSource;
    private final IssueConfig config;
    private final Clock clock;

    ViewCounter(DataSource dataSource, IssueConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    /** Notes a page view when it comes from a person (not a known robot). */
    public void record(long issueId, String clientAddress, String userAgent) {
        if (userAgent == null || userAgent.isBlank() || !isReader(userAgent) || pending.size() >= MAX_PENDING) {
            return;
        }
        pending.putIfAbsent(new View(issueId, clientAddress, userAgent), clock.instant());
    }

    private boolean isReader(String userAgent) {
        Boolean reader = readers.get(userAgent);
        if (reader == null) {
            if (readers.size() > 10_000) {
                readers.clear();
            }
            reader = !NOT_A_READER.matcher(userAgent).find();
            readers.put(userAgent, reader);
        }
        return reader;
    }

    /** The issue's count as written so far. */
    public long count(long issueId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT view_count FROM issue WHERE id = ?")) {
            select.setLong(1, issueId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Scheduled(identity = "view-flush", every = "${gazette.public-pages.view-flush:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFlush() {
        flush();
    }

    void stop(@Observes ShutdownEvent stop) {
        flush();
    }

    /** Writes the views noted so far; returns how many of them counted. */
    synchronized int flush() {
        if (pending.isEmpty()) {
            return 0;
        }
        Map<View, Instant> taken = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (View view : new ArrayList<>(pending.keySet())) {
            Instant seen = pending.remove(view);
            if (seen != null) {
                taken.put(view, seen);
                rows.add(new Row(view.issueId(), readerHash(view.issueId(), view.clientAddress(), view.userAgent()), seen));
            }
        }
        rows.sort(Comparator.comparingLong(Row::issueId).thenComparing(Row::readerHash)); // the same order on every instance
        try {
            return write(rows);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not write %d page views, trying again: %s", rows.size(), e.getMessage());
            taken.forEach(pending::putIfAbsent);
            return 0;
        }
    }

    private int write(List<Row> rows) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<Long, Long> counted = new TreeMap<>();
                try (PreparedStatement record = connection.prepareStatement(RECORD_VIEWS)) {
                    record.setArray(1,
                            connection.createArrayOf("bigint", rows.stream().map(Row::issueId).toArray(Long[]::new)));
                    record.setArray(2,
                            connection.createArrayOf("text", rows.stream().map(Row::readerHash).toArray(String[]::new)));
                    record.setArray(3, connection.createArrayOf("timestamptz",
                            rows.stream().map(row -> Timestamp.from(row.seen())).toArray(Timestamp[]::new)));
                    record.setDouble(4, config.viewWindow().toMillis() / 1000.0);
                    try (ResultSet counting = record.executeQuery()) {
                        while (counting.next()) {
                            counted.merge(counting.getLong(1), 1L, Long::sum);
                        }
                    }
                }
                if (!counted.isEmpty()) {
                    try (PreparedStatement count = connection.prepareStatement(COUNT_VIEWS)) {
                        count.setArray(1, connection.createArrayOf("bigint", counted.keySet().toArray(Long[]::new)));
                        count.setArray(2, connection.createArrayOf("bigint", counted.values().toArray(Long[]::new)));
                        count.executeUpdate();
                    }
                }
                connection.commit();
                return counted.values().stream().mapToInt(Long::intValue).sum();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Who read, without keeping who: a hash of the issue, the address and the browser. */
    private static String readerHash(long issueId, String clientAddress, String userAgent) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((issueId + "|" + clientAddress + "|" + userAgent).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
