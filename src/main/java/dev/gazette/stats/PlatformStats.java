package dev.gazette.stats;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;

/** The platform's numbers for admins: totals, sending volume, publications in trouble, the largest ones. */
@ApplicationScoped
public class PlatformStats {

    public record Totals(long publications, long writers, long activeSubscribers, long subscribers, long issuesSent,
            long sent, long uniqueOpens, long uniqueClicks, long complaints, long bounced) {
    }

    public record TipTotal(String currency, long count, long coffees, BigDecimal amount) {
    }

    public record VolumeDay(LocalDate day, long sent) {
    }

    public record PublicationLine(String slug, String name, long activeSubscribers, long sent, long uniqueOpens,
            double openRate, Health health) {
    }

    public record View(Totals totals, List<TipTotal> tips, List<VolumeDay> volume, List<PublicationLine> overThreshold,
            List<PublicationLine> topPublications, double warningRate, double limitRate) {
    }

    private final StatsSql sql;
    private final Health.Rules rules;
    private final Clock clock;
    private final StatsConfig config;

    PlatformStats(StatsSql sql, Health.Rules rules, Clock clock, StatsConfig config) {
        this.sql = sql;
        this.rules = rules;
        this.clock = clock;
        this.config = config;
    }

    /** The platform's stats; admins only (403 for writers). */
    public View of(Caller caller) {
        requireAdmin(caller);
        Totals totals = sql.one(TOTALS, r -> new Totals(r.getLong("publications"), r.getLong("writers"),
                r.getLong("active"), r.getLong("subscribers"), r.getLong("issues_sent"), r.getLong("sent"),
                r.getLong("unique_opens"), r.getLong("unique_clicks"), r.getLong("complaints"),
                r.getLong("bounced"))).orElseThrow();
        List<TipTotal> tips = sql.list(TIPS, r -> new TipTotal(r.getString("currency"), r.getLong("tips"),
                r.getLong("coffees"), StatsSql.money(r, "amount")));
        List<PublicationLine> all = sql.list(PUBLICATIONS, this::line);
        List<PublicationLine> over = all.stream().filter(p -> p.health().level() != Health.Level.ok)
                .sorted((a, b) -> Double.compare(worst(b.health()), worst(a.health()))).toList();
        List<PublicationLine> top = all.stream()
                .sorted((a, b) -> Long.compare(b.activeSubscribers(), a.activeSubscribers())).limit(10).toList();
        return new View(totals, tips, volume(), over, top, config.warningRate(), config.limitRate());
    }

    /** Every publication with its numbers (for the CSV export), largest first. */
    public List<PublicationLine> publications(Caller caller) {
        requireAdmin(caller);
        return sql.list(PUBLICATIONS, this::line).stream()
                .sorted((a, b) -> Long.compare(b.activeSubscribers(), a.activeSubscribers())).toList();
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "admin_only", "Only admins see the platform's stats");
        }
    }

    private static double worst(Health h) {
        return Math.max(h.bounceRate(), h.complaintRate());
    }

    private PublicationLine line(java.sql.ResultSet r) throws java.sql.SQLException {
        long sent = r.getLong("sent");
        return new PublicationLine(r.getString("slug"), r.getString("name"), r.getLong("active"), sent,
                r.getLong("unique_opens"), StatsSql.rate(r.getLong("unique_opens"), sent),
                rules.of(sent, r.getLong("failed"), r.getLong("bounced_hard"), r.getLong("complaints")));
    }

    /** Messages sent per day over the configured window, every day present. */
    private List<VolumeDay> volume() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = today.minusDays(config.days() - 1L);
        Map<LocalDate, Long> sent = new HashMap<>();
        sql.list(VOLUME, r -> sent.put(r.getObject("day", LocalDate.class), r.getLong("sent")),
                from.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime());
        List<VolumeDay> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
            days.add(new VolumeDay(d, sent.getOrDefault(d, 0L)));
        }
        return days;
    }

    // Platform totals from the rollups (and the small publication and account tables).
    private static final String TOTALS = """
            SELECT (SELECT count(*) FROM publication) AS publications,
                   (SELECT count(*) FROM account WHERE role = 'writer') AS writers,
                   (SELECT COALESCE(sum(subscribers) FILTER (WHERE status = 'active'), 0) FROM stats_publication_status) AS active,
                   (SELECT COALESCE(sum(subscribers), 0) FROM stats_publication_status) AS subscribers,
                   count(*) FILTER (WHERE sent > 0) AS issues_sent, COALESCE(sum(sent), 0) AS sent,
                   COALESCE(sum(unique_opens), 0) AS unique_opens, COALESCE(sum(unique_clicks), 0) AS unique_clicks,
                   COALESCE(sum(complaints), 0) AS complaints, COALESCE(sum(bounced_hard), 0) AS bounced
              FROM stats_issue""";

    // Paid tips on the platform per currency.
    private static final String TIPS = """
            SELECT currency, sum(tips) AS tips, sum(coffees) AS coffees, sum(amount) AS amount FROM stats_tip_month
             GROUP BY currency HAVING sum(tips) <> 0 ORDER BY currency""";

    // Every publication with its active subscribers and sending totals.
    private static final String PUBLICATIONS = """
            SELECT p.slug, p.name, COALESCE(a.subscribers, 0) AS active, COALESCE(x.sent, 0) AS sent,
                   COALESCE(x.failed, 0) AS failed, COALESCE(x.bounced_hard, 0) AS bounced_hard,
                   COALESCE(x.complaints, 0) AS complaints, COALESCE(x.unique_opens, 0) AS unique_opens
              FROM publication p
              LEFT JOIN (SELECT publication_id, sum(subscribers) AS subscribers FROM stats_publication_status
                          WHERE status = 'active' GROUP BY publication_id) a ON a.publication_id = p.id
              LEFT JOIN (SELECT publication_id, sum(sent) AS sent, sum(failed) AS failed, sum(bounced_hard) AS bounced_hard,
                                sum(complaints) AS complaints, sum(unique_opens) AS unique_opens
                           FROM stats_issue GROUP BY publication_id) x ON x.publication_id = p.id
             ORDER BY p.id""";

    // Messages sent per UTC day since a time.
    private static final String VOLUME = """
            SELECT (hour AT TIME ZONE 'UTC')::date AS day, sum(sent) AS sent FROM stats_issue_hour
             WHERE hour >= ? AND sent <> 0 GROUP BY 1""";
}
