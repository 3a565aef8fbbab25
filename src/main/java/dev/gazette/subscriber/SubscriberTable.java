package dev.gazette.subscriber;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * The studio's table of a publication's subscribers, newest first, fifty at a time: keyset paging
 * on the id (never OFFSET), so every page costs the same at a million subscribers. Search is by the
 * beginning of the address or of the name, through the prefix indexes of V20.
 */
@ApplicationScoped
class SubscriberTable {

    static final int PAGE_SIZE = 50;

    /** What the writer narrowed the table to; null or blank parts narrow nothing. */
    record Filter(String q, SubscriberStatus status, String tag, String source, LocalDate from, LocalDate to) {
    }

    record Row(long id, String email, String name, String status, String tags, Instant createdAt) {
    }

    /** One page; {@code newer} and {@code older} are the ids to page from, null at either end. */
    record Page(List<Row> rows, Long newer, Long older) {
    }

    // the number of subscribers per status, from the rollup that the stats triggers keep (V12)
    private static final String COUNTS = """
            SELECT status, sum(subscribers) FROM stats_publication_status WHERE publication_id = ?1 GROUP BY status""";

    private final EntityManager entityManager;

    SubscriberTable(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The page after ({@code after}, older) or before ({@code before}, newer) an id, or the first. */
    @Transactional
    Page page(long publicationId, Filter filter, ZoneId zone, Long after, Long before) {
        boolean backwards = before != null && after == null;
        List<Object> parameters = new ArrayList<>();
        // The planner may walk the primary key backwards to a page of an older publication, through every newer
        // publication's rows. Without a search or a status, the publication is a range in (publication_id, id)
        // order, which only the index on those gives (V20); with one (which needs the equality for its indexes), a
        // page always starts below an id of the publication: the newest one for a first page.
        boolean ranged = filter.q() == null && filter.status() == null;
        Long below = after;
        // one page of the publication's subscribers that match the filter, by id
        StringBuilder sql = new StringBuilder("SELECT s.id, s.email, s.name, s.status, array_to_string(s.tags, ', '), "
                + "s.created_at FROM subscriber s WHERE ");
        if (!ranged) {
            sql.append("s.publication_id = ?");
            parameters.add(publicationId);
            if (after == null && !backwards) {
                Long newest = newest(publicationId);
                if (newest == null) {
                    return new Page(List.of(), null, null);
                }
                below = newest + 1;
            }
        } else if (backwards) {
            sql.append("s.publication_id <= ? AND (s.publication_id, s.id) > (?, ?)");
            parameters.addAll(List.of(publicationId, publicationId, before));
        } else {
            sql.append("s.publication_id >= ? AND (s.publication_id, s.id) < (?, ?)");
            parameters.addAll(List.of(publicationId, publicationId, after == null ? Long.MAX_VALUE : after));
        }
        if (filter.status() != null) {
            sql.append(" AND s.status = ?");
            parameters.add(filter.status().name());
        }
        if (filter.tag() != null) {
            sql.append(" AND s.tags @> ARRAY[CAST(? AS text)]");
            parameters.add(filter.tag());
        }
        if (filter.source() != null) {
            // where their first consent came from: the public form, an import or the API
            sql.append(" AND (SELECT c.source FROM consent c WHERE c.subscriber_id = s.id ORDER BY c.id LIMIT 1) = ?");
            parameters.add(filter.source());
        }
        if (filter.from() != null) {
            sql.append(" AND s.created_at >= ?");
            parameters.add(Timestamp.from(filter.from().atStartOfDay(zone).toInstant()));
        }
        if (filter.to() != null) {
            sql.append(" AND s.created_at < ?");
            parameters.add(Timestamp.from(filter.to().plusDays(1).atStartOfDay(zone).toInstant()));
        }
        if (filter.q() != null) {
            String prefix = likeEscaped(filter.q().strip().toLowerCase(Locale.ROOT)) + "%";
            sql.append(" AND (s.email COLLATE \"C\" LIKE ? OR lower(s.name) COLLATE \"C\" LIKE ?)");
            parameters.add(prefix);
            parameters.add(prefix);
        }
        String order = ranged ? "s.publication_id, s.id" : "s.id";
        if (backwards) {
            if (!ranged) {
                sql.append(" AND s.id > ?");
                parameters.add(before);
            }
            sql.append(" ORDER BY ").append(order.replace(", ", " ASC, ")).append(" ASC LIMIT ").append(PAGE_SIZE + 1);
        } else {
            if (!ranged && below != null) {
                sql.append(" AND s.id < ?");
                parameters.add(below);
            }
            sql.append(" ORDER BY ").append(order.replace(", ", " DESC, ")).append(" DESC LIMIT ").append(PAGE_SIZE + 1);
        }
        Query query = entityManager.createNativeQuery(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        List<Row> rows = new ArrayList<>();
        for (Object result : query.getResultList()) {
            Object[] r = (Object[]) result;
            rows.add(new Row(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    instant(r[5])));
        }
        boolean more = rows.size() > PAGE_SIZE;
        if (more) {
            rows.remove(PAGE_SIZE);
        }
        if (backwards) {
            Collections.reverse(rows);
        }
        if (rows.isEmpty()) {
            return new Page(rows, null, null);
        }
        boolean newer = backwards ? more : after != null;
        boolean older = backwards || more;
        return new Page(rows, newer ? rows.get(0).id() : null, older ? rows.get(rows.size() - 1).id() : null);
    }

    // the publication's newest subscriber, through the (publication_id, id) index (see page)
    private static final String NEWEST = """
            SELECT s.id FROM subscriber s WHERE s.publication_id >= ?1 AND (s.publication_id, s.id) < (?1, ?2)
            ORDER BY s.publication_id DESC, s.id DESC LIMIT 1""";

    private Long newest(long publicationId) {
        List<?> found = entityManager.createNativeQuery(NEWEST).setParameter(1, publicationId)
                .setParameter(2, Long.MAX_VALUE).getResultList();
        return found.isEmpty() ? null : ((Number) found.get(0)).longValue();
    }

    /** How many subscribers the publication has in each status, every status named (0 when none). */
    @Transactional
    Map<String, Long> counts(long publicationId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SubscriberStatus status : SubscriberStatus.values()) {
            counts.put(status.name(), 0L);
        }
        for (Object result : entityManager.createNativeQuery(COUNTS).setParameter(1, publicationId).getResultList()) {
            Object[] r = (Object[]) result;
            counts.computeIfPresent((String) r[0], (status, n) -> ((Number) r[1]).longValue());
        }
        return counts;
    }

    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }
}
