package dev.gazette.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.subscriber.Audience;

/**
 * Every SQL statement of the send path, in one place: claim, recipients, outcomes. Plain JDBC,
 * batched: a claim is one statement, a batch of outcomes one transaction.
 */
@ApplicationScoped
class DeliveryStore {

    /** A delivery's recipient as the claim reads it: absent, or no longer sendable, means skip. */
    record RecipientRow(long subscriberId, String email, String name, String attributesJson, boolean sendable) {
    }

    private final DataSource dataSource;
    private final DeliveryConfig config;
    private final Clock clock;

    DeliveryStore(DataSource dataSource, DeliveryConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    // The sends the engine serves: sending, of publications not suspended.
    private static final String ACTIVE_SENDS = """
            SELECT s.id FROM send s JOIN publication p ON p.id = s.publication_id
            WHERE s.status = 'sending' AND p.status = 'active' ORDER BY s.id""";

    // Claims due rows of the given sends, up to a share of each, oldest first, skipping rows other
    // instances hold, under a lease; fixes each row's Message-ID at its first attempt.
    private static final String CLAIM = """
            WITH picked AS (
                SELECT x.id FROM unnest(?::bigint[]) AS s(id) CROSS JOIN LATERAL (
                    SELECT d.id FROM delivery d
                    WHERE d.send_id = s.id AND d.status IN ('queued', 'retrying') AND d.next_attempt_at <= ?
                      AND (d.lease_until IS NULL OR d.lease_until < ?)
                    ORDER BY d.id
                    LIMIT ?
                    FOR UPDATE OF d SKIP LOCKED) x)
            UPDATE delivery d
               SET lease_owner = ?, lease_until = ?, attempts = d.attempts + 1,
                   message_id = COALESCE(d.message_id,
                       '<' || d.send_id || '.' || d.id || '.' || substr(md5(random()::text), 1, 10) || '@' || ? || '>')
              FROM picked WHERE d.id = picked.id
            RETURNING d.id, d.send_id, d.subscriber_id, d.message_id, d.attempts, d.status = 'retrying',
                      COALESCE(d.variant, 0)""";

    /** Turns the order in which sends get their share when there are more sends than a batch holds. */
    private final AtomicLong turn = new AtomicLong();

    /**
     * Claims up to {@code limit} due rows, shared evenly between the sends under way, so a large
     * send never holds up a small one and each publication's own rate limit does not hold up the
     * instance. With more sends than rows, the sends take turns.
     */
    List<Claimed> claim(String owner, int limit, String messageIdHost) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            List<Long> active = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(ACTIVE_SENDS); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    active.add(r.getLong(1));
                }
            }
            if (active.isEmpty()) {
                return List.of();
            }
            Collections.rotate(active, (int) (turn.getAndIncrement() % active.size()));
            List<Long> served = active.subList(0, Math.min(active.size(), limit));
            int share = (limit + served.size() - 1) / served.size();
            try (PreparedStatement s = c.prepareStatement(CLAIM)) {
                s.setArray(1, c.createArrayOf("bigint", served.toArray()));
                s.setTimestamp(2, Timestamp.from(now));
                s.setTimestamp(3, Timestamp.from(now));
                s.setInt(4, share);
                s.setString(5, owner);
                s.setTimestamp(6, Timestamp.from(now.plus(config.lease())));
                s.setString(7, messageIdHost);
                return claimed(s, now);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("claiming deliveries failed", e);
        }
    }

    private List<Claimed> claimed(PreparedStatement s, Instant now) throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        // half the lease to start sending a row: the rest covers the message in flight
        Instant sendBefore = now.plus(config.lease().dividedBy(2));
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long subscriber = r.getLong(3);
                claimed.add(new Claimed(r.getLong(1), r.getLong(2), r.wasNull() ? null : subscriber, r.getString(4),
                        r.getInt(5), r.getBoolean(6), sendBefore, r.getInt(7)));
            }
        }
        return interleaved(claimed);
    }

    /** The rows one send after another in turn (oldest first within each), as the sender threads should take them. */
    static List<Claimed> interleaved(List<Claimed> rows) {
        Map<Long, ArrayDeque<Claimed>> bySend = new TreeMap<>();
        rows.stream().sorted(Comparator.comparingLong(Claimed::id))
                .forEach(row -> bySend.computeIfAbsent(row.sendId(), k -> new ArrayDeque<>()).add(row));
        List<Claimed> order = new ArrayList<>(rows.size());
        while (order.size() < rows.size()) {
            for (ArrayDeque<Claimed> queue : bySend.values()) {
                if (!queue.isEmpty()) {
                    order.add(queue.poll());
                }
            }
        }
        return order;
    }

    // The claimed rows' recipients, read now (not at snapshot time): someone who unsubscribed,
    // was suppressed or erased since the send started is no longer sendable.
    private static final String RECIPIENTS = "SELECT s.id, s.email, s.name, s.attributes::text, "
            + Audience.MAY_BE_MAILED + " FROM subscriber s WHERE s.id = ANY (?)";

    Map<Long, RecipientRow> recipients(List<Claimed> claimed) {
        Long[] ids = claimed.stream().map(Claimed::subscriberId).filter(java.util.Objects::nonNull).toArray(Long[]::new);
        Map<Long, RecipientRow> rows = new HashMap<>();
        if (ids.length == 0) {
            return rows;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RECIPIENTS)) {
            s.setArray(1, c.createArrayOf("bigint", ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.put(r.getLong(1), new RecipientRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getBoolean(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading recipients failed", e);
        }
    }

    /**
     * Per send: when it started (for the retry age) and its issue; {@code continuous} for a sequence
     * step's send, which stays open and counts each row's retry age from when it was queued.
     */
    record SendRow(long id, long issueId, long publicationId, Instant startedAt, boolean continuous) {
    }

    SendRow send(long sendId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT issue_id, publication_id, started_at, continuous FROM send WHERE id = ?")) {
            s.setLong(1, sendId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                return new SendRow(sendId, r.getLong(1), r.getLong(2), r.getTimestamp(3).toInstant(), r.getBoolean(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** When a continuous send's row was queued (its retry age starts there); null when unknown. */
    Instant queuedAt(long deliveryId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT queued_at FROM delivery WHERE id = ?")) {
            s.setLong(1, deliveryId);
            try (ResultSet r = s.executeQuery()) {
                Timestamp at = r.next() ? r.getTimestamp(1) : null;
                return at == null ? null : at.toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // One outcome per row, all in one statement: the new state, and the reply that decided it.
    // For rows that are done (sent, failed, skipped), next_at carries the time it happened.
    // The status test is written so that it cannot use the claim's partial index: with a send just
    // snapshotted (not in the statistics yet) the planner took that index for one row and rescanned
    // the whole batch for each row it found, seconds for a few thousand; each row by primary key is linear.
    private static final String RECORD = """
            UPDATE delivery d
               SET status = v.status, next_attempt_at = v.next_at, attempts = d.attempts - v.uncharge,
                   last_code = v.code, last_status = v.enhanced, last_reply = v.reply,
                   sent_at = CASE WHEN v.status = 'sent' THEN v.next_at END,
                   failed_at = CASE WHEN v.status = 'failed' THEN v.next_at END,
                   bounce = COALESCE(v.bounce, d.bounce),
                   lease_owner = NULL, lease_until = NULL
              FROM unnest(?::bigint[], ?::text[], ?::timestamptz[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[])
                   AS v(id, status, next_at, uncharge, code, enhanced, reply, bounce)
             WHERE d.id = v.id AND d.lease_owner = ? AND d.status NOT IN ('sent', 'failed', 'skipped')""";

    // The send's counters move in the same transaction as its rows.
    private static final String COUNT = """
            UPDATE send SET sent_count = sent_count + ?, failed_count = failed_count + ?,
                   skipped_count = skipped_count + ?, retrying_count = retrying_count + ?, updated_at = ? WHERE id = ?""";

    // The messages sent in this second, for the rate progress shows.
    private static final String PER_SECOND = """
            INSERT INTO send_second (send_id, second, sent) VALUES (?, date_trunc('second', ?::timestamptz), ?)
            ON CONFLICT (send_id, second) DO UPDATE SET sent = send_second.sent + EXCLUDED.sent""";

    /** A row's new state, decided by the engine. */
    record Change(long id, long sendId, String status, Instant nextAttemptAt, boolean uncharge, SmtpOutcome outcome,
            String bounce, boolean wasRetrying) {
    }

    /** Writes a batch of outcomes; returns how many rows this instance still held (the others were lost). */
    int record(String owner, List<Change> changes) {
        if (changes.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        int n = changes.size();
        Long[] ids = new Long[n];
        String[] statuses = new String[n];
        Timestamp[] next = new Timestamp[n];
        Integer[] uncharge = new Integer[n];
        Integer[] codes = new Integer[n];
        String[] enhanced = new String[n];
        String[] replies = new String[n];
        String[] bounces = new String[n];
        Map<Long, int[]> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Change ch = changes.get(i);
            ids[i] = ch.id();
            statuses[i] = ch.status();
            next[i] = Timestamp.from(ch.nextAttemptAt() == null ? now : ch.nextAttemptAt());
            uncharge[i] = ch.uncharge() ? 1 : 0;
            codes[i] = ch.outcome() == null ? null : ch.outcome().code();
            enhanced[i] = ch.outcome() == null ? null : ch.outcome().enhanced();
            replies[i] = ch.outcome() == null ? null : ch.outcome().reply();
            bounces[i] = ch.bounce();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Long> updated = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement(RECORD + " RETURNING d.id, d.status")) {
                    s.setArray(1, c.createArrayOf("bigint", ids));
                    s.setArray(2, c.createArrayOf("text", statuses));
                    s.setArray(3, c.createArrayOf("timestamptz", next));
                    s.setArray(4, c.createArrayOf("int4", uncharge));
                    s.setArray(5, c.createArrayOf("int4", codes));
                    s.setArray(6, c.createArrayOf("text", enhanced));
                    s.setArray(7, c.createArrayOf("text", replies));
                    s.setArray(8, c.createArrayOf("text", bounces));
                    s.setString(9, owner);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            updated.add(r.getLong(1));
                        }
                    }
                }
                java.util.Set<Long> held = new java.util.HashSet<>(updated);
                for (Change ch : changes) {
                    if (!held.contains(ch.id())) {
                        continue;
                    }
                    int[] count = counts.computeIfAbsent(ch.sendId(), k -> new int[4]);
                    switch (ch.status()) {
                        case "sent" -> count[0]++;
                        case "failed" -> count[1]++;
                        case "skipped" -> count[2]++;
                        default -> {
                        }
                    }
                    // a claimed row keeps the status it had; the counter follows its move
                    count[3] += ("retrying".equals(ch.status()) ? 1 : 0) - (ch.wasRetrying() ? 1 : 0);
                }
                try (PreparedStatement s = c.prepareStatement(COUNT)) {
                    for (Map.Entry<Long, int[]> e : counts.entrySet()) {
                        s.setInt(1, e.getValue()[0]);
                        s.setInt(2, e.getValue()[1]);
                        s.setInt(3, e.getValue()[2]);
                        s.setInt(4, e.getValue()[3]);
                        s.setTimestamp(5, Timestamp.from(now));
                        s.setLong(6, e.getKey());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                try (PreparedStatement s = c.prepareStatement(PER_SECOND)) {
                    for (Map.Entry<Long, int[]> e : counts.entrySet()) {
                        if (e.getValue()[0] > 0) {
                            s.setLong(1, e.getKey());
                            s.setTimestamp(2, Timestamp.from(now));
                            s.setInt(3, e.getValue()[0]);
                            s.addBatch();
                        }
                    }
                    s.executeBatch();
                }
                c.commit();
                return updated.size();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording delivery outcomes failed", e);
        }
    }

    /** Gives rows back without charging an attempt (shutdown, relay down, send paused). */
    void release(String owner, List<Claimed> rows, Duration after) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE delivery SET lease_owner = NULL, lease_until = NULL, attempts = attempts - 1, next_attempt_at = ? "
                                + "WHERE id = ANY (?) AND lease_owner = ? AND status IN ('queued', 'retrying')")) {
            s.setTimestamp(1, Timestamp.from(clock.instant().plus(after)));
            s.setArray(2, c.createArrayOf("bigint", rows.stream().map(Claimed::id).toArray(Long[]::new)));
            s.setString(3, owner);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Gives back every row this instance name still holds, at start: they were in flight or waiting
     * when it stopped, and are sent again now instead of when their lease ends. Attempts stay charged.
     */
    int releaseAll(String owner) {
        // the rows a previous run under this name held, due again at once
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE delivery SET lease_owner = NULL, lease_until = NULL "
                        + "WHERE lease_owner = ? AND status IN ('queued', 'retrying')")) {
            s.setString(1, owner);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("releasing this instance's rows failed", e);
        }
    }

    /** The wait before the next try of a transient failure: doubling, capped, with jitter. */
    Instant retryAt(int attempts) {
        long base = config.retry().initialDelay().toMillis();
        long capped = Math.min(config.retry().maxDelay().toMillis(), base << Math.min(20, Math.max(0, attempts - 1)));
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return clock.instant().plusMillis(jittered);
    }

}
