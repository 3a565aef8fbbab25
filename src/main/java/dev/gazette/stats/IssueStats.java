package dev.gazette.stats;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/** One issue's numbers, read from its rollup rows: a handful of rows whatever the audience size. */
@ApplicationScoped
public class IssueStats {

    /** How far the timeline reaches from the issue's first hour. */
    static final int TIMELINE_HOURS = 7 * 24;

    public record Feedback(long good, long okay, long bad, Double score) {
        static Feedback of(long good, long okay, long bad) {
            long total = good + okay + bad;
            return new Feedback(good, okay, bad, total == 0 ? null : (good * 100.0 + okay * 50.0) / total);
        }

        public long total() {
            return good + okay + bad;
        }
    }

    public record Tips(long count, long coffees, BigDecimal amount, String currency) {
    }

    public record Link(String url, long clicks, long uniqueClicks) {
    }

    public record Hour(Instant hour, long sent, long opens, long uniqueOpens, long machineOpens, long clicks,
            long uniqueClicks) {
    }

    /**
     * An A/B subject test's variant over every recipient it went to (the winner's include the rest of
     * the audience), with how many of them were in the test's sample; opens and clicks by people only.
     */
    public record SubjectVariant(int variant, String subject, boolean winner, long recipients, long inSample, long sent,
            long uniqueOpens, long uniqueClicks, double openRate, double clickRate) {
    }

    public record View(long issueId, String publication, String title, String slug, String status, Instant sentAt,
            long recipients, long sent, long failed, long bounced, long bouncedHard, long bouncedSoft, long complaints,
            long opens, long uniqueOpens, long machineOpens, long clicks, long uniqueClicks, long machineClicks,
            double openRate, double clickRate, double clickToOpenRate, long unsubscribes, long views, long likes,
            long comments, Feedback feedback, Tips tips, List<Tips> otherCurrencies, List<Link> links,
            List<Hour> timeline, List<SubjectVariant> subjectVariants) {
    }

    private final Publications publications;
    private final StatsSql sql;

    IssueStats(Publications publications, StatsSql sql) {
        this.publications = publications;
        this.sql = sql;
    }

    /** The stats of an issue of a publication the caller manages; 404 for anything else. */
    public View of(Caller caller, String slug, long issueId) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        List<Tips> tips = sql.list(TIPS, r -> new Tips(r.getLong("tips"), r.getLong("coffees"),
                StatsSql.money(r, "amount"), r.getString("currency")), issueId, publication.tipCurrency());
        Tips main = tips.isEmpty() || !tips.get(0).currency().equals(publication.tipCurrency())
                ? new Tips(0, 0, BigDecimal.ZERO, publication.tipCurrency())
                : tips.get(0);
        List<Tips> others = tips.stream().filter(t -> !t.currency().equals(main.currency())).toList();
        List<Link> links = sql.list(LINKS, r -> new Link(r.getString("url"), r.getLong("clicks"),
                r.getLong("unique_clicks")), issueId);
        List<Hour> timeline = sql.list(TIMELINE, r -> new Hour(instant(r.getTimestamp("hour")), r.getLong("sent"),
                r.getLong("opens"), r.getLong("unique_opens"), r.getLong("machine_opens"), r.getLong("clicks"),
                r.getLong("unique_clicks")), issueId, issueId, TIMELINE_HOURS);
        List<SubjectVariant> variants = sql.list(SUBJECT_VARIANTS, r -> new SubjectVariant(r.getInt("variant"),
                r.getString("subject"), r.getBoolean("winner"), r.getLong("recipients"), r.getLong("in_sample"),
                r.getLong("sent"), r.getLong("opens"), r.getLong("clicks"),
                StatsSql.rate(r.getLong("opens"), r.getLong("sent")),
                StatsSql.rate(r.getLong("clicks"), r.getLong("sent"))), issueId, publication.id());
        return sql.one(ISSUE, r -> {
            long sent = r.getLong("sent");
            long uniqueOpens = r.getLong("unique_opens");
            long uniqueClicks = r.getLong("unique_clicks");
            long hard = r.getLong("bounced_hard");
            long soft = r.getLong("bounced_soft");
            return new View(r.getLong("id"), publication.slug(), r.getString("title"), r.getString("slug"),
                    r.getString("status"), instant(r.getTimestamp("sent_at")), r.getLong("recipients"), sent,
                    r.getLong("failed"), hard + soft, hard, soft, r.getLong("complaints"), r.getLong("opens"),
                    uniqueOpens, r.getLong("machine_opens"), r.getLong("clicks"), uniqueClicks,
                    r.getLong("machine_clicks"), StatsSql.rate(uniqueOpens, sent), StatsSql.rate(uniqueClicks, sent),
                    StatsSql.rate(uniqueClicks, uniqueOpens), r.getLong("unsubscribes"), r.getLong("view_count"),
                    r.getLong("likes"), r.getLong("comments"),
                    Feedback.of(r.getLong("feedback_good"), r.getLong("feedback_okay"), r.getLong("feedback_bad")),
                    main, others, links, timeline, variants);
        }, issueId, publication.id())
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "issue_not_found", "No such issue"));
    }

    static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    // The issue (of this publication) with its rollup row, its web views and when its send started.
    private static final String ISSUE = """
            SELECT i.id, i.title, i.slug, i.status, COALESCE(i.sent_at, s.started_at) AS sent_at, i.view_count,
                   COALESCE(x.recipients, 0) AS recipients, COALESCE(x.sent, 0) AS sent,
                   COALESCE(x.failed, 0) AS failed, COALESCE(x.bounced_hard, 0) AS bounced_hard,
                   COALESCE(x.bounced_soft, 0) AS bounced_soft, COALESCE(x.complaints, 0) AS complaints,
                   COALESCE(x.opens, 0) AS opens, COALESCE(x.unique_opens, 0) AS unique_opens,
                   COALESCE(x.machine_opens, 0) AS machine_opens, COALESCE(x.clicks, 0) AS clicks,
                   COALESCE(x.unique_clicks, 0) AS unique_clicks, COALESCE(x.machine_clicks, 0) AS machine_clicks,
                   COALESCE(x.unsubscribes, 0) AS unsubscribes, COALESCE(x.likes, 0) AS likes,
                   COALESCE(x.comments, 0) AS comments, COALESCE(x.feedback_good, 0) AS feedback_good,
                   COALESCE(x.feedback_okay, 0) AS feedback_okay, COALESCE(x.feedback_bad, 0) AS feedback_bad
              FROM issue i
              LEFT JOIN stats_issue x ON x.issue_id = i.id
              LEFT JOIN send s ON s.issue_id = i.id
             WHERE i.id = ? AND i.publication_id = ?""";

    // Paid tips of the issue per currency, the publication's own currency first.
    private static final String TIPS = """
            SELECT currency, tips, coffees, amount FROM stats_issue_tip
             WHERE issue_id = ? AND tips <> 0 ORDER BY currency = ? DESC, amount DESC""";

    // Human clicks per link of the issue, most clicked first.
    private static final String LINKS = """
            SELECT l.url, x.clicks, x.unique_clicks FROM stats_link x JOIN issue_link l ON l.id = x.link_id
             WHERE x.issue_id = ? AND x.clicks > 0 ORDER BY x.clicks DESC, l.id LIMIT 100""";

    // The variants of the issue's A/B subject test (of this publication) with their recipients so far,
    // read from the send's rows: a test is one send, and its numbers are not in the rollups.
    private static final String SUBJECT_VARIANTS = """
            SELECT v.variant, v.subject, COALESCE(t.winner = v.variant, false) AS winner,
                   count(d.id) AS recipients, count(d.id) FILTER (WHERE d.in_sample) AS in_sample,
                   count(d.id) FILTER (WHERE d.status = 'sent') AS sent,
                   count(d.id) FILTER (WHERE EXISTS (SELECT 1 FROM tracking_event e
                                                     WHERE e.delivery_id = d.id AND e.kind = 'open' AND NOT e.machine)) AS opens,
                   count(d.id) FILTER (WHERE EXISTS (SELECT 1 FROM tracking_event e
                                                     WHERE e.delivery_id = d.id AND e.kind = 'click' AND NOT e.machine)) AS clicks
              FROM subject_variant v
              JOIN subject_test t ON t.issue_id = v.issue_id
              JOIN issue i ON i.id = t.issue_id
              LEFT JOIN delivery d ON d.send_id = t.send_id AND d.variant = v.variant
             WHERE v.issue_id = ? AND i.publication_id = ?
             GROUP BY v.variant, v.subject, t.winner ORDER BY v.variant""";

    // The issue's hours from its first one, for the timeline of its first days.
    private static final String TIMELINE = """
            SELECT hour, sent, opens, unique_opens, machine_opens, clicks, unique_clicks FROM stats_issue_hour h
             WHERE issue_id = ?
               AND hour < (SELECT min(hour) FROM stats_issue_hour WHERE issue_id = ?) + make_interval(hours => ?)
             ORDER BY hour""";
}
