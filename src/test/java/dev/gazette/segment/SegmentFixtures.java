package dev.gazette.segment;

import static dev.gazette.testing.Api.as;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import dev.gazette.testing.Db;

/** Segments made and read through the API, and engagement rows written straight to the database. */
final class SegmentFixtures {

    private SegmentFixtures() {
    }

    static String path(String slug) {
        return "/api/v1/publications/" + slug + "/segments";
    }

    static long segment(String token, String slug, String name, Map<String, Object> filter) {
        return ((Number) as(token).body(Map.of("name", name, "filter", filter)).post(path(slug)).then().statusCode(201)
                .extract().path("id")).longValue();
    }

    /** The addresses of the segment's members, every page of them. */
    static Set<String> members(String token, String slug, long segment) {
        Set<String> emails = new HashSet<>();
        long after = 0;
        while (true) {
            var page = as(token).get(path(slug) + "/" + segment + "/members?limit=100&after=" + after).then()
                    .statusCode(200).extract();
            List<String> shown = page.path("members.email");
            emails.addAll(shown);
            Number next = page.path("next");
            if (next == null) {
                return emails;
            }
            after = next.longValue();
        }
    }

    static Map<String, Object> all(Object... conditions) {
        return Map.of("match", "all", "conditions", List.of(conditions));
    }

    static Map<String, Object> any(Object... conditions) {
        return Map.of("match", "any", "conditions", List.of(conditions));
    }

    static Map<String, Object> group(String match, Object... conditions) {
        return Map.of("kind", "group", "match", match, "conditions", List.of(conditions));
    }

    static long subscriberId(DataSource db, String email) {
        return Db.count(db, "SELECT id FROM subscriber WHERE email = ?", email);
    }

    /**
     * A send of a new draft of the publication, started at {@code at}; paused, so that the engine's finisher
     * does not close it before the test has written its deliveries ({@link #finished} does).
     */
    static long issueSend(DataSource db, long publication, long issue, Instant at) {
        Db.execute(db, "INSERT INTO send (issue_id, publication_id, status, created_at, started_at, updated_at) "
                + "VALUES (?, ?, 'paused', ?, ?, ?)", issue, publication, Timestamp.from(at), Timestamp.from(at),
                Timestamp.from(at));
        return Db.count(db, "SELECT id FROM send WHERE issue_id = ?", issue);
    }

    /** The send is over, as the delivery engine's finisher says it: who it mailed counts as received from then. */
    static void finished(DataSource db, long send) {
        Db.execute(db, "UPDATE send SET status = 'sent', finished_at = now() WHERE id = ?", send);
    }

    static long delivered(DataSource db, long send, long subscriber) {
        Db.execute(db, "INSERT INTO delivery (send_id, subscriber_id, status, next_attempt_at, sent_at) "
                + "VALUES (?, ?, 'sent', now(), now())", send, subscriber);
        return Db.count(db, "SELECT id FROM delivery WHERE send_id = ? AND subscriber_id = ?", send, subscriber);
    }

    static void event(DataSource db, long delivery, String kind, boolean machine) {
        Db.execute(db, "INSERT INTO tracking_event (delivery_id, kind, machine, at) VALUES (?, ?, ?, now())", delivery,
                kind, machine);
    }
}
