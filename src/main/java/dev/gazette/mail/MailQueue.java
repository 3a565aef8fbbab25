package dev.gazette.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every SQL statement on the {@code mail} table but the insert: the claim and outcomes of the
 * delivery engine's transactional lane, and the admin's reads. Plain JDBC, one statement each.
 */
@ApplicationScoped
public class MailQueue {

    private final DataSource dataSource;

    MailQueue(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A row the lane holds a lease on, with the stored message. */
    public record Claimed(long id, String envelopeFrom, String recipient, byte[] raw, int attempts, Instant createdAt) {
    }

    // Claims due rows, oldest due first, skipping rows another instance holds, under a lease;
    // counts the attempt.
    private static final String CLAIM = """
            WITH picked AS (
                SELECT id FROM mail
                WHERE state = 'queued' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)
                ORDER BY next_attempt_at, id
                LIMIT ?
                FOR UPDATE SKIP LOCKED)
            UPDATE mail m SET lease_owner = ?, lease_until = ?, attempts = m.attempts + 1
              FROM picked WHERE m.id = picked.id
            RETURNING m.id, m.envelope_from, m.recipient, m.raw, m.attempts, m.created_at""";

    public List<Claimed> claim(String owner, int limit, Instant now, Instant leaseUntil) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setTimestamp(2, Timestamp.from(now));
            s.setInt(3, limit);
            s.setString(4, owner);
            s.setTimestamp(5, Timestamp.from(leaseUntil));
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    claimed.add(new Claimed(r.getLong(1), r.getString(2), r.getString(3), r.getBytes(4), r.getInt(5),
                            r.getTimestamp(6).toInstant()));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new IllegalStateException("claiming transactional mail failed", e);
        }
    }

    // The relay took it: sent, with its reply; only while this instance still holds the row.
    private static final String SENT = """
            UPDATE mail SET state = 'sent', sent_at = ?, last_code = ?, last_reply = ?, lease_owner = NULL, lease_until = NULL
             WHERE id = ? AND lease_owner = ? AND state = 'queued'""";

    // Refused for good, or retried for too long: failed, with the reply that decided it.
    private static final String FAILED = """
            UPDATE mail SET state = 'failed', failed_at = ?, last_code = ?, last_reply = ?, lease_owner = NULL, lease_until = NULL
             WHERE id = ? AND lease_owner = ? AND state = 'queued'""";

    // Not this time: due again later; an attempt that never reached the relay is not counted.
    private static final String RETRY = """
            UPDATE mail SET next_attempt_at = ?, last_code = ?, last_reply = ?, attempts = attempts - ?,
                   lease_owner = NULL, lease_until = NULL
             WHERE id = ? AND lease_owner = ? AND state = 'queued'""";

    public void sent(long id, String owner, Instant at, int code, String reply) {
        update(SENT, at, code, reply, null, id, owner);
    }

    public void failed(long id, String owner, Instant at, int code, String reply) {
        update(FAILED, at, code, reply, null, id, owner);
    }

    public void retry(long id, String owner, Instant at, int code, String reply, boolean charged) {
        update(RETRY, at, code, reply, charged ? 0 : 1, id, owner);
    }

    private void update(String sql, Instant at, int code, String reply, Integer uncharge, long id, String owner) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setTimestamp(i++, Timestamp.from(at));
            if (code > 0) {
                s.setInt(i++, code);
            } else {
                s.setNull(i++, java.sql.Types.SMALLINT);
            }
            s.setString(i++, reply);
            if (uncharge != null) {
                s.setInt(i++, uncharge);
            }
            s.setLong(i++, id);
            s.setString(i, owner);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording a transactional mail's outcome failed", e);
        }
    }

    // At start: rows this instance held before it died come back at once (under a stable instance
    // name; otherwise their lease ends).
    public int releaseAll(String owner) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE mail SET lease_owner = NULL, lease_until = NULL "
                        + "WHERE lease_owner = ? AND state = 'queued'")) {
            s.setString(1, owner);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // Sent and failed rows that ended before this time, at most {@code limit} of them, skipping rows
    // another instance is deleting: the whole message they hold (a person's address, their links)
    // is not kept past the retention.
    public int prune(Instant endedBefore, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        DELETE FROM mail WHERE id IN (
                            SELECT id FROM mail
                            WHERE state IN ('sent', 'failed') AND coalesce(sent_at, failed_at) < ?
                            ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)""")) {
            s.setTimestamp(1, java.sql.Timestamp.from(endedBefore));
            s.setInt(2, limit);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // Rows waiting to be sent, for the metrics.
    public long waiting() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM mail WHERE state = 'queued'");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row as the admin sees it: everything but the message itself. */
    record Row(long id, String kind, String reference, Long publicationId, String recipient, String subject,
            String messageId, String state, int attempts, Instant nextAttemptAt, Integer lastCode, String lastReply,
            Instant createdAt, Instant sentAt, Instant failedAt) {
    }

    private static final String COLUMNS = "id, kind, reference, publication_id, recipient, subject, message_id, state, "
            + "attempts, next_attempt_at, last_code, last_reply, created_at, sent_at, failed_at FROM mail";

    // The newest rows, of one state or all, below an id (the page before).
    List<Row> list(String state, Long before, int limit) {
        String sql = "SELECT " + COLUMNS + " WHERE (?::text IS NULL OR state = ?) AND (?::bigint IS NULL OR id < ?) "
                + "ORDER BY id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, state);
            s.setString(2, state);
            s.setObject(3, before);
            s.setObject(4, before);
            s.setInt(5, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(row(r));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // One row by id.
    Optional<Row> find(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Row row(ResultSet r) throws SQLException {
        long publication = r.getLong(4);
        Long publicationId = r.wasNull() ? null : publication;
        int code = r.getInt(11);
        Integer lastCode = r.wasNull() ? null : code;
        return new Row(r.getLong(1), r.getString(2), r.getString(3), publicationId, r.getString(5), r.getString(6),
                r.getString(7), r.getString(8), r.getInt(9), instant(r.getTimestamp(10)), lastCode, r.getString(12),
                instant(r.getTimestamp(13)), instant(r.getTimestamp(14)), instant(r.getTimestamp(15)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
