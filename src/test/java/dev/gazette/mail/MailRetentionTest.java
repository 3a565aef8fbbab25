package dev.gazette.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Db;

/** Sent and failed transactional mail is deleted once past its retention (30 days); queued mail never. */
@QuarkusTest
class MailRetentionTest {

    @Inject
    DataSource db;

    @Inject
    MailRetention retention;

    @Test
    void onlyMailThatEndedBeforeTheRetentionGoes() {
        String run = UUID.randomUUID().toString();
        long oldSent = mail(run, "sent", "sent_at", 31);
        long oldFailed = mail(run, "failed", "failed_at", 40);
        long recentSent = mail(run, "sent", "sent_at", 29);
        long oldQueued = mail(run, "queued", null, 60);

        assertThat(retention.prune()).isGreaterThanOrEqualTo(2);
        assertThat(Db.count(db, "SELECT count(*) FROM mail WHERE id IN (?, ?)", oldSent, oldFailed)).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM mail WHERE id IN (?, ?)", recentSent, oldQueued)).isEqualTo(2);
    }

    private long mail(String run, String state, String endedColumn, int daysAgo) {
        String ended = endedColumn == null ? "" : ", " + endedColumn;
        String endedValue = endedColumn == null ? "" : ", now() - make_interval(days => " + daysAgo + ")";
        return Db.count(db, "INSERT INTO mail (kind, recipient, envelope_from, subject, message_id, raw, state, "
                + "next_attempt_at, created_at" + ended + ") VALUES ('test_send', 'old@example.com', "
                + "'gazette@example.com', 'old', ?, convert_to('Subject: old' || chr(13) || chr(10) || chr(13) || chr(10) || 'old', 'UTF8'), ?, "
                + "now() + interval '1 year', now() - make_interval(days => " + daysAgo
                + ")" + endedValue + ") RETURNING id", run + "-" + state + "-" + daysAgo + "@gazette.test", state);
    }
}
