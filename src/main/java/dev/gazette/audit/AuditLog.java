package dev.gazette.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import dev.gazette.core.SqlTimes;

/** Reads the audit log for the admin's page: newest first, filtered, a page at a time by id (keyset). */
@ApplicationScoped
class AuditLog {

    static final int PAGE = 50;

    /** What the admin asked to see; every filter optional. Dates are UTC days, both included. */
    record Filter(String actor, AuditAction action, String publication, LocalDate from, LocalDate to, Long before) {
    }

    record Line(long id, Instant at, String actorEmail, AuditAction action, String publicationSlug, String target,
            String detail, String clientAddress) {
    }

    /** A page of lines, and the id to ask the next page before, when there is one. */
    record Page(List<Line> lines, Optional<Long> next) {
    }

    private final EntityManager entityManager;

    AuditLog(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    Page read(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor_email, action, publication_slug, target, detail, "
                + "client_address FROM audit_log WHERE true");
        List<Object> args = new ArrayList<>();
        if (filter.actor() != null) {
            sql.append(" AND actor_email LIKE ?").append(args.size() + 1).append(" ESCAPE '\\'");
            args.add(likePrefix(filter.actor()));
        }
        if (filter.action() != null) {
            sql.append(" AND action = ?").append(args.size() + 1);
            args.add(filter.action().name());
        }
        if (filter.publication() != null) {
            sql.append(" AND publication_slug = ?").append(args.size() + 1);
            args.add(filter.publication());
        }
        if (filter.from() != null) {
            sql.append(" AND at >= ?").append(args.size() + 1);
            args.add(Timestamp.from(filter.from().atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (filter.to() != null) {
            sql.append(" AND at < ?").append(args.size() + 1);
            args.add(Timestamp.from(filter.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (filter.before() != null) {
            sql.append(" AND id < ?").append(args.size() + 1);
            args.add(filter.before());
        }
        // one more than a page, to know whether there is a next one
        sql.append(" ORDER BY id DESC LIMIT ").append(PAGE + 1);
        Query query = entityManager.createNativeQuery(sql.toString());
        for (int i = 0; i < args.size(); i++) {
            query.setParameter(i + 1, args.get(i));
        }
        List<Line> lines = ((List<Object[]>) query.getResultList()).stream().map(AuditLog::line).toList();
        if (lines.size() > PAGE) {
            return new Page(lines.subList(0, PAGE), Optional.of(lines.get(PAGE - 1).id()));
        }
        return new Page(lines, Optional.empty());
    }

    private static Line line(Object[] r) {
        return new Line(((Number) r[0]).longValue(), SqlTimes.instant(r[1]), (String) r[2], AuditAction.valueOf((String) r[3]),
                (String) r[4], (String) r[5], (String) r[6], (String) r[7]);
    }

    private static String likePrefix(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
