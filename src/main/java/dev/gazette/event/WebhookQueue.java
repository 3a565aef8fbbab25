package dev.gazette.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every SQL statement of the webhook workers, plain JDBC: the claim of due deliveries under a lease
 * ({@code FOR UPDATE SKIP LOCKED}, so instances share the table), and a batch of outcomes written
 * in one transaction (each delivery's state, its attempt in the log, its endpoint's health).
 */
@ApplicationScoped
class WebhookQueue {

    /** A delivery this instance holds, with what it needs to post it. */
    record Claimed(long id, String eventId, int attempts, Instant startedAt, long endpointId, String url,
            List<String> secrets, String body) {
    }

    /** What became of one attempt: delivered, due again at {@code retryAt}, or failed for good (both null). */
    record Outcome(Claimed delivery, Instant requestedAt, WebhookCall.Answer answer, Instant retryAt, boolean delivered) {
    }

    // Claims due deliveries of enabled endpoints, oldest due first, skipping rows another instance
    // holds; counts the attempt and returns each with its endpoint and event.
    private static final String CLAIM = """
            WITH picked AS (
                SELECT d.id FROM webhook_delivery d JOIN webhook_endpoint w ON w.id = d.endpoint_id AND w.enabled
                 WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?)
                 ORDER BY d.next_attempt_at, d.id
                 LIMIT ?
                   FOR UPDATE OF d SKIP LOCKED)
            UPDATE webhook_delivery d SET lease_owner = ?, lease_until = ?, attempts = d.attempts + 1
              FROM picked, webhook_endpoint w, event e
             WHERE d.id = picked.id AND w.id = d.endpoint_id AND e.id = d.event_id
            RETURNING d.id, d.event_id, d.attempts, d.started_at, w.id, w.url, w.secret, w.previous_secret,
                      w.previous_secret_until, e.type, e.version, e.publication_id, e.data::text, e.occurred_at""";

    private final DataSource dataSource;

    WebhookQueue(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<Claimed> claim(String owner, int limit, Instant now, Instant leaseUntil) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setTimestamp(2, Timestamp.from(now));
            s.setInt(3, limit);
            s.setString(4, owner);
            s.setTimestamp(5, Timestamp.from(leaseUntil));
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp previousUntil = r.getTimestamp(9);
                    claimed.add(new Claimed(r.getLong(1), r.getString(2), r.getInt(3), r.getTimestamp(4).toInstant(),
                            r.getLong(5), r.getString(6), WebhookEndpoint.secrets(r.getString(7), r.getString(8),
                                    previousUntil == null ? null : previousUntil.toInstant(), now),
                            body(r.getString(10), r.getInt(11), r.getObject(12), r.getString(13),
                                    r.getTimestamp(14).toInstant())));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new IllegalStateException("claiming webhook deliveries failed", e);
        }
    }

    /** The message as posted: the Standard Webhooks envelope around the event's payload. */
    static String body(String type, int version, Object publicationId, String data, Instant occurredAt) {
        return "{\"type\":\"" + type + "\",\"version\":" + version + ",\"timestamp\":\"" + occurredAt
                + "\",\"publicationId\":" + publicationId + ",\"data\":" + data + "}";
    }

    // The delivery's outcome, only while this instance still holds it.
    private static final String OUTCOME = """
            UPDATE webhook_delivery SET state = ?, next_attempt_at = COALESCE(CAST(? AS timestamptz), next_attempt_at),
                   delivered_at = CAST(? AS timestamptz), last_status = ?, lease_owner = NULL, lease_until = NULL
             WHERE id = ? AND lease_owner = ?""";

    // One line of the delivery log, unless the delivery was deleted with its endpoint meanwhile.
    private static final String ATTEMPT = """
            INSERT INTO webhook_attempt (delivery_id, requested_at, duration_ms, status, response_excerpt, error)
            SELECT d.id, ?, ?, ?, ?, ? FROM webhook_delivery d WHERE d.id = ?""";

    // Endpoints that failed: failing from now unless they already were.
    private static final String FAILING = """
            UPDATE webhook_endpoint SET failing_since = ? WHERE id = ANY (?) AND failing_since IS NULL""";

    // Endpoints that took a delivery: healthy again.
    private static final String HEALTHY = """
            UPDATE webhook_endpoint SET failing_since = NULL WHERE id = ANY (?) AND failing_since IS NOT NULL""";

    // Enabled endpoints that have failed since before the cutoff without a success: to be disabled.
    private static final String FAILED_TOO_LONG = """
            SELECT id FROM webhook_endpoint WHERE id = ANY (?) AND enabled AND failing_since < ?""";

    /** Writes a batch of outcomes in one transaction; returns the endpoints failing since before {@code cutoff}. */
    List<Long> record(List<Outcome> outcomes, String owner, Instant cutoff) {
        List<Long> failing = outcomes.stream().filter(o -> !o.delivered()).map(o -> o.delivery().endpointId())
                .distinct().toList();
        List<Long> healthy = outcomes.stream().filter(Outcome::delivered).map(o -> o.delivery().endpointId())
                .distinct().toList();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                return record(c, outcomes, owner, cutoff, failing, healthy);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording webhook outcomes failed", e);
        }
    }

    private static List<Long> record(Connection c, List<Outcome> outcomes, String owner, Instant cutoff,
            List<Long> failing, List<Long> healthy) throws SQLException {
        // The endpoints first, as deleting an endpoint locks it before its deliveries: the other order
        // deadlocked with a writer deleting the endpoint a test event had just failed on.
        List<Long> disable = List.of();
        if (!failing.isEmpty()) {
            update(c, FAILING, Timestamp.from(outcomes.get(0).requestedAt()), failing);
            disable = ids(c, failing, cutoff);
        }
        if (!healthy.isEmpty()) {
            update(c, HEALTHY, null, healthy);
        }
        try (PreparedStatement s = c.prepareStatement(OUTCOME); PreparedStatement a = c.prepareStatement(ATTEMPT)) {
            for (Outcome o : outcomes) {
                s.setString(1, o.delivered() ? "delivered" : o.retryAt() != null ? "pending" : "failed");
                s.setTimestamp(2, o.retryAt() == null ? null : Timestamp.from(o.retryAt()));
                s.setTimestamp(3, o.delivered() ? Timestamp.from(o.requestedAt()) : null);
                setStatus(s, 4, o.answer().status());
                s.setLong(5, o.delivery().id());
                s.setString(6, owner);
                s.addBatch();
                a.setTimestamp(1, Timestamp.from(o.requestedAt()));
                a.setInt(2, o.answer().durationMs());
                setStatus(a, 3, o.answer().status());
                a.setString(4, o.answer().excerpt());
                a.setString(5, o.answer().error());
                a.setLong(6, o.delivery().id());
                a.addBatch();
            }
            s.executeBatch();
            a.executeBatch();
        }
        c.commit();
        return disable.stream().filter(id -> !healthy.contains(id)).toList();
    }

    private static void update(Connection c, String sql, Timestamp at, List<Long> endpoints) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (at != null) {
                s.setTimestamp(i++, at);
            }
            s.setArray(i, c.createArrayOf("bigint", endpoints.toArray()));
            s.executeUpdate();
        }
    }

    private static List<Long> ids(Connection c, List<Long> endpoints, Instant cutoff) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FAILED_TOO_LONG)) {
            s.setArray(1, c.createArrayOf("bigint", endpoints.toArray()));
            s.setTimestamp(2, Timestamp.from(cutoff));
            List<Long> ids = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
            return ids;
        }
    }

    private static void setStatus(PreparedStatement s, int index, Integer status) throws SQLException {
        if (status == null) {
            s.setNull(index, Types.SMALLINT);
        } else {
            s.setInt(index, status);
        }
    }
}
