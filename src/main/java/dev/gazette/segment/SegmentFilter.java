package dev.gazette.segment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A segment's filter, typed: conditions combined with {@code all} or {@code any}, and groups of
 * conditions nested inside (to {@link #MAX_DEPTH} levels). Only {@link FilterParser} builds one from
 * input, after checking every kind, operator, size and value; only {@link FilterSql} turns one into
 * SQL, binding every value. Paid membership is not a kind yet: memberships do not exist, and a new
 * kind is one more record here, one more case in each of the two.
 */
record SegmentFilter(Match match, List<Condition> conditions) {

    /** Conditions in the whole filter, groups counted. */
    static final int MAX_CONDITIONS = 30;
    /** Levels of groups: the filter itself is level 1. */
    static final int MAX_DEPTH = 3;
    /** Values in one list (statuses, tags, sources). */
    static final int MAX_VALUES = 50;
    /** An attribute's key and a value typed into a condition. */
    static final int MAX_TEXT = 200;
    /** "The last N issues" and "signed up within N days". */
    static final int MAX_ISSUES = 100;
    static final int MAX_DAYS = 36_500;

    enum Match {
        all, any
    }

    /** One condition over a subscriber. */
    sealed interface Condition permits Group, Status, Tag, Attribute, Source, Signup, Engagement {
    }

    /** Conditions of their own, combined with their own match. */
    record Group(Match match, List<Condition> conditions) implements Condition {
    }

    /** {@code in} or {@code not_in} some of the statuses (pending, active, unsubscribed, bounced, complained). */
    record Status(SetOp op, List<String> values) implements Condition {
    }

    enum SetOp {
        in, not_in
    }

    /** Has any, all or none of the tags (topics). */
    record Tag(TagOp op, List<String> values) implements Condition {
    }

    enum TagOp {
        any, all, none
    }

    /**
     * An attribute by its key: {@code text} for the text operators, {@code number} for the numeric
     * ones, {@code date} for before/after; the one not used is null.
     */
    record Attribute(String key, AttributeOp op, String text, BigDecimal number, LocalDate date) implements Condition {
    }

    enum AttributeOp {
        equals, not_equals, contains, exists, not_exists, gt, gte, lt, lte, before, after;

        boolean numeric() {
            return this == gt || this == gte || this == lt || this == lte;
        }

        boolean dated() {
            return this == before || this == after;
        }

        boolean valueless() {
            return this == exists || this == not_exists;
        }
    }

    /** Where the subscriber's first consent came from: form, import or api. */
    record Source(SetOp op, List<String> values) implements Condition {
    }

    /** When the subscriber signed up: before or after a day (in the publication's zone), or within/over N days ago. */
    record Signup(SignupOp op, LocalDate date, Integer days) implements Condition {
    }

    enum SignupOp {
        before, after, within_days, older_than_days;

        boolean dated() {
            return this == before || this == after;
        }
    }

    /**
     * What the subscriber did: opened or clicked (people only) any of the publication's last
     * {@code issues} issues, or not; never opened any issue they received; tipped; commented; a paid member (trialing, active,
     * past_due while a payment is retried, or a comp: whoever reads paid parts).
     */
    record Engagement(EngagementOp op, Integer issues) implements Condition {
    }

    enum EngagementOp {
        opened, not_opened, clicked, not_clicked, never_opened, tipped, not_tipped, commented, not_commented, paid_member, not_paid_member;

        boolean counted() {
            return this == opened || this == not_opened || this == clicked || this == not_clicked;
        }
    }
}
