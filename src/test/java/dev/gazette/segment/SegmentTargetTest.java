package dev.gazette.segment;

import static dev.gazette.segment.SegmentFixtures.all;
import static dev.gazette.segment.SegmentFixtures.path;
import static dev.gazette.segment.SegmentFixtures.segment;
import static dev.gazette.segment.SegmentFixtures.subscriberId;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.Scenario;

/**
 * What targets a segment: a send mails exactly its members as the send starts (over SMTP) and no one
 * who matches later; an empty segment is refused like an empty audience; a sequence enrols only
 * matching subscribers; a segment in use is not deleted.
 */
@QuarkusTest
class SegmentTargetTest {

    @Inject
    DataSource db;

    private static final Map<String, Object> SEOUL = Map.of("kind", "attribute", "key", "city", "op", "equals", "value",
            "Seoul");

    @Test
    void aSendToASegmentMailsExactlyItsMembersAndNoOneWhoJoinsLater() {
        Scenario s = Scenario.writer("Targeter");
        String seoul = reader(s, "Seoul", List.of("news"));
        String busan = reader(s, "Busan", List.of("news"));
        String seoulNoTopic = reader(s, "Seoul", List.of());
        long segment = segment(s.token(), s.slug(), "Seoul readers", all(SEOUL));
        long issue = s.issue(Map.of("title", "Seoul only"));

        as(s.token()).body(Map.of("segment", segment, "tags", List.of("news"))).post(s.issuePath(issue) + "/send").then()
                .statusCode(202).body("segment", equalTo((int) segment));
        s.awaitSendStatus(issue, "sent");
        Scenario.awaitIssueMail(seoul, "Seoul only");
        String later = reader(s, "Seoul", List.of("news"));

        long send = Db.count(db, "SELECT id FROM send WHERE issue_id = ?", issue);
        assertThat(Db.count(db, "SELECT segment_id FROM send WHERE id = ?", send)).isEqualTo(segment);
        assertThat(Db.count(db, "SELECT segment_id FROM issue_send_request WHERE issue_id = ?", issue)).isEqualTo(segment);
        assertThat(Db.texts(db, "SELECT s.email FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id "
                + "WHERE d.send_id = ?", send)).containsExactly(seoul);
        assertThat(Db.count(db, "SELECT total FROM send WHERE id = ?", send)).isOne();
        Mailbox.assertNoneSince(m -> m.subject().equals("Seoul only")
                && (m.recipients().contains(busan) || m.recipients().contains(seoulNoTopic) || m.recipients().contains(later)));
        assertThat(Mailbox.to(seoul).stream().filter(m -> m.subject().equals("Seoul only")).count()).isOne();
    }

    @Test
    void aSegmentNoOneMailableMatchesIsAnEmptyAudienceAndAnotherPublicationsIsUnknown() {
        Scenario s = Scenario.writer("Emptier");
        reader(s, "Busan", List.of());
        long segment = segment(s.token(), s.slug(), "Nobody", all(SEOUL));
        long issue = s.issue(Map.of());
        as(s.token()).body(Map.of("segment", segment)).post(s.issuePath(issue) + "/send").then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("empty_audience"))
                .body("errors.field", hasItem("segment"));
        Scenario other = Scenario.writer("Other");
        other.subscribers(1);
        long foreign = segment(other.token(), other.slug(), "Theirs", all());
        as(s.token()).body(Map.of("segment", foreign)).post(s.issuePath(issue) + "/send").then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("errors.code", hasItem("unknown_segment"));
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", issue)).isEqualTo("draft");
        assertThat(Db.count(db, "SELECT count(*) FROM issue_send_request WHERE issue_id = ?", issue)).isZero();
        // web only mails no one, whatever the segment
        as(s.token()).body(Map.of("segment", segment, "webOnly", true)).post(s.issuePath(issue) + "/send").then()
                .statusCode(202).body("segment", equalTo(null));
    }

    @Test
    void aSegmentInUseByAScheduledSendOrASequenceIsNotDeleted() {
        Scenario s = Scenario.writer("Keeper");
        reader(s, "Seoul", List.of());
        long segment = segment(s.token(), s.slug(), "Kept", all(SEOUL));
        long issue = s.issue(Map.of());
        String at = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).withNano(0).toString();
        as(s.token()).body(Map.of("segment", segment, "scheduledAt", at)).post(s.issuePath(issue) + "/send").then()
                .statusCode(202).body("status", equalTo("scheduled"));
        as(s.token()).delete(path(s.slug()) + "/" + segment).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("segment_in_use"));
        as(s.token()).body(Map.of()).post(s.issuePath(issue) + "/cancel").then().statusCode(200);

        long sequence = sequence(s.token(), s.slug(),
                Map.of("name", "Seoul welcome", "trigger", "confirmed", "segment", segment));
        as(s.token()).delete(path(s.slug()) + "/" + segment).then().statusCode(409).body("code", equalTo("segment_in_use"));
        as(s.token()).body(Map.of("segment", 0)).patch(sequences(s.slug()) + "/" + sequence).then()
                .statusCode(200).body("segment", equalTo(null));

        as(s.token()).delete(path(s.slug()) + "/" + segment).then().statusCode(204);
        as(s.token()).get(path(s.slug()) + "/" + segment).then().statusCode(404).body("code", equalTo("segment_not_found"));
        // the row stays for the sends that went to it, hidden
        assertThat(Db.count(db, "SELECT count(*) FROM segment WHERE id = ? AND deleted_at IS NOT NULL", segment)).isOne();
        as(s.token()).body(Map.of("segment", segment)).post(s.issuePath(issue) + "/send").then().statusCode(400)
                .body("errors.code", hasItem("unknown_segment"));
    }

    @Test
    void aSequenceWithASegmentEnrolsOnlyThoseWhoMatchWhenTheTriggerFires() {
        Scenario s = Scenario.writer("Sequencer");
        long segment = segment(s.token(), s.slug(), "Pro plan",
                all(Map.of("kind", "attribute", "key", "plan", "op", "equals", "value", "pro")));
        long sequence = sequence(s.token(), s.slug(),
                Map.of("name", "Pro welcome", "trigger", "confirmed", "segment", segment));
        step(s.token(), s.slug(), sequence, "Welcome, pro", 0, "Hello.");
        long plain = sequence(s.token(), s.slug(), Map.of("name", "Everyone", "trigger", "confirmed"));
        step(s.token(), s.slug(), plain, "Welcome, everyone", 0, "Hi.");

        String pro = Api.uniqueEmail("pro");
        as(s.token()).body(Map.of("email", pro, "attributes", Map.of("plan", "pro"))).post(s.subscribersPath()).then()
                .statusCode(201);
        String free = Api.uniqueEmail("free");
        as(s.token()).body(Map.of("email", free, "attributes", Map.of("plan", "free"))).post(s.subscribersPath()).then()
                .statusCode(201);

        assertThat(Db.count(db, "SELECT count(*) FROM sequence_enrollment WHERE sequence_id = ? AND subscriber_id = ?",
                sequence, subscriberId(db, pro))).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM sequence_enrollment WHERE sequence_id = ? AND subscriber_id = ?",
                sequence, subscriberId(db, free))).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM sequence_enrollment WHERE sequence_id = ?", plain)).isEqualTo(2);
        Mailbox.awaitSubject(pro, "Welcome, pro");
        Mailbox.awaitSubject(free, "Welcome, everyone");
        Mailbox.assertNoneSince(m -> m.recipients().contains(free) && m.subject().equals("Welcome, pro"));
        as(s.token()).get(sequences(s.slug()) + "/" + sequence).then().statusCode(200)
                .body("segment", equalTo((int) segment));
        // another publication's segment is not one to choose
        Scenario other = Scenario.writer("Stranger");
        long foreign = segment(other.token(), other.slug(), "Theirs", all());
        as(s.token()).body(Map.of("name", "Sneaky", "trigger", "confirmed", "segment", foreign))
                .post(sequences(s.slug())).then().statusCode(400).body("errors.code", hasItem("unknown_segment"));
    }

    private static String sequences(String slug) {
        return "/api/v1/publications/" + slug + "/sequences";
    }

    private static long sequence(String token, String slug, Map<String, Object> body) {
        return ((Number) as(token).body(body).post(sequences(slug)).then().statusCode(201).extract().path("id")).longValue();
    }

    private static void step(String token, String slug, long sequence, String subject, int delay, String body) {
        as(token).body(Map.of("subject", subject, "delayMinutes", delay, "bodyMarkdown", body))
                .post(sequences(slug) + "/" + sequence + "/steps").then().statusCode(201);
    }

    private static String reader(Scenario s, String city, List<String> tags) {
        String email = Api.uniqueEmail(city.toLowerCase());
        as(s.token()).body(Map.of("email", email, "tags", tags, "attributes", Map.of("city", city)))
                .post(s.subscribersPath()).then().statusCode(201);
        return email;
    }
}
