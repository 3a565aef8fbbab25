package dev.gazette.segment;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import dev.gazette.publication.PublicationRef;
import dev.gazette.segment.FilterSql.Context;
import dev.gazette.segment.FilterSql.Predicate;
import dev.gazette.subscriber.Audience;

/**
 * A filter's subscribers, counted or listed a page at a time, always within one publication:
 * {@code matching} counts every subscriber the filter picks, {@code mailable} those of them a send
 * would mail (active, not suppressed; see {@link Audience#MAY_BE_MAILED}).
 */
@ApplicationScoped
class SegmentCounts {

    /** A subscriber the filter picks, as the members preview shows them. */
    record Member(long id, String email, String name, String status, List<String> tags, Instant createdAt) {

        /** The day they signed up (UTC), as the studio's preview shows it. */
        public String signedUpDay() {
            return createdAt.toString().substring(0, 10);
        }
    }

    record Counts(long matching, long mailable) {
    }

    private final EntityManager entityManager;
    private final Clock clock;

    SegmentCounts(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** The predicate of {@code filter} for this publication, its parameters from {@code ?first}. */
    Predicate predicate(PublicationRef publication, SegmentFilter filter, int first) {
        return FilterSql.compile(filter, new Context(publication.id(), ZoneId.of(publication.timeZone()), clock.instant()),
                first);
    }

    /**
     * {@link Audience#MAY_BE_MAILED} for the subscribers of the publication {@code ?1}, written so that
     * inside an aggregate's FILTER PostgreSQL reads the suppressions once into a hash rather than
     * probing them once per subscriber (5 s instead of 0.5 s at a million subscribers in the
     * benchmark). The same rule: active, and the address's hash in none of the publication's own
     * suppressions nor the platform-wide ones ({@code email_hash} is never null, so NOT IN is exact).
     */
    private static final String MAILABLE = "s.status = 'active' AND NOT s.email_hash IN (SELECT x.email_hash FROM "
            + "suppression x WHERE x.publication_id = ?1 OR x.owner_id IS NULL)";

    /**
     * How long one count may take: the engagement conditions read a rollup and answer in well under a
     * second at a million subscribers (see the README's benchmark), so a count that runs this long is
     * a filter the database cannot serve; the writer gets a clear refusal rather than a request that
     * hangs and a worker held.
     */
    static final int TIMEOUT_MILLIS = 10_000;

    /** The memory one count's hashes may take (per hash, per parallel worker). */
    static final String WORK_MEM = "64MB";

    /** PostgreSQL's "canceling statement due to statement timeout". */
    private static final String QUERY_CANCELED = "57014";

    /** Both numbers in one pass over the publication's subscribers. */
    Counts counts(PublicationRef publication, SegmentFilter filter) {
        Predicate where = predicate(publication, filter, 2);
        // the filter's subscribers, and how many of them may be mailed
        Object[] row = (Object[]) bounded(bind(entityManager.createNativeQuery("SELECT count(*), count(*) FILTER (WHERE "
                + MAILABLE + ") FROM subscriber s WHERE s.publication_id = ?1 AND " + where.sql()),
                publication.id(), where));
        return new Counts(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    /**
     * The query's single result within {@link #TIMEOUT_MILLIS}, or 503 {@code segment_count_timeout}.
     * The limit is local to the transaction, which a timeout ends anyway. So is the memory a hash may
     * take: an engagement condition hashes up to one id per subscriber, which at a million overflows
     * PostgreSQL's default 4 MB into batches on disk (or, for a NOT IN, a probe per subscriber).
     */
    private Object bounded(Query query) {
        entityManager.createNativeQuery("SET LOCAL statement_timeout = " + TIMEOUT_MILLIS).executeUpdate();
        entityManager.createNativeQuery("SET LOCAL work_mem = '" + WORK_MEM + "'").executeUpdate();
        try {
            return query.getSingleResult();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                    throw SegmentErrors.countTimedOut();
                }
            }
            throw e;
        }
    }

    /** How many a send to the filter (and to any of {@code tags}, if given) would mail now. */
    long mailable(PublicationRef publication, SegmentFilter filter, Collection<String> tags) {
        Predicate where = predicate(publication, filter, 3);
        // the sendable audience of the send, narrowed by the segment
        return ((Number) bounded(bind(
                entityManager.createNativeQuery("SELECT count(*) FROM subscriber s WHERE s.publication_id = ?1 AND "
                        + Audience.MAY_BE_MAILED
                        + " AND (cardinality(CAST(?2 AS text[])) = 0 OR s.tags && CAST(?2 AS text[])) AND "
                        + where.sql()),
                publication.id(), where).setParameter(2, tags.toArray(String[]::new)))).longValue();
    }

    /** The first {@code limit} members with an id above {@code after}, in id order. */
    @SuppressWarnings("unchecked")
    List<Member> members(PublicationRef publication, SegmentFilter filter, long after, int limit) {
        Predicate where = predicate(publication, filter, 4);
        // a page of the filter's subscribers, keyset-paged by id
        List<Object[]> rows = bind(entityManager.createNativeQuery("SELECT s.id, s.email, s.name, s.status, "
                + "array_to_string(s.tags, ','), s.created_at FROM subscriber s WHERE s.publication_id = ?1 AND s.id > ?2 AND "
                + where.sql() + " ORDER BY s.id LIMIT ?3"), publication.id(), where).setParameter(2, after)
                .setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new Member(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                r[4] == null || ((String) r[4]).isEmpty() ? List.of() : Arrays.asList(((String) r[4]).split(",")),
                r[5] instanceof Instant i ? i : ((java.sql.Timestamp) r[5]).toInstant())).toList();
    }

    private static Query bind(Query query, long publicationId, Predicate where) {
        return bind(query.setParameter(1, publicationId), where);
    }

    /** Binds the predicate's parameters, from the number it was compiled with. */
    static Query bind(Query query, Predicate where) {
        for (int i = 0; i < where.parameters().size(); i++) {
            query.setParameter(where.first() + i, where.parameters().get(i));
        }
        return query;
    }
}
