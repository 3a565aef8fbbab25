package dev.gazette.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;

/**
 * Mail other than issues: recorded in the transaction of the change that causes it, sent from
 * the stored row by the delivery engine's transactional lane, visible to admins.
 */
@QuarkusTest
class TransactionalMailTest {

    @Inject
    DataSource db;

    @Inject
    TransactionalMail mails;

    @Inject
    MailQueue queue;

    @Inject
    EntityManager entityManager;

    @Test
    void aSubscriptionRecordsItsConfirmationAndTheLaneSendsTheStoredMessage() {
        String slug = Api.publication(Api.writer("Lane").token());
        String email = Api.uniqueEmail("LaneReader");

        subscribe(slug, email);

        assertThat(Db.count(db, "SELECT count(*) FROM mail m JOIN subscriber s ON m.reference = 'subscriber:' || s.id "
                + "WHERE m.recipient = ? AND m.kind = 'subscription_confirmation' AND m.publication_id = s.publication_id",
                email)).isOne();
        CapturedMessage confirmation = Mailbox.awaitTo(email);
        await("the confirmation is recorded as sent").atMost(Duration.ofSeconds(10))
                .until(() -> Db.count(db, "SELECT count(*) FROM mail WHERE recipient = ? AND state = 'sent' "
                        + "AND last_code = 250 AND attempts = 1 AND sent_at IS NOT NULL", email) == 1);
        assertThat(confirmation.header("Message-ID"))
                .contains(column("SELECT message_id FROM mail WHERE recipient = ?", email));
        assertThat(confirmation.header("DKIM-Signature")).isPresent();
        assertThat(confirmation.textPart().orElseThrow()).contains("/confirm/");
        assertThat(confirmation.header("List-Unsubscribe")).isPresent();
    }

    @Test
    void aRolledBackChangeRecordsAndSendsNothing() {
        String rolledBack = Api.uniqueEmail("RolledBack");
        String committed = Api.uniqueEmail("Committed");

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            mails.record(Mail.withText(rolledBack, "Never", "never sent"), TransactionalMail.Origin.of(MailKind.account, "t"));
            throw new IllegalStateException("the change fails after the mail was recorded");
        })).hasStackTraceContaining("the change fails");
        QuarkusTransaction.requiringNew().run(() -> mails.record(Mail.withText(committed, "Sent", "sent"),
                TransactionalMail.Origin.of(MailKind.account, "t")));

        Mailbox.awaitTo(committed);
        assertThat(Db.count(db, "SELECT count(*) FROM mail WHERE recipient = ?", rolledBack)).isZero();
        assertThat(Mailbox.to(rolledBack)).isEmpty();
        // and nothing is recorded outside a transaction: there would be no change to go with it
        assertThatThrownBy(() -> mails.record(Mail.withText(rolledBack, "No", "no"),
                TransactionalMail.Origin.of(MailKind.account, "t")))
                .isInstanceOf(jakarta.transaction.TransactionalException.class);
        assertThat(Db.count(db, "SELECT count(*) FROM mail WHERE recipient = ?", rolledBack)).isZero();
    }

    @Test
    void aTestSendFollowedByASubscribeGivesBothMails() {
        Api.Account writer = Api.writer("Tester");
        String slug = Api.publication(writer.token());
        long issue = ((Number) Api.as(writer.token()).body(Map.of("title", "Test then subscribe", "bodyMarkdown", "Hello"))
                .post("/api/v1/publications/" + slug + "/issues").then().statusCode(201).extract().path("id")).longValue();
        String tester = writer.email(); // test sends go to the writer's own address only
        String reader = Api.uniqueEmail("RightAfter");

        Api.as(writer.token()).body(Map.of("to", List.of(tester)))
                .post("/api/v1/publications/" + slug + "/issues/" + issue + "/test").then().statusCode(200);
        subscribe(slug, reader);

        assertThat(Mailbox.awaitTo(tester).header("X-Gazette-Test")).contains("true");
        assertThat(Mailbox.awaitTo(reader).textPart().orElseThrow()).contains("/confirm/");
        assertThat(Db.count(db, "SELECT count(*) FROM mail WHERE recipient = ? AND kind = 'test_send' AND reference = ?",
                tester, "issue:" + issue)).isOne();
    }

    @Test
    void theAdminSeesEachMailsStateAndReplyAndAWriterMayNot() {
        Api.Account writer = Api.writer("Watcher");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("Watched");
        subscribe(slug, email);
        Mailbox.awaitTo(email);
        await("the mail is recorded as sent").atMost(Duration.ofSeconds(10))
                .until(() -> Db.count(db, "SELECT count(*) FROM mail WHERE recipient = ? AND state = 'sent'", email) == 1);
        long id = Long.parseLong(column("SELECT id::text FROM mail WHERE recipient = ?", email));
        String admin = Api.admin().token();

        List<Map<String, Object>> sent = Api.as(admin).get("/api/v1/admin/mail?state=sent&limit=500").then().statusCode(200)
                .extract().path("items");
        assertThat(sent).anySatisfy(item -> assertThat(item).containsEntry("recipient", email));
        assertThat(sent).allSatisfy(item -> assertThat(item).containsEntry("state", "sent"));
        List<Map<String, Object>> queued = Api.as(admin).get("/api/v1/admin/mail?state=queued&limit=500").then()
                .statusCode(200).extract().path("items");
        assertThat(queued).noneSatisfy(item -> assertThat(item).containsEntry("recipient", email));
        Api.as(admin).get("/api/v1/admin/mail/" + id).then().statusCode(200)
                .body("state", equalTo("sent"), "kind", equalTo("subscription_confirmation"), "lastCode", equalTo(250),
                        "recipient", equalTo(email), "attempts", equalTo(1));
        assertThat(Api.as(admin).get("/api/v1/admin/mail/" + id).then().extract().<String>path("lastReply")).startsWith("250");

        Api.as(writer.token()).get("/api/v1/admin/mail").then().statusCode(403);
        Api.as(writer.token()).get("/api/v1/admin/mail/" + id).then().statusCode(403);
        Api.anonymous().get("/api/v1/admin/mail").then().statusCode(401);
        Api.as(admin).get("/api/v1/admin/mail?state=lost").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation_failed"), "errors[0].code", equalTo("invalid_state"));
        Api.as(admin).get("/api/v1/admin/mail/" + Long.MAX_VALUE).then().statusCode(404).body("code",
                equalTo("mail_not_found"));
    }

    @Test
    void claimersRacingForTheSameRowsNeverTakeOneTwice() throws Exception {
        // rows due tomorrow, so that the running lane leaves them alone; the racers' clock is a day ahead
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        List<Long> ids = new ArrayList<>();
        String tag = "race-" + System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 60; i++) {
                ids.addAll(mails.record(Mail.withText(Api.uniqueEmail("Racer"), "Race", "race"),
                        TransactionalMail.Origin.of(MailKind.account, tag)));
            }
            entityManager.createNativeQuery("UPDATE mail SET next_attempt_at = ?1 WHERE reference = ?2")
                    .setParameter(1, java.sql.Timestamp.from(tomorrow)).setParameter(2, tag).executeUpdate();
        });
        Instant racersNow = tomorrow.plusSeconds(60);
        ExecutorService racers = Executors.newFixedThreadPool(4);
        List<Long> claimed = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> foreign = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                String owner = tag + "-" + r;
                runs.add(racers.submit((Callable<Void>) () -> {
                    List<MailQueue.Claimed> batch;
                    do {
                        batch = queue.claim(owner, 7, racersNow, racersNow.plus(Duration.ofHours(1)));
                        for (MailQueue.Claimed row : batch) {
                            (ids.contains(row.id()) ? claimed : foreign).add(row.id());
                        }
                    } while (!batch.isEmpty());
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            racers.shutdown();
            // rows of other tests that happened to be queued go back as they were
            if (!foreign.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE mail SET lease_owner = NULL, lease_until = NULL, attempts = attempts - 1 WHERE id = ANY (?1)")
                        .setParameter(1, foreign.toArray(Long[]::new)).executeUpdate());
            }
        }

        assertThat(claimed).hasSize(60).doesNotHaveDuplicates();
        assertThat(new HashSet<>(claimed)).isEqualTo(Set.copyOf(ids));
        assertThat(queue.claim(tag + "-late", 100, racersNow, racersNow.plusSeconds(60)).stream()
                .filter(row -> ids.contains(row.id()))).isEmpty(); // leased: nobody else takes them
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("DELETE FROM mail WHERE reference = ?1")
                .setParameter(1, tag).executeUpdate());
    }

    @Test
    void erasingASubscriberRemovesTheirMail() {
        Api.Account writer = Api.writer("Forgetful");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("ErasedReader");
        subscribe(slug, email);
        Api.anonymous().body(Map.of("email", email, "message", "잘 읽고 있어요")).post("/p/" + slug + "/notes").then()
                .statusCode(202);
        assertThat(Db.count(db, "SELECT count(*) FROM mail WHERE recipient = ?", email)).isEqualTo(2);
        // the confirmation carries the preferences link; the note's confirmation may arrive first
        String preferences = preferencesPath(Mailbox.catcher().await(m -> m.recipients().contains(email)
                && m.textPart().orElse("").contains("/preferences/"), java.time.Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("no mail with a preferences link reached " + email)));

        io.restassured.RestAssured.given().header("X-Forwarded-For", Api.randomClient()).post(preferences + "/erase").then()
                .statusCode(200);

        assertThat(Db.count(db, "SELECT count(*) FROM mail WHERE lower(recipient) = lower(?) OR lower(about) = lower(?) "
                + "OR position(? in convert_from(raw, 'UTF8')) > 0 OR position(? in coalesce(last_reply, '')) > 0",
                email, email, email, email)).isZero();
    }

    private static void subscribe(String slug, String email) {
        Api.anonymous().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("email", email)
                .post("/p/" + slug + "/subscribe").then().statusCode(200);
    }

    private static String preferencesPath(CapturedMessage message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("https?://[^/\\s]+(/preferences/[A-Za-z0-9_.-]+)")
                .matcher(message.textPart().orElseThrow());
        if (!m.find()) {
            throw new AssertionError("no preferences link");
        }
        return m.group(1);
    }

    private String column(String sql, String arg) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new AssertionError("no row for " + sql);
                }
                return r.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
