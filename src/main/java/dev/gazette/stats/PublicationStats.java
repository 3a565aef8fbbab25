package dev.gazette.stats;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.account.Caller;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/** A publication's numbers: its subscribers' growth and sources, its issues, its tips, its sending health. */
@ApplicationScoped
public class PublicationStats {

    public record Subscribers(long active, long pending, long unsubscribed, long bounced, long complained, long total) {
    }

    public record Sources(long form, long imported, long api) {
    }

    public record Day(LocalDate day, long added, long confirmed, long unsubscribed, long net) {
    }

    public record IssueLine(long id, String title, String slug, Instant sentAt, long sent, long uniqueOpens,
            double openRate, long uniqueClicks, double clickRate, long unsubscribes, long likes, long comments) {
    }

    public record TipMonth(LocalDate month, String currency, long count, long coffees, BigDecimal amount) {
    }

    public record View(String slug, String name, Subscribers subscribers, Sources sources, List<Day> growth,
            List<IssueLine> topIssues, List<IssueLine> engagement, List<TipMonth> tipsByMonth, Health health) {
    }

    private final Publications publications;
    private final StatsSql sql;
    private final Health.Rules rules;
    private final Clock clock;
    private final StatsConfig config;

    PublicationStats(Publications publications, StatsSql sql, Health.Rules rules, Clock clock, StatsConfig config) {
        this.publications = publications;
        this.sql = sql;
        this.rules = rules;
        this.clock = clock;
        this.config = config;
    }

    /** The stats of a publication the caller manages; 404 for anything else. */
    public View of(Caller caller, String slug) {
        PublicationRef p = publications.requireManaged(caller, slug);
        Map<String, Long> statuses = new HashMap<>();
        sql.list(STATUSES, r -> statuses.put(r.getString("status"), r.getLong("subscribers")), p.id());
        Map<String, Long> sources = new HashMap<>();
        sql.list(SOURCES, r -> sources.put(r.getString("source"), r.getLong("subscribers")), p.id());
        Subscribers subscribers = new Subscribers(statuses.getOrDefault("active", 0L),
                statuses.getOrDefault("pending", 0L), statuses.getOrDefault("unsubscribed", 0L),
                statuses.getOrDefault("bounced", 0L), statuses.getOrDefault("complained", 0L),
                statuses.values().stream().mapToLong(Long::longValue).sum());
        List<TipMonth> tips = sql.list(TIPS, r -> new TipMonth(r.getObject("month", LocalDate.class),
                r.getString("currency"), r.getLong("tips"), r.getLong("coffees"), StatsSql.money(r, "amount")), p.id());
        Health health = sql.one(HEALTH, r -> rules.of(r.getLong("sent"), r.getLong("failed"),
                r.getLong("bounced_hard"), r.getLong("complaints")), p.id()).orElseThrow();
        return new View(p.slug(), p.name(), subscribers, new Sources(sources.getOrDefault("form", 0L),
                sources.getOrDefault("import", 0L), sources.getOrDefault("api", 0L)), growth(p.id()),
                sql.list(TOP_ISSUES, PublicationStats::issueLine, p.id()),
                oldestFirst(sql.list(LAST_ISSUES, PublicationStats::issueLine, p.id())), tips, health);
    }

    /** Every issue of the publication with its numbers, newest first (for the CSV export). */
    public List<IssueLine> issues(Caller caller, String slug) {
        return sql.list(ALL_ISSUES, PublicationStats::issueLine, publications.requireManaged(caller, slug).id());
    }

    /** Growth per day over the configured window, every day present (zero when nothing happened). */
    List<Day> growth(long publicationId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = today.minusDays(config.days() - 1L);
        Map<LocalDate, Day> rows = new HashMap<>();
        sql.list(GROWTH, r -> {
            long added = r.getLong("new");
            long confirmed = r.getLong("confirmed");
            long unsubscribed = r.getLong("unsubscribed");
            LocalDate day = r.getObject("day", LocalDate.class);
            return rows.put(day, new Day(day, added, confirmed, unsubscribed, confirmed - unsubscribed));
        }, publicationId, from);
        List<Day> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
            days.add(rows.getOrDefault(d, new Day(d, 0, 0, 0, 0)));
        }
        return days;
    }

    private static <T> List<T> oldestFirst(List<T> newestFirst) {
        List<T> list = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(list);
        return list;
    }

    private static IssueLine issueLine(java.sql.ResultSet r) throws java.sql.SQLException {
        long sent = r.getLong("sent");
        return new IssueLine(r.getLong("issue_id"), r.getString("title"), r.getString("slug"),
                IssueStats.instant(r.getTimestamp("sent_at")), sent, r.getLong("unique_opens"),
                StatsSql.rate(r.getLong("unique_opens"), sent), r.getLong("unique_clicks"),
                StatsSql.rate(r.getLong("unique_clicks"), sent), r.getLong("unsubscribes"), r.getLong("likes"),
                r.getLong("comments"));
    }

    // Subscribers of the publication per status.
    private static final String STATUSES = """
            SELECT status, sum(subscribers) AS subscribers FROM stats_publication_status WHERE publication_id = ?
             GROUP BY status""";

    // Subscribers of the publication per source of their first consent.
    private static final String SOURCES = """
            SELECT source, sum(subscribers) AS subscribers FROM stats_publication_source WHERE publication_id = ?
             GROUP BY source""";

    // Growth per day since a date.
    private static final String GROWTH = """
            SELECT day, sum(new) AS new, sum(confirmed) AS confirmed, sum(unsubscribed) AS unsubscribed
              FROM stats_publication_day WHERE publication_id = ? AND day >= ? GROUP BY day ORDER BY day""";

    private static final String ISSUE_LINE = """
            SELECT x.issue_id, i.title, i.slug, COALESCE(i.sent_at, s.started_at) AS sent_at, x.sent, x.unique_opens,
                   x.unique_clicks, x.unsubscribes, x.likes, x.comments
              FROM stats_issue x JOIN issue i ON i.id = x.issue_id LEFT JOIN send s ON s.issue_id = x.issue_id
             WHERE x.publication_id = ? AND i.kind = 'issue'""";

    // The five issues with the best open rate (of those sent).
    private static final String TOP_ISSUES = ISSUE_LINE
            + " AND x.sent > 0 ORDER BY x.unique_opens::float8 / x.sent DESC, x.issue_id DESC LIMIT 5";

    // The twelve latest sent issues, for the engagement trend.
    private static final String LAST_ISSUES = ISSUE_LINE
            + " AND x.sent > 0 ORDER BY COALESCE(i.sent_at, s.started_at) DESC NULLS LAST, x.issue_id DESC LIMIT 12";

    // Every issue with numbers, newest first.
    private static final String ALL_ISSUES = ISSUE_LINE
            + " ORDER BY COALESCE(i.sent_at, s.started_at) DESC NULLS LAST, x.issue_id DESC";

    // Paid tips per month and currency, the last two years.
    private static final String TIPS = """
            SELECT month, currency, tips, coffees, amount FROM stats_tip_month
             WHERE publication_id = ? AND tips <> 0 ORDER BY month DESC, currency LIMIT 24""";

    // The publication's sending totals, for its bounce and complaint rates.
    private static final String HEALTH = """
            SELECT COALESCE(sum(sent), 0) AS sent, COALESCE(sum(failed), 0) AS failed,
                   COALESCE(sum(bounced_hard), 0) AS bounced_hard, COALESCE(sum(complaints), 0) AS complaints
              FROM stats_issue WHERE publication_id = ?""";
}
