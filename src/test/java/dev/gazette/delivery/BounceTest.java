package dev.gazette.delivery;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.Reports;

/** Bounce and complaint reports from the relay, behind the shared secret. */
@QuarkusTest
class BounceTest {

    @Inject
    DataSource db;

    private String sentTo(String token, String slug, String email) throws InterruptedException {
        as(token).body(Map.of("email", email, "name", "Reader")).post("/api/v1/publications/" + slug + "/subscribers")
                .then().statusCode(201);
        long issue = as(token).body(Map.of("title", "Bounce me", "bodyMarkdown", "Hello"))
                .post("/api/v1/publications/" + slug + "/issues").then().statusCode(201).extract().<Number>path("id")
                .longValue();
        as(token).body(Map.of()).post("/api/v1/publications/" + slug + "/issues/" + issue + "/send").then().statusCode(202);
        String messageId = Mailbox.awaitTo(email).header("Message-ID").orElseThrow();
        // the relay's report comes after the engine wrote the outcome down, as a real relay's would
        await().atMost(Duration.ofSeconds(10)).until(() -> Db.count(db, "SELECT count(*) FROM delivery WHERE message_id = ? "
                + "AND status = 'sent'", messageId) == 1);
        return messageId;
    }

    @Test
    void aDeliveryStatusReportOfAnUnknownMailboxSuppressesTheAddress() throws Exception {
        String token = Api.writer("Bounced").token();
        String slug = Api.publication(token);
        String email = Api.uniqueEmail("gone");
        String messageId = sentTo(token, slug, email);

        RestAssured.given().header("X-Bounce-Secret", "wrong").contentType("message/rfc822")
                .body(Reports.dsn(messageId, email, "5.1.1").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/bounces")
                .then().statusCode(401).body("code", equalTo("invalid_bounce_secret"));
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ? AND status = 'active'", email)).isOne();

        RestAssured.given().header("X-Bounce-Secret", "test-bounce-secret").contentType("message/rfc822")
                .body("not a report at all".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/bounces")
                .then().statusCode(422).body("code", equalTo("not_a_report"));

        RestAssured.given().header("X-Bounce-Secret", "test-bounce-secret").contentType("message/rfc822")
                .body(Reports.dsn(messageId, email, "5.1.1").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/bounces")
                .then().statusCode(200).body("matched", equalTo(1)).body("suppressed", equalTo(1));
        assertThat(Db.count(db, "SELECT count(*) FROM delivery WHERE message_id = ? AND bounce = 'hard' "
                + "AND last_status = '5.1.1'", messageId)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ? AND status = 'bounced'", email)).isOne();
    }

    @Test
    void aComplaintInTheSimpleFormSuppressesTheAddress() throws Exception {
        String token = Api.writer("Complained").token();
        String slug = Api.publication(token);
        String email = Api.uniqueEmail("angry");
        String messageId = sentTo(token, slug, email);

        RestAssured.given().header("X-Bounce-Secret", "test-bounce-secret").contentType("application/json")
                .body(Map.of("type", "complaint", "messageId", messageId)).post("/api/v1/bounces")
                .then().statusCode(200).body("matched", equalTo(1));
        assertThat(Db.count(db, "SELECT count(*) FROM delivery WHERE message_id = ? AND bounce = 'complaint'", messageId))
                .isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ? AND status = 'complained'", email)).isOne();

        RestAssured.given().header("X-Bounce-Secret", "test-bounce-secret").contentType("application/json")
                .body(Map.of("type", "explosion")).post("/api/v1/bounces")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
    }

    @Test
    void aFeedbackReportOfAComplaintSuppressesTheAddress() throws Exception {
        String token = Api.writer("Reported").token();
        String slug = Api.publication(token);
        String email = Api.uniqueEmail("spam-button");
        String messageId = sentTo(token, slug, email);

        RestAssured.given().header("X-Bounce-Secret", "test-bounce-secret").contentType("multipart/report")
                .body(Reports.arf(messageId, email).getBytes(StandardCharsets.UTF_8)).post("/api/v1/bounces")
                .then().statusCode(200).body("matched", equalTo(1));
        assertThat(Db.count(db, "SELECT count(*) FROM delivery WHERE message_id = ? AND bounce = 'complaint'", messageId))
                .isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ? AND status = 'complained'", email)).isOne();
    }

    @Test
    void aReportWithoutTheSecretChangesNothing() throws Exception {
        String token = Api.writer("Unsigned").token();
        String slug = Api.publication(token);
        String email = Api.uniqueEmail("kept");
        String messageId = sentTo(token, slug, email);

        RestAssured.given().contentType("message/rfc822")
                .body(Reports.dsn(messageId, email, "5.1.1").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/bounces").then().statusCode(401).body("code", equalTo("invalid_bounce_secret"));
        RestAssured.given().contentType("multipart/report").body(Reports.arf(messageId, email).getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/bounces").then().statusCode(401).body("code", equalTo("invalid_bounce_secret"));
        RestAssured.given().contentType("application/json").body(Map.of("type", "complaint", "messageId", messageId))
                .post("/api/v1/bounces").then().statusCode(401).body("code", equalTo("invalid_bounce_secret"));

        assertThat(Db.count(db, "SELECT count(*) FROM delivery WHERE message_id = ? AND bounce IS NULL "
                + "AND status = 'sent'", messageId)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ? AND status = 'active'", email)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM suppression s JOIN subscriber x ON x.email_hash = s.email_hash "
                + "WHERE x.email = ?", email)).isZero();
    }
}
