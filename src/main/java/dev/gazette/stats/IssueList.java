package dev.gazette.stats;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.account.Caller;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * A publication's issues for the studio, newest first, a page at a time, optionally only those
 * whose title holds some words: each with its state, its send's progress and its reach.
 */
@ApplicationScoped
class IssueList {

    static final int PAGE_SIZE = 20;

    /** One issue's line; {@code started} once a send began ({@code total} its audience); rates are of the messages sent. */
    record Line(long id, String title, String status, Instant scheduledAt, Instant sentAt, Instant createdAt,
            boolean started, long total, long sent, long failed, long uniqueOpens, long uniqueClicks) {

        public double openRate() {
            return StatsSql.rate(uniqueOpens, sent);
        }

        public double clickRate() {
            return StatsSql.rate(uniqueClicks, sent);
        }

        public boolean live() {
            return "sending".equals(status) || "paused".equals(status);
        }
    }

    /** A page of lines, and whether another page follows. */
    record Page(PublicationRef publication, List<Line> lines, String query, int number, boolean more) {
    }

    // A page of the publication's issues (the index on publication and creation time), with the
    // send's counters and the issue's rollup; one more row than shown says whether a page follows.
    private static final String LINES = """
            SELECT i.id, i.title,
                   -- once a send runs, its own state is the freshest (the issue follows it within moments)
                   CASE WHEN i.status IN ('draft', 'scheduled', 'cancelled') THEN i.status
                        ELSE COALESCE(s.status, i.status) END AS status,
                   i.scheduled_at, i.sent_at, i.created_at,
                   s.total, COALESCE(s.sent_count, 0) AS sent_count, COALESCE(s.failed_count, 0) AS failed_count,
                   COALESCE(x.unique_opens, 0) AS unique_opens, COALESCE(x.unique_clicks, 0) AS unique_clicks
              FROM issue i
              LEFT JOIN send s ON s.issue_id = i.id
              LEFT JOIN stats_issue x ON x.issue_id = i.id
             WHERE i.publication_id = ? AND i.kind = 'issue' AND (? = '' OR i.title ILIKE ? ESCAPE '\\')
             ORDER BY i.created_at DESC, i.id DESC
             LIMIT ? OFFSET ?""";

    private final Publications publications;
    private final StatsSql sql;

    IssueList(Publications publications, StatsSql sql) {
        this.publications = publications;
        this.sql = sql;
    }

    Page of(Caller caller, String slug, String query, int page) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        String words = query == null ? "" : query.strip();
        int number = Math.max(1, page);
        String pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<Line> lines = sql.list(LINES, r -> new Line(r.getLong("id"), r.getString("title"), r.getString("status"),
                instant(r.getTimestamp("scheduled_at")), instant(r.getTimestamp("sent_at")),
                instant(r.getTimestamp("created_at")), r.getObject("total") != null, r.getLong("total"),
                r.getLong("sent_count"),
                r.getLong("failed_count"), r.getLong("unique_opens"), r.getLong("unique_clicks")), publication.id(),
                words, pattern, PAGE_SIZE + 1, (number - 1) * PAGE_SIZE);
        boolean more = lines.size() > PAGE_SIZE;
        return new Page(publication, more ? lines.subList(0, PAGE_SIZE) : lines, words, number, more);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
