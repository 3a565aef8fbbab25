package dev.gazette.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;
import dev.gazette.publication.Publications;

/**
 * Paid membership numbers, of a publication or of the whole platform: members now, MRR per
 * currency and its change month by month, new and churned members per month, and revenue per month
 * per currency. Amounts in different currencies are never added up.
 *
 * <p>
 * MRR at a moment is the monthly value of the paid periods running then, read from the charges (a
 * yearly period counts a twelfth of its amount): it needs no history of the memberships, keeps the
 * charges of erased subscribers, and counts a canceled member until the period they paid for ends,
 * a trial not at all, and a past-due member again once a retry pays. Months are calendar months in
 * UTC; the current month's figure is at this moment.
 */
@ApplicationScoped
public class MemberStats {

    /** How many months the month-by-month figures cover, the current one included. */
    static final int MONTHS = 12;

    public record Members(long paid, long trialing, long pastDue, long comps) {
    }

    public record Money(String currency, BigDecimal amount) {
    }

    public record MrrMonth(LocalDate month, String currency, BigDecimal mrr, BigDecimal change) {
    }

    public record MemberMonth(LocalDate month, long started, long churned) {
    }

    public record RevenueMonth(LocalDate month, String currency, long charges, BigDecimal revenue) {
    }

    public record View(Members members, List<Money> mrr, List<MrrMonth> mrrByMonth, List<MemberMonth> membersByMonth,
            List<RevenueMonth> revenueByMonth) {
    }

    // Members now: paying (active or retried while past due), on a trial, past due, and given a comp. ? = 0: every publication.
    private static final String MEMBERS = """
            SELECT count(*) FILTER (WHERE kind = 'paid' AND state IN ('active', 'past_due')) AS paid,
                   count(*) FILTER (WHERE state = 'trialing') AS trialing,
                   count(*) FILTER (WHERE state = 'past_due') AS past_due,
                   count(*) FILTER (WHERE kind = 'comp' AND state = 'active') AS comps
              FROM membership WHERE (? = 0 OR publication_id = ?)""";

    // MRR at the end of each month (the current one: now) per currency, from the paid periods running then;
    // a period longer than a month is a year's and counts a twelfth. One month more than shown, for the change.
    private static final String MRR = """
            WITH months AS (
                SELECT CAST(m AS date) AS month, least((m + interval '1 month') AT TIME ZONE 'UTC', CAST(? AS timestamptz)) AS at
                  FROM generate_series(date_trunc('month', CAST(? AS timestamptz) AT TIME ZONE 'UTC') - interval '12 months',
                                       date_trunc('month', CAST(? AS timestamptz) AT TIME ZONE 'UTC'), interval '1 month') AS m)
            SELECT mo.month, c.currency,
                   sum(CASE WHEN c.period_end - c.period_start > interval '32 days' THEN c.amount / 12 ELSE c.amount END) AS mrr
              FROM months mo JOIN membership_charge c ON c.status = 'paid' AND c.period_start <= mo.at
                                                     AND c.period_end > mo.at
             WHERE (? = 0 OR c.publication_id = ?)
             GROUP BY mo.month, c.currency ORDER BY mo.month, c.currency""";

    // Members who started paying (a trial included) and paid members who ended, per month.
    private static final String MEMBER_MONTHS = """
            SELECT CAST(date_trunc('month', l.at AT TIME ZONE 'UTC') AS date) AS month,
                   count(*) FILTER (WHERE l.action = 'started') AS started,
                   count(*) FILTER (WHERE l.action = 'ended' AND l.plan_id IS NOT NULL) AS churned
              FROM membership_ledger l JOIN membership m ON m.id = l.membership_id
             WHERE (? = 0 OR m.publication_id = ?) AND l.at >= CAST(? AS timestamptz) AND l.action IN ('started', 'ended')
             GROUP BY 1 ORDER BY 1""";

    // Revenue per month and currency: the paid charges, erased subscribers' included. Refunds, where a
    // provider records them beside the charges, are what to take off this sum.
    private static final String REVENUE = """
            SELECT CAST(date_trunc('month', c.created_at AT TIME ZONE 'UTC') AS date) AS month, c.currency,
                   count(*) AS charges, sum(c.amount - c.refunded) AS revenue
              FROM membership_charge c
             WHERE c.status = 'paid' AND (? = 0 OR c.publication_id = ?) AND c.created_at >= CAST(? AS timestamptz)
             GROUP BY 1, 2 ORDER BY 1, 2""";

    private final Publications publications;
    private final StatsSql sql;
    private final Clock clock;

    MemberStats(Publications publications, StatsSql sql, Clock clock) {
        this.publications = publications;
        this.sql = sql;
        this.clock = clock;
    }

    /** A publication's numbers, for its writer (and admins); 404 for anything else. */
    public View of(Caller caller, String slug) {
        return of(publications.requireManaged(caller, slug).id());
    }

    /** The platform's numbers: every publication together, still per currency. */
    public View platform(Caller caller) {
        if (!caller.isAdmin()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "admin_only", "Only admins see the platform's stats");
        }
        return of(0);
    }

    private View of(long publicationId) {
        Instant now = clock.instant();
        java.time.OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        LocalDate thisMonth = now.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
        LocalDate first = thisMonth.minusMonths(MONTHS - 1);
        java.time.OffsetDateTime since = first.atStartOfDay().atOffset(ZoneOffset.UTC);

        Members members = sql.one(MEMBERS, r -> new Members(r.getLong("paid"), r.getLong("trialing"),
                r.getLong("past_due"), r.getLong("comps")), publicationId, publicationId).orElseThrow();

        Map<String, Map<LocalDate, BigDecimal>> mrr = new HashMap<>();
        sql.list(MRR, r -> mrr.computeIfAbsent(r.getString("currency").strip(), c -> new HashMap<>())
                .put(r.getObject("month", LocalDate.class), r.getBigDecimal("mrr")), at, at, at, publicationId,
                publicationId);
        List<MrrMonth> mrrByMonth = new ArrayList<>();
        List<Money> current = new ArrayList<>();
        for (String currency : new TreeSet<>(mrr.keySet())) {
            Map<LocalDate, BigDecimal> byMonth = mrr.get(currency);
            for (LocalDate month = first; !month.isAfter(thisMonth); month = month.plusMonths(1)) {
                BigDecimal value = money(byMonth.get(month));
                BigDecimal before = money(byMonth.get(month.minusMonths(1)));
                mrrByMonth.add(new MrrMonth(month, currency, value, value.subtract(before)));
            }
            current.add(new Money(currency, money(byMonth.get(thisMonth))));
        }
        mrrByMonth.sort(java.util.Comparator.comparing(MrrMonth::month).thenComparing(MrrMonth::currency));

        Map<LocalDate, MemberMonth> found = new HashMap<>();
        sql.list(MEMBER_MONTHS, r -> found.put(r.getObject("month", LocalDate.class), new MemberMonth(
                r.getObject("month", LocalDate.class), r.getLong("started"), r.getLong("churned"))), publicationId,
                publicationId, since);
        List<MemberMonth> membersByMonth = new ArrayList<>();
        for (LocalDate month = first; !month.isAfter(thisMonth); month = month.plusMonths(1)) {
            membersByMonth.add(found.getOrDefault(month, new MemberMonth(month, 0, 0)));
        }

        List<RevenueMonth> revenue = sql.list(REVENUE, r -> new RevenueMonth(r.getObject("month", LocalDate.class),
                r.getString("currency").strip(), r.getLong("charges"), money(r.getBigDecimal("revenue"))), publicationId,
                publicationId, since);
        return new View(members, current, mrrByMonth, membersByMonth, revenue);
    }

    /** Two decimals at most (a yearly plan's twelfth), trailing zeros dropped: 5000, 4.17. */
    private static BigDecimal money(BigDecimal value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal rounded = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
