package dev.gazette.stats;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;

/**
 * Every publication for the admin console, with its writer, its state and its sending health:
 * searched by name or address prefix, newest first, a page at a time by id.
 */
@ApplicationScoped
class AdminPublicationList {

    static final int PAGE = 50;

    record Line(long id, String slug, String name, String ownerEmail, boolean active, String suspendedReason,
            Instant createdAt, long activeSubscribers, Health health) {

        /** The worse of the two levels: ok, warning or over. */
        public String level() {
            return health.level().name();
        }

        public String bounceRate() {
            return StatsPages.Format.precise(health.bounceRate());
        }

        public String complaintRate() {
            return StatsPages.Format.precise(health.complaintRate());
        }
    }

    record Page(List<Line> lines, Optional<Long> next) {
    }

    private final StatsSql sql;
    private final Health.Rules rules;

    AdminPublicationList(StatsSql sql, Health.Rules rules) {
        this.sql = sql;
        this.rules = rules;
    }

    Page search(Caller caller, String q, Long before) {
        if (!caller.isAdmin()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "admin_only", "Only admins list every publication");
        }
        String prefix = q == null || q.isBlank()
                ? "%"
                : q.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<Line> lines = sql.list(PUBLICATIONS, r -> {
            long sent = r.getLong("sent");
            return new Line(r.getLong("id"), r.getString("slug"), r.getString("name"), r.getString("owner_email"),
                    "active".equals(r.getString("status")), r.getString("suspended_reason"),
                    r.getTimestamp("created_at").toInstant(), r.getLong("active"),
                    rules.of(sent, r.getLong("failed"), r.getLong("bounced_hard"), r.getLong("complaints")));
        }, prefix, prefix, before == null ? Long.MAX_VALUE : before, PAGE + 1);
        return lines.size() > PAGE
                ? new Page(lines.subList(0, PAGE), Optional.of(lines.get(PAGE - 1).id()))
                : new Page(lines, Optional.empty());
    }

    // A page of publications (keyset on id) whose slug or name starts with a prefix, with writer, state and sending totals.
    private static final String PUBLICATIONS = """
            SELECT p.id, p.slug, p.name, a.email AS owner_email, p.status, p.suspended_reason, p.created_at,
                   COALESCE(s.subscribers, 0) AS active, COALESCE(x.sent, 0) AS sent, COALESCE(x.failed, 0) AS failed,
                   COALESCE(x.bounced_hard, 0) AS bounced_hard, COALESCE(x.complaints, 0) AS complaints
              FROM (SELECT * FROM publication
                     WHERE (slug LIKE ? ESCAPE '\\' OR lower(name) LIKE ? ESCAPE '\\') AND id < ?
                     ORDER BY id DESC LIMIT ?) p
              JOIN account a ON a.id = p.owner_id
              LEFT JOIN LATERAL (SELECT sum(subscribers) AS subscribers FROM stats_publication_status
                                  WHERE publication_id = p.id AND status = 'active') s ON true
              LEFT JOIN LATERAL (SELECT sum(sent) AS sent, sum(failed) AS failed, sum(bounced_hard) AS bounced_hard,
                                        sum(complaints) AS complaints
                                   FROM stats_issue WHERE publication_id = p.id) x ON true
             ORDER BY p.id DESC""";
}
