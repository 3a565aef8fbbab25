package dev.gazette.segment;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.gazette.segment.SegmentFilter.Attribute;
import dev.gazette.segment.SegmentFilter.Condition;
import dev.gazette.segment.SegmentFilter.Engagement;
import dev.gazette.segment.SegmentFilter.Group;
import dev.gazette.segment.SegmentFilter.Match;
import dev.gazette.segment.SegmentFilter.SetOp;
import dev.gazette.segment.SegmentFilter.Signup;
import dev.gazette.segment.SegmentFilter.Source;
import dev.gazette.segment.SegmentFilter.Status;
import dev.gazette.segment.SegmentFilter.Tag;
import dev.gazette.segment.SegmentFilter.TagOp;

/**
 * Compiles a typed filter into one SQL predicate over {@code subscriber s}. The SQL text comes only
 * from the constants here, chosen by the filter's kinds and operators; every value the writer typed
 * (keys, texts, numbers, days, tags) travels as a numbered parameter, so no input ever becomes SQL.
 * Subqueries name the publication by parameter, not by {@code s.publication_id}, so that PostgreSQL
 * runs each once (a hashed semi-join) rather than once per subscriber.
 */
final class FilterSql {

    /** The compiled predicate and its parameters, numbered from the first number given. */
    record Predicate(String sql, int first, List<Object> parameters) {
    }

    /** What a filter is evaluated against: the publication, its zone (for days) and now (for "N days ago"). */
    record Context(long publicationId, ZoneId zone, Instant now) {
    }

    // Engagement reads what the tracking path keeps on the subscriber (V35): when the newest issue send they
    // opened (a click counts) or clicked started, people only (machine opens never reach it); and who received
    // an issue having opened none so far.
    private static final String UNOPENED = "SELECT u.subscriber_id FROM subscriber_unopened u WHERE u.publication_id = %s";
    // When the N-th newest issue send of the publication started (sends of issues, not the open sends of
    // sequence steps); with fewer than N issues, every issue is among the last N.
    private static final String NTH_ISSUE = "COALESCE((SELECT x.started_at FROM send x WHERE x.publication_id = %s "
            + "AND NOT x.continuous ORDER BY x.started_at DESC, x.id DESC OFFSET %s - 1 LIMIT 1), '-infinity')";
    // Paid members, trials and comps: whoever reads the paid parts (past_due while a payment is retried).
    private static final String MEMBERS = "SELECT m.subscriber_id FROM membership m WHERE m.publication_id = %s "
            + "AND m.state IN ('trialing', 'active', 'past_due')";
    // Paid tips to the publication, refunded ones not counted.
    private static final String TIPPED = "SELECT t.subscriber_id FROM tip t WHERE t.publication_id = %s AND t.status = 'paid' "
            + "AND t.subscriber_id IS NOT NULL";
    // Comments the reader confirmed and that were not deleted (hidden ones were still written).
    private static final String COMMENTED = "SELECT c.subscriber_id FROM comment c WHERE c.publication_id = %s "
            + "AND c.status IN ('visible', 'hidden') AND c.subscriber_id IS NOT NULL";
    // (The patterns hold no braces and no question mark: Hibernate reads those in native SQL as its own.)
    // An attribute's text when it reads as a number (a JSON number, or a text of digits), else null.
    private static final String NUMBER = "(CASE WHEN jsonb_typeof(s.attributes -> %1$s) = 'number' "
            + "OR (s.attributes ->> %1$s) ~ '^ *(-[0-9]+|[0-9]+)(\\.[0-9]+|) *$' THEN CAST(s.attributes ->> %1$s AS numeric) END)";
    // An attribute that starts like a day (YYYY-MM-DD), compared whole in byte order with %3$s, %2$s being the
    // operator: a text starting with day d is below day D exactly when d < D, and at or above the text just past
    // D's (pastDay) exactly when d > D, so no prefix need be cut (cutting it cost more than the rest). The
    // comparison comes first, so that the pattern is only tried on the rows it lets through.
    private static final String DAY = "((s.attributes ->> %1$s) COLLATE \"C\" %2$s CAST(%3$s AS text) COLLATE \"C\" "
            + "AND (s.attributes ->> %1$s) ~ '^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')";

    private final Context context;
    private final List<Object> parameters = new ArrayList<>();
    private final int first;

    private FilterSql(Context context, int first) {
        this.context = context;
        this.first = first;
    }

    /** The predicate of {@code filter}, its parameters numbered from {@code firstParameter} ({@code ?n}). */
    static Predicate compile(SegmentFilter filter, Context context, int firstParameter) {
        FilterSql sql = new FilterSql(context, firstParameter);
        String predicate = sql.combine(filter.match(), filter.conditions());
        return new Predicate(predicate, firstParameter, List.copyOf(sql.parameters));
    }

    private String combine(Match match, List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return "true"; // no condition: every subscriber
        }
        return conditions.stream().map(this::condition)
                .collect(Collectors.joining(match == Match.all ? " AND " : " OR ", "(", ")"));
    }

    private String condition(Condition condition) {
        if (condition instanceof Group g) {
            return combine(g.match(), g.conditions());
        } else if (condition instanceof Status s) {
            return negated(s.op() == SetOp.not_in, "s.status = ANY (CAST(" + bind(s.values().toArray(String[]::new))
                    + " AS text[]))");
        } else if (condition instanceof Tag t) {
            String tags = "CAST(" + bind(t.values().toArray(String[]::new)) + " AS text[])";
            return t.op() == TagOp.all ? "s.tags @> " + tags : negated(t.op() == TagOp.none, "s.tags && " + tags);
        } else if (condition instanceof Source s) {
            return negated(s.op() == SetOp.not_in,
                    "s.consent_sources && CAST(" + bind(s.values().toArray(String[]::new)) + " AS text[])");
        } else if (condition instanceof Attribute a) {
            return attribute(a);
        } else if (condition instanceof Signup s) {
            return signup(s);
        } else if (condition instanceof Engagement e) {
            return engagement(e);
        }
        throw new IllegalStateException("a condition without SQL: " + condition);
    }

    private String attribute(Attribute a) {
        String key = "CAST(" + bind(a.key()) + " AS text)";
        String text = "(s.attributes ->> " + key + ")";
        return switch (a.op()) {
            case exists -> "(s.attributes -> " + key + ") IS NOT NULL";
            case not_exists -> "(s.attributes -> " + key + ") IS NULL";
            case equals -> text + " = CAST(" + bind(a.text()) + " AS text)";
            // a subscriber without the attribute is not equal to the value either
            case not_equals -> text + " IS DISTINCT FROM CAST(" + bind(a.text()) + " AS text)";
            // the value as typed, anywhere in the attribute, in any case: no pattern characters
            case contains -> "strpos(lower(" + text + "), lower(CAST(" + bind(a.text()) + " AS text))) > 0";
            case gt -> String.format(NUMBER, key) + " > CAST(" + bind(a.number()) + " AS numeric)";
            case gte -> String.format(NUMBER, key) + " >= CAST(" + bind(a.number()) + " AS numeric)";
            case lt -> String.format(NUMBER, key) + " < CAST(" + bind(a.number()) + " AS numeric)";
            case lte -> String.format(NUMBER, key) + " <= CAST(" + bind(a.number()) + " AS numeric)";
            case before -> String.format(DAY, key, "<", bind(a.date().toString()));
            case after -> String.format(DAY, key, ">=", bind(pastDay(a.date().toString())));
        };
    }

    // The least text above every text that starts with the day: its last digit raised by one ("2024-04-30"
    // gives "2024-04-31", "2024-04-29" gives "2024-04-2:"), so that "after the day" is one comparison.
    private static String pastDay(String day) {
        return day.substring(0, day.length() - 1) + (char) (day.charAt(day.length() - 1) + 1);
    }

    private String signup(Signup s) {
        return switch (s.op()) {
            // the day begins and ends in the publication's zone
            case before ->
                "s.created_at < CAST(" + bind(s.date().atStartOfDay(context.zone()).toInstant()) + " AS timestamptz)";
            case after -> "s.created_at >= CAST(" + bind(s.date().plusDays(1).atStartOfDay(context.zone()).toInstant())
                    + " AS timestamptz)";
            case within_days -> "s.created_at >= CAST(" + bind(context.now().minus(Duration.ofDays(s.days())))
                    + " AS timestamptz)";
            case older_than_days -> "s.created_at < CAST(" + bind(context.now().minus(Duration.ofDays(s.days())))
                    + " AS timestamptz)";
        };
    }

    private String engagement(Engagement e) {
        String publication = "CAST(" + bind(context.publicationId()) + " AS bigint)";
        return switch (e.op()) {
            // a subscriber who never opened has a null last_opened_at: "not opened" must say true for them
            case opened, not_opened -> negated(e.op() == SegmentFilter.EngagementOp.not_opened,
                    "COALESCE(s.last_opened_at >= " + nthIssue(publication, e.issues()) + ", false)");
            case clicked, not_clicked -> negated(e.op() == SegmentFilter.EngagementOp.not_clicked,
                    "COALESCE(s.last_clicked_at >= " + nthIssue(publication, e.issues()) + ", false)");
            case never_opened -> "(s.last_opened_at IS NULL AND s.id IN (" + String.format(UNOPENED, publication) + "))";
            case tipped, not_tipped -> negated(e.op() == SegmentFilter.EngagementOp.not_tipped,
                    "s.id IN (" + String.format(TIPPED, publication) + ")");
            case commented, not_commented -> negated(e.op() == SegmentFilter.EngagementOp.not_commented,
                    "s.id IN (" + String.format(COMMENTED, publication) + ")");
            case paid_member, not_paid_member -> negated(e.op() == SegmentFilter.EngagementOp.not_paid_member,
                    "s.id IN (" + String.format(MEMBERS, publication) + ")");
        };
    }

    private String nthIssue(String publication, int issues) {
        return String.format(NTH_ISSUE, publication, "CAST(" + bind(issues) + " AS integer)");
    }

    /** {@code NOT} of a predicate that is never null (an IN over non-null ids, a comparison with a known value). */
    private static String negated(boolean not, String predicate) {
        return not ? "NOT (" + predicate + ")" : predicate;
    }

    /** Adds a parameter and returns its placeholder. */
    private String bind(Object value) {
        parameters.add(value);
        return "?" + (first + parameters.size() - 1);
    }
}
