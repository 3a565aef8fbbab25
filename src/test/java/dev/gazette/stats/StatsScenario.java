package dev.gazette.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * The scripted scenario: raw rows written with plain SQL as the features that own them would
 * (the delivery engine's batched outcome update included), with known figures to expect.
 *
 * <p>Eleven subscribers join five days before the send (five imported, three from the form, two by
 * API, one pending from the form, later deleted). A first issue went to ten of them two days
 * before; one unsubscribed the day after it. The issue under test goes to the other nine: seven
 * sent, one hard and one soft bounce, one complaint afterwards; opens and clicks by people and by
 * machines; two unsubscribes the day after; feedback, likes, comments and tips.
 */
final class StatsScenario {

    final long publicationId;
    final long issueId;
    final long earlierIssueId;
    final Instant sentAt; // the hour the issue went out (a whole UTC hour, three days ago)
    final Instant joinedAt;
    final Instant earlierUnsubscribeAt;
    final Instant unsubscribeAt;
    final List<Long> deliveries = new ArrayList<>(); // of the issue, by subscriber 1..4, 6..10
    final long[] links = new long[2];

    private final DataSource db;

    StatsScenario(DataSource db, long publicationId) {
        this.db = db;
        this.publicationId = publicationId;
        this.sentAt = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 3600 * 3600).minus(Duration.ofDays(3));
        this.joinedAt = sentAt.minus(Duration.ofDays(5));
        this.earlierUnsubscribeAt = sentAt.minus(Duration.ofDays(1));
        this.unsubscribeAt = sentAt.plus(Duration.ofDays(1));
        long[] subscribers = new long[12];
        for (int i = 1; i <= 11; i++) {
            subscribers[i] = id("INSERT INTO subscriber (publication_id, email, email_hash, status, created_at, updated_at, "
                    + "confirmed_at) VALUES (?, ?, repeat('a', 64), ?, ?, ?, ?) RETURNING id", publicationId,
                    "s" + i + "-" + publicationId + "@example.com", i == 11 ? "pending" : "active", ts(joinedAt),
                    ts(joinedAt), i == 11 ? null : ts(joinedAt));
            String source = i <= 5 ? "import" : i <= 8 || i == 11 ? "form" : "api";
            exec("INSERT INTO consent (subscriber_id, source, method, given_at, wording, policy_version) "
                    + "VALUES (?, ?, 'writer_attested', ?, 'w', 'v1')", subscribers[i], source, ts(joinedAt));
        }
        // a later consent does not change where the subscriber came from
        exec("INSERT INTO consent (subscriber_id, source, method, given_at, wording, policy_version) "
                + "VALUES (?, 'form', 'double_opt_in', ?, 'w', 'v1')", subscribers[1], ts(sentAt));

        earlierIssueId = issue("earlier", sentAt.minus(Duration.ofDays(2)));
        long earlierSend = send(earlierIssueId, sentAt.minus(Duration.ofDays(2)));
        exec("INSERT INTO delivery (send_id, subscriber_id, status, next_attempt_at, sent_at) "
                + "SELECT ?, id, 'sent', ?, ? FROM subscriber WHERE publication_id = ? AND status = 'active'", earlierSend,
                ts(sentAt.minus(Duration.ofDays(2))), ts(sentAt.minus(Duration.ofDays(2))), publicationId);
        exec("UPDATE subscriber SET status = 'unsubscribed', unsubscribed_at = ? WHERE id = ?", ts(earlierUnsubscribeAt),
                subscribers[5]);

        issueId = issue("scenario", sentAt);
        long send = send(issueId, sentAt);
        for (int i = 1; i <= 10; i++) {
            if (i != 5) {
                deliveries.add(id("INSERT INTO delivery (send_id, subscriber_id, next_attempt_at) VALUES (?, ?, ?) "
                        + "RETURNING id", send, subscribers[i], ts(sentAt)));
            }
        }
        // the engine's batched outcome: seven sent, a hard and a soft bounce
        exec("""
                UPDATE delivery d SET status = v.status, bounce = v.bounce,
                       sent_at = CASE WHEN v.status = 'sent' THEN ?::timestamptz END,
                       failed_at = CASE WHEN v.status = 'failed' THEN ?::timestamptz END
                  FROM unnest(?::bigint[], ?::text[], ?::text[]) AS v(id, status, bounce) WHERE d.id = v.id""",
                ts(sentAt.plusSeconds(60)), ts(sentAt.plusSeconds(60)), deliveries.toArray(Long[]::new),
                new String[]{"sent", "sent", "sent", "sent", "sent", "sent", "sent", "failed", "failed"},
                new String[]{null, null, null, null, null, null, null, "hard", "soft"});
        exec("UPDATE delivery SET bounce = 'complaint' WHERE id = ?", delivery(8)); // a complaint report

        links[0] = id("INSERT INTO issue_link (issue_id, url) VALUES (?, 'https://example.com/one') RETURNING id", issueId);
        links[1] = id("INSERT INTO issue_link (issue_id, url) VALUES (?, 'https://example.com/two') RETURNING id", issueId);
        event(1, "open", null, true, 63); // a privacy proxy right after delivery
        event(1, "open", null, false, 3600);
        event(1, "click", links[0], false, 3660);
        event(1, "click", links[1], false, 3720);
        event(2, "open", null, false, 5400);
        event(3, "open", null, true, 5400); // only ever opened by a machine
        event(2, "click", links[0], false, 7200);
        event(2, "click", links[0], false, 7260);
        event(1, "open", null, false, 3 * 3600);
        event(4, "click", links[1], true, 65); // a link scanner

        exec("UPDATE subscriber SET status = 'unsubscribed', unsubscribed_at = ? WHERE id IN (?, ?)", ts(unsubscribeAt),
                subscribers[3], subscribers[4]);
        exec("UPDATE subscriber SET tags = '{later}' WHERE id = ?", subscribers[3]); // changes nothing counted

        exec("INSERT INTO feedback (delivery_id, issue_id, rating, created_at, updated_at) VALUES "
                + "(?, ?, 'good', now(), now()), (?, ?, 'good', now(), now()), (?, ?, 'bad', now(), now())",
                delivery(1), issueId, delivery(2), issueId, delivery(3), issueId);
        exec("UPDATE feedback SET rating = 'okay' WHERE delivery_id = ?", delivery(3)); // a change of mind
        exec("INSERT INTO issue_like (issue_id, reader_hash, created_at) VALUES (?, 'a', now()), (?, 'b', now()), "
                + "(?, 'c', now())", issueId, issueId, issueId);
        exec("DELETE FROM issue_like WHERE issue_id = ? AND reader_hash = 'c'", issueId);
        exec("INSERT INTO comment (issue_id, publication_id, author_name, body_markdown, body_html, status, created_at) "
                + "VALUES (?, ?, 'a', 'x', 'x', 'pending', now()), (?, ?, 'b', 'x', 'x', 'visible', now()), "
                + "(?, ?, 'c', 'x', 'x', 'visible', now())", issueId, publicationId, issueId, publicationId, issueId,
                publicationId);
        exec("UPDATE comment SET status = 'visible' WHERE issue_id = ? AND author_name = 'a'", issueId); // confirmed
        exec("UPDATE comment SET status = 'hidden' WHERE issue_id = ? AND author_name = 'c'", issueId); // moderated
        for (int t = 1; t <= 4; t++) {
            exec("INSERT INTO tip (public_id, publication_id, issue_id, coffees, unit_price, amount, currency, provider, "
                    + "status, created_at, updated_at) VALUES (?, ?, ?, ?, 5000, ?, 'KRW', 'fake', 'pending', now(), now())",
                    "t" + t + "-" + issueId, publicationId, issueId, t == 4 ? 1 : t, 5000 * (t == 4 ? 1 : t));
        }
        exec("UPDATE tip SET status = 'paid', paid_at = ? WHERE issue_id = ? AND coffees <= 3 AND public_id NOT LIKE 't4-%'",
                ts(unsubscribeAt), issueId);
        exec("UPDATE tip SET status = 'refunded' WHERE public_id = ?", "t3-" + issueId);
        exec("UPDATE issue SET view_count = 5 WHERE id = ?", issueId); // the issue feature's own counter
        exec("DELETE FROM subscriber WHERE id = ?", subscribers[11]);
    }

    /** The issue's delivery to subscriber n (1..4, 6..10). */
    long delivery(int subscriber) {
        return deliveries.get(subscriber < 5 ? subscriber - 1 : subscriber - 2);
    }

    private void event(int subscriber, String kind, Long link, boolean machine, int secondsAfterSending) {
        exec("INSERT INTO tracking_event (delivery_id, kind, link_id, machine, at) VALUES (?, ?, ?, ?, ?)",
                delivery(subscriber), kind, link, machine, ts(sentAt.plusSeconds(secondsAfterSending)));
    }

    private long issue(String slug, Instant sent) {
        return id("INSERT INTO issue (publication_id, slug, title, body_markdown, status, sent_at, created_at, updated_at) "
                + "VALUES (?, ?, ?, 'body', 'sent', ?, now(), now()) RETURNING id", publicationId, slug,
                "Issue " + slug, ts(sent));
    }

    private long send(long issue, Instant started) {
        return id("INSERT INTO send (issue_id, publication_id, status, created_at, started_at, updated_at) "
                + "VALUES (?, ?, 'sent', ?, ?, ?) RETURNING id", issue, publicationId, ts(started), ts(started), ts(started));
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    long id(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = prepare(c, sql, args); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    void exec(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = prepare(c, sql, args)) {
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Long[] longs) {
                s.setArray(i + 1, c.createArrayOf("bigint", longs));
            } else if (a instanceof String[] texts) {
                s.setArray(i + 1, c.createArrayOf("text", texts));
            } else {
                s.setObject(i + 1, a);
            }
        }
        return s;
    }
}
