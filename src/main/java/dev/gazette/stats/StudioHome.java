package dev.gazette.stats;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.account.Caller;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/** Where a writer starts in the studio: each of their publications with its readers and its latest issue. */
@ApplicationScoped
class StudioHome {

    /** One publication's line: its subscribers who receive mail, and the issue touched last (if any). */
    record Line(PublicationRef publication, long subscribers, String lastTitle, String lastStatus, Instant lastAt) {
    }

    // Per publication: active subscribers (an index-only count) and the issue changed last.
    private static final String LINES = """
            SELECT p.id,
                   (SELECT count(*) FROM subscriber s WHERE s.publication_id = p.id AND s.status = 'active') AS subscribers,
                   i.title, i.status, COALESCE(i.sent_at, i.scheduled_at, i.updated_at) AS at
            FROM publication p
            LEFT JOIN LATERAL (SELECT title, status, sent_at, scheduled_at, updated_at FROM issue
                               WHERE publication_id = p.id AND kind = 'issue' ORDER BY updated_at DESC, id DESC LIMIT 1) i ON true
            WHERE p.id = ANY (?)""";

    private final Publications publications;
    private final StatsSql sql;

    StudioHome(Publications publications, StatsSql sql) {
        this.publications = publications;
        this.sql = sql;
    }

    List<Line> of(Caller caller) {
        List<PublicationRef> managed = publications.managedBy(caller);
        if (managed.isEmpty()) {
            return List.of();
        }
        Map<Long, Line> byId = new HashMap<>();
        Long[] ids = managed.stream().map(PublicationRef::id).toArray(Long[]::new);
        Map<Long, PublicationRef> refs = new HashMap<>();
        managed.forEach(p -> refs.put(p.id(), p));
        sql.list(LINES, r -> {
            long id = r.getLong("id");
            java.sql.Timestamp at = r.getTimestamp("at");
            return new Line(refs.get(id), r.getLong("subscribers"), r.getString("title"), r.getString("status"),
                    at == null ? null : at.toInstant());
        }, (Object) ids).forEach(line -> byId.put(line.publication().id(), line));
        return managed.stream().map(p -> byId.get(p.id())).toList();
    }
}
