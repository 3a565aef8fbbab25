package dev.gazette.issue;

import static dev.gazette.issue.IssueFixtures.createIssue;
import static dev.gazette.issue.IssueFixtures.issuePath;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.StudioForms;

@QuarkusTest
class IssueScheduleTest {

    @Inject
    DataSource db;

    @Inject
    IssueScheduler scheduler;

    @Inject
    IssueStates issueStates;

    @Test
    void aScheduleIsStoredInUtcShownInThePublicationsZoneAndCanBeCancelled() {
        Api.Account writer = Api.writer("Planner");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub);
        tagged(writer.token(), pub, "vip"); // a send to tags that reach no one is refused (empty_audience)
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.ofHours(9)).plusDays(1).truncatedTo(ChronoUnit.SECONDS);

        as(writer.token()).body(Map.of("scheduledAt", at.toString(), "tags", List.of("vip", "beta")))
                .post(issuePath(pub, id) + "/send").then().statusCode(202)
                .body("status", equalTo("scheduled"))
                .body("scheduledAt", equalTo(at.toInstant().toString()))
                .body("scheduledAtLocal", equalTo(at.toString()))
                .body("timeZone", equalTo("Asia/Seoul"))
                .body("tags", equalTo(List.of("vip", "beta")));
        assertThat(Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND scheduled_at = ?", id,
                Timestamp.from(at.toInstant()))).isOne();

        // the scheduler at the real time leaves it alone
        fire(id, Instant.now());
        assertThat(Db.count(db, "SELECT count(*) FROM issue_send_request WHERE issue_id = ?", id)).isZero();

        as(writer.token()).post(issuePath(pub, id) + "/cancel").then().statusCode(200).body("status", equalTo("cancelled"));
        // cancelled before it started: the due time comes and nothing fires
        fire(id, at.toInstant().plusSeconds(60));
        assertThat(Db.count(db, "SELECT count(*) FROM issue_send_request WHERE issue_id = ?", id)).isZero();
        as(writer.token()).post(issuePath(pub, id) + "/cancel").then().statusCode(409)
                .body("code", equalTo("issue_not_cancellable"));
    }

    @Test
    void aScheduledIssueFiresOnceAfterARestartWhateverRunsTheJob() throws Exception {
        Api.Account writer = Api.writer("Once");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub);
        tagged(writer.token(), pub, "vip");
        Instant at = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        as(writer.token()).body(Map.of("scheduledAt", at.toString(), "tags", List.of("vip")))
                .post(issuePath(pub, id) + "/send").then().statusCode(202);

        // The schedule is only in the database: after a restart, the instances that come up find
        // it there. Here two of them run the job at the same moment, past the due time, and a third later.
        Instant later = at.plusSeconds(5);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return fire(id, later);
            }));
        }
        start.countDown();
        int fired = 0;
        for (Future<List<Long>> run : runs) {
            fired += (int) run.get().stream().filter(f -> f == id).count();
        }
        pool.shutdown();
        fired += (int) fire(id, later.plusSeconds(60)).stream().filter(f -> f == id).count();

        assertThat(fired).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM issue_send_request WHERE issue_id = ?", id)).isOne();
        as(writer.token()).get(issuePath(pub, id)).then().body("status", equalTo("sending"));
        // the request the delivery engine starts the send from, once it is due
        assertThat(Db.count(db, "SELECT count(*) FROM issue_send_request WHERE issue_id = ? AND audience_tags = '{vip}' "
                + "AND scheduled_at = ? AND fired_at = ? AND picked_up_at IS NULL", id,
                java.sql.Timestamp.from(at), java.sql.Timestamp.from(later))).isOne();
        // a fired issue can still be cancelled: its request is then never started
        as(writer.token()).post(issuePath(pub, id) + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));
    }

    @Test
    void theRunningSchedulerFiresADueIssueByItself() throws Exception {
        Api.Account writer = Api.writer("Timer");
        String pub = Api.publication(writer.token());
        String reader = subscriber(writer.token(), pub);
        long id = createIssue(writer.token(), pub);
        as(writer.token()).body(Map.of("scheduledAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
                .post(issuePath(pub, id) + "/send").then().statusCode(202);
        // time passes while nobody watches: the due time is now in the past
        execute("UPDATE issue SET scheduled_at = now() - interval '1 minute' WHERE id = ?", id);
        // the job fires it (every second in tests), the engine starts and finishes the send: the
        // issue's end state, however fast the background jobs run
        await().atMost(Duration.ofSeconds(30)).until(
                () -> Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND status = 'sent'", id) == 1);
        assertThat(Db.count(db, "SELECT count(*) FROM issue_send_request WHERE issue_id = ? AND picked_up_at IS NOT NULL",
                id)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id JOIN subscriber x "
                + "ON x.id = d.subscriber_id WHERE s.issue_id = ? AND x.email = ? AND d.status = 'sent'", id, reader)).isOne();
    }

    @Test
    void aSuspendedPublicationsScheduleWaitsUntilItIsReinstated() {
        Api.Account writer = Api.writer("Suspended");
        String pub = Api.publication(writer.token());
        subscriber(writer.token(), pub);
        long id = createIssue(writer.token(), pub);
        Instant at = Instant.now().plus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        as(writer.token()).body(Map.of("scheduledAt", at.toString())).post(issuePath(pub, id) + "/send")
                .then().statusCode(202);
        Api.Account admin = Api.admin();
        as(admin.token()).body(Map.of("reason", "spam reports")).post("/api/v1/admin/publications/" + pub + "/suspend")
                .then().statusCode(200);
        assertThat(fire(id, at.plusSeconds(1))).isEmpty();
        as(writer.token()).get(issuePath(pub, id)).then().body("status", equalTo("scheduled"));
        as(admin.token()).post("/api/v1/admin/publications/" + pub + "/reinstate").then().statusCode(200);
        assertThat(fire(id, at.plusSeconds(2))).containsExactly(id);
    }

    @Test
    void sendingNowStartsAtOnce() {
        Api.Account writer = Api.writer("Now");
        String pub = Api.publication(writer.token());
        subscriber(writer.token(), pub);
        long id = createIssue(writer.token(), pub);
        as(writer.token()).body(Map.of()).post(issuePath(pub, id) + "/send").then().statusCode(202)
                .body("status", equalTo("sending"));
        // the request is there at once; the engine may already have picked it up (every 200 ms in tests)
        assertThat(Db.count(db, "SELECT count(*) FROM issue_send_request WHERE issue_id = ? "
                + "AND cardinality(audience_tags) = 0", id)).isOne();
    }

    @Test
    void aSendToEveryoneIsRefusedWhenNoOneCanBeMailedNowOrLater() {
        Api.Account writer = Api.writer("Nobody");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub);
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of(),
                Map.of("scheduledAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))) {
            as(writer.token()).body(body).post(issuePath(pub, id) + "/send").then().statusCode(422)
                    .contentType("application/problem+json").body("code", equalTo("empty_audience"));
        }
        as(writer.token()).get(issuePath(pub, id)).then().body("status", equalTo("draft")).body("scheduledAt", equalTo(null));
        assertThat(Db.count(db, "SELECT count(*) FROM issue_send_request WHERE issue_id = ?", id)).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM send WHERE issue_id = ?", id)).isZero();
    }

    @Test
    void aWebOnlyScheduleIsPublishedAtItsTimeAndMailsNoOne() throws Exception {
        Api.Account writer = Api.writer("WebLater");
        String pub = Api.publication(writer.token());
        String reader = subscriber(writer.token(), pub);
        long id = createIssue(writer.token(), pub, Map.of("slug", "web-later"));
        Instant at = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        // web only whatever the audience: the tags are checked, then left out
        as(writer.token()).body(Map.of("scheduledAt", at.toString(), "webOnly", true, "tags", List.of("nobody")))
                .post(issuePath(pub, id) + "/send").then().statusCode(202).body("status", equalTo("scheduled"))
                .body("webOnly", equalTo(true)).body("tags", equalTo(List.of()));
        Api.anonymous().get("/p/" + pub + "/web-later").then().statusCode(404);

        // moved to another time in the studio, it stays web only
        String page = "/studio/publications/" + pub + "/issues/" + id;
        String later = LocalDateTime.ofInstant(at.plus(1, ChronoUnit.DAYS), ZoneId.of("Asia/Seoul"))
                .truncatedTo(ChronoUnit.MINUTES).toString();
        StudioForms.Page scheduled = StudioForms.open(writer, page + "/send", "en");
        assertThat(scheduled.html()).contains("It will be published on the web only: no one will be mailed.");
        assertThat(StudioForms.post(writer, scheduled, page + "/reschedule", Map.of("when", later), "en").statusCode())
                .isEqualTo(303);
        as(writer.token()).get(issuePath(pub, id)).then().body("status", equalTo("scheduled"))
                .body("webOnly", equalTo(true));
        execute("UPDATE issue SET scheduled_at = now() - interval '1 minute' WHERE id = ?", id);
        await().atMost(Duration.ofSeconds(30)).until(
                () -> Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND status = 'sent'", id) == 1);
        assertThat(Db.count(db, "SELECT count(*) FROM issue_send_request WHERE issue_id = ? AND web_only", id)).isOne();
        assertThat(Db.count(db, "SELECT total FROM send WHERE issue_id = ? AND status = 'sent'", id)).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ?",
                id)).isZero();
        Api.anonymous().get("/p/" + pub + "/web-later").then().statusCode(200);
        assertThat(Mailbox.to(reader)).isEmpty();
    }

    @Test
    void aScheduledSendWhoseReadersAllLeftIsPausedSayingSoAndMailsNoOne() throws Exception {
        Api.Account writer = Api.writer("Emptied");
        String pub = Api.publication(writer.token());
        long reader = ((Number) as(writer.token()).body(Map.of("email", Api.uniqueEmail("leaving")))
                .post("/api/v1/publications/" + pub + "/subscribers").then().statusCode(201).extract().path("id"))
                .longValue();
        long id = createIssue(writer.token(), pub);
        as(writer.token()).body(Map.of("scheduledAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
                .post(issuePath(pub, id) + "/send").then().statusCode(202);
        // the one reader leaves before the issue is due; then the due time passes
        as(writer.token()).delete("/api/v1/publications/" + pub + "/subscribers/" + reader).then().statusCode(204);
        execute("UPDATE issue SET scheduled_at = now() - interval '1 minute' WHERE id = ?", id);

        // the writer scheduled a mailing: the send waits for them, saying why, instead of going to no one
        await().atMost(Duration.ofSeconds(30)).until(() -> "paused".equals(
                as(writer.token()).get(issuePath(pub, id) + "/progress").then().statusCode(200).extract().path("status")));
        as(writer.token()).get(issuePath(pub, id) + "/progress").then().body("total", equalTo(0))
                .body("pauseReason", equalTo("no subscriber would receive it"));
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("paused");

        // resumed, it is over at once, mailing no one
        as(writer.token()).body(Map.of()).post(issuePath(pub, id) + "/resume").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(
                () -> Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND status = 'sent'", id) == 1);
        assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ?",
                id)).isZero();
    }

    /** Runs the scheduler's job for this test's issue only, as of {@code now}: other tests' issues stay as they are. */
    private List<Long> fire(long id, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> scheduler.fire(id, now));
    }

    private static String subscriber(String token, String pub) {
        String email = Api.uniqueEmail("reader");
        as(token).body(Map.of("email", email, "name", "Reader")).post("/api/v1/publications/" + pub + "/subscribers")
                .then().statusCode(201);
        return email;
    }

    private void execute(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    /** A subscriber with this tag, so that a send to the tag has an audience. */
    private static void tagged(String token, String pub, String tag) {
        as(token).body(Map.of("email", Api.uniqueEmail(tag), "tags", List.of(tag)))
                .post("/api/v1/publications/" + pub + "/subscribers").then().statusCode(201);
    }
}
