package dev.gazette.testing;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

/** Sends in a state a test needs, whatever the delivery engine would do meanwhile. */
public final class Sends {

    private Sends() {
    }

    /** Makes the issue a send under way: 3 recipients, 2 done, 1 queued an hour from now (so nothing claims it). */
    public static void hold(DataSource db, long issueId) {
        Timestamp now = Timestamp.from(Instant.now());
        Db.execute(db, "UPDATE issue SET status = 'sending', scheduled_at = ?, updated_at = ? WHERE id = ?", now, now,
                issueId);
        // the send and its queued row in one statement: the finisher, which marks a send with no row
        // left as sent, must never see the one without the other
        Db.execute(db, "WITH held AS (INSERT INTO send (issue_id, publication_id, status, total, sent_count, skipped_count,"
                + " created_at, started_at, updated_at) SELECT id, publication_id, 'sending', 3, 1, 1, ?, ?, ? FROM issue"
                + " WHERE id = ? RETURNING id) INSERT INTO delivery (send_id, status, next_attempt_at) SELECT id, 'queued', ?"
                + " FROM held", now, now, now, issueId, Timestamp.from(Instant.now().plus(1, ChronoUnit.HOURS)));
    }
}
