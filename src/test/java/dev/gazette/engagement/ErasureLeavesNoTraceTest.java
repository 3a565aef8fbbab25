package dev.gazette.engagement;

import static dev.gazette.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.Traces;

/**
 * A reader who leaves every kind of trace (a confirmed subscription, a delivered issue, a relay's
 * report quoting their address, an open, a click, a rating with words, a comment through their link
 * and one confirmed by address, a tip, a note, the writer's notices of them)
 * and is then erased, by themselves or by their writer: the address and its local part are in no
 * column of any table and in no log line at INFO or above, while the numbers stay.
 */
@QuarkusTest
class ErasureLeavesNoTraceTest {

    private static final Pattern CLICK = Pattern.compile("href=\"https?://[^/\"]+(/t/c/[^\"]+)\"");
    private static final Pattern OPEN = Pattern.compile("src=\"https?://[^/\"]+(/t/o/[^\"]+)\"");
    private static final Pattern FEEDBACK = Pattern.compile("https?://[^/\\s\"]+(/feedback/[A-Za-z0-9_\\-.]+)\\?rating=good");
    private static final Pattern READER = Pattern.compile("\\?r=([A-Za-z0-9_\\-.]+)#");

    @Inject
    DataSource db;

    /** What the reader left: the publication, the issue, and the paths they act through. */
    private record Left(Api.Account writer, String slug, long issueId, long subscriberId, String email, String preferences) {
        String local() {
            return email.substring(0, email.indexOf('@'));
        }
    }

    @Test
    void aReaderWhoErasesTheirDataLeavesNoAddressAnywhere() {
        try (Traces.Log log = Traces.captureLog()) {
            Left left = leaveTraces("Forgotten");

            // their own export holds all of it first
            JsonPath export = JsonPath.from(Readers.browser(Api.randomClient()).get(left.preferences() + "/export").then()
                    .statusCode(200).extract().asString());
            assertThat(export.getList("activity.comments")).hasSize(2);
            assertThat(export.getList("activity.likes")).hasSize(1);
            assertThat(export.getList("activity.tips")).hasSize(1);
            assertThat(export.getList("activity.notes")).hasSize(1);
            assertThat(export.getString("activity.feedback[0].comment")).contains(left.email());
            assertThat(export.getList("activity.deliveries")).hasSize(1);
            assertThat(export.getString("activity.deliveries[0].reply")).contains(left.email());
            assertThat(export.getList("activity.opens")).isNotEmpty();
            assertThat(export.getList("activity.clicks")).isNotEmpty();
            assertThat(export.getList("activity.clicks.url", String.class)).allMatch(url -> url.startsWith("http"));

            Readers.browser(Api.randomClient()).post(left.preferences() + "/erase").then().statusCode(200);

            assertNoTrace(left, log);
        }
    }

    @Test
    void aSubscriberTheWriterDeletesLeavesNoAddressAnywhere() {
        try (Traces.Log log = Traces.captureLog()) {
            Left left = leaveTraces("Deleted");
            as(left.writer().token()).delete("/api/v1/publications/" + left.slug() + "/subscribers/" + left.subscriberId())
                    .then().statusCode(204);
            assertNoTrace(left, log);
        }
    }

    private void assertNoTrace(Left left, Traces.Log log) {
        assertThat(Traces.columnsMentioning(db, left.email())).isEmpty();
        assertThat(Traces.columnsMentioning(db, left.local())).isEmpty();
        assertThat(log.size()).as("the log capture works").isPositive();
        assertThat(log.mentioning(left.local())).isEmpty();
        // the numbers stay: the delivery, its opens and clicks, the rating, the comment, the tip
        assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ? "
                + "AND d.subscriber_id IS NULL AND d.last_reply LIKE '%[erased]%'", left.issueId())).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM tracking_event e JOIN delivery d ON d.id = e.delivery_id "
                + "JOIN send s ON s.id = d.send_id WHERE s.issue_id = ?", left.issueId())).isGreaterThanOrEqualTo(2);
        assertThat(Db.count(db, "SELECT count(*) FROM feedback WHERE issue_id = ? AND rating = 'bad' AND comment IS NULL",
                left.issueId())).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE issue_id = ? AND subscriber_id IS NULL "
                + "AND body_markdown LIKE '%[erased]%'", left.issueId())).isOne();
        // both comments stay, naming no one, and the writer's notices that quoted them are gone
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE issue_id = ? AND author_name = '' "
                + "AND subscriber_id IS NULL AND email_hash IS NULL", left.issueId())).isEqualTo(2);
        assertThat(Db.count(db, "SELECT count(*) FROM mail m JOIN publication p ON p.id = m.publication_id "
                + "WHERE p.slug = ? AND m.kind = 'writer_notice'", left.slug())).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM tip WHERE issue_id = ? AND tipper_email IS NULL", left.issueId()))
                .isOne();
    }

    /** A subscriber who confirmed by email, got an issue, and did everything a reader can do with it. */
    private Left leaveTraces(String who) {
        Api.Account writer = Api.writer(who);
        String slug = Api.publication(writer.token());
        as(writer.token()).body(Map.of("tipPrice", 1000)).patch("/api/v1/publications/" + slug).then().statusCode(200);
        String email = Api.uniqueEmail("erased");

        // a confirmed subscription: the consent ledger with its addresses
        Readers.browser(Api.randomClient()).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("email", email).formParam("name", "민지").post("/p/" + slug + "/subscribe").then().statusCode(200);
        String confirm = Readers.link(Readers.mail(email, text -> text.contains("/confirm/")), "/confirm/");
        String client = Api.randomClient();
        Readers.postForm(client, Readers.open(client, confirm, null), confirm, Map.of()).then().statusCode(200);
        CapturedMessage welcome = Readers.mail(email, text -> text.contains("/preferences/"));
        long subscriberId = Db.count(db, "SELECT id FROM subscriber WHERE email = ?", email);

        // an issue with a link, delivered
        String issueSlug = "letter-" + UUID.randomUUID().toString().substring(0, 8);
        long issue = ((Number) as(writer.token()).body(Map.of("title", "Letter " + issueSlug, "slug", issueSlug,
                "bodyMarkdown", "Read [the story](https://example.com/story)."))
                .post("/api/v1/publications/" + slug + "/issues").then().statusCode(201).extract().path("id")).longValue();
        as(writer.token()).body(Map.of()).post("/api/v1/publications/" + slug + "/issues/" + issue + "/send").then()
                .statusCode(202);
        CapturedMessage mail = Mailbox.catcher().await(m -> m.recipients().contains(email)
                && m.subject().equals("Letter " + issueSlug), Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("the issue did not reach " + email));
        String html = mail.htmlPart().orElseThrow();
        String text = mail.textPart().orElseThrow();

        // an open and a click
        Readers.browser(Api.randomClient()).get(find(OPEN, html).replace("&amp;", "&")).then().statusCode(200);
        Readers.browser(Api.randomClient()).get(find(CLICK, html).replace("&amp;", "&")).then().statusCode(302);

        // a rating with words that quote the address
        String feedback = find(FEEDBACK, text);
        Readers.Page page = Readers.open(client, feedback + "?rating=bad", null);
        Readers.postForm(client, page, feedback, Map.of("rating", "bad", "comment", "Write to me at " + email))
                .then().statusCode(200);

        // a comment, a like and a tip through their link, a note to the writer
        String location = Readers.browser(Api.randomClient()).get(feedback + "/comments").then().statusCode(303).extract()
                .header("Location");
        String reader = find(READER, location);
        String issuePage = "/p/" + slug + "/" + issueSlug;
        Api.anonymous().body(Map.of("body", "Mail me: " + email.toUpperCase(), "token", reader))
                .post(issuePage + "/comments").then().statusCode(201);
        Api.anonymous().body(Map.of("token", reader)).post(issuePage + "/like").then().statusCode(200);
        Api.anonymous().body(Map.of("coffees", 1, "name", "민지", "email", email, "message", "from " + email, "token", reader))
                .post(issuePage + "/tips").then().statusCode(201);
        Api.anonymous().body(Map.of("email", email, "message", "reply to " + email)).post("/p/" + slug + "/notes").then()
                .statusCode(202);
        String note = Readers.link(Readers.mail(email, t -> t.contains("/notes/confirm/")), "/notes/confirm/");
        Readers.postForm(client, Readers.open(client, note, null), note, Map.of()).then().statusCode(200);

        // a comment without their link, confirmed by the same address, named by its local part
        as(writer.token()).body(Map.of("commentPolicy", "everyone")).put("/api/v1/publications/" + slug + "/comment-policy")
                .then().statusCode(200);
        Api.anonymous().body(Map.of("body", "Again, from outside", "email", email)).post(issuePage + "/comments").then()
                .statusCode(201);
        String confirmComment = Readers.link(Readers.mail(email, t -> t.contains("/comments/confirm/")),
                "/comments/confirm/");
        Readers.postForm(client, Readers.open(client, confirmComment, null), confirmComment, Map.of()).then()
                .statusCode(200);
        // the writer heard of both comments and the note
        assertThat(Db.count(db, "SELECT count(*) FROM mail m JOIN publication p ON p.id = m.publication_id "
                + "WHERE p.slug = ? AND m.kind = 'writer_notice'", slug)).isEqualTo(3);

        // the relay's report quotes the address
        given().header("X-Bounce-Secret", "test-bounce-secret").contentType("message/rfc822")
                .body(dsn(mail.header("Message-ID").orElseThrow(), email).getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/bounces").then().statusCode(200);

        // the address is everywhere now: the check below can fail
        assertThat(Traces.columnsMentioning(db, email.substring(0, email.indexOf('@')))).contains("subscriber.email",
                "delivery.last_reply", "feedback.comment", "comment.body_markdown", "tip.tipper_email",
                "tip.message", "reader_note.email", "reader_note.message");
        as(writer.token()).get("/api/v1/publications/" + slug + "/subscribers/" + subscriberId).then().statusCode(200);
        Api.anonymous().get(issuePage + "/comments").then().body("$", hasSize(2));
        return new Left(writer, slug, issue, subscriberId, email, Readers.link(welcome, "/preferences/"));
    }

    private static String dsn(String messageId, String recipient) {
        return """
                From: MAILER-DAEMON@relay.example.com
                To: bounces@example.com
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                <%s>: host mx.example.com said: 550 5.1.1 <%s>: Recipient address rejected

                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; relay.example.com

                Final-Recipient: rfc822; %s
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <%s>: Recipient address rejected: User unknown

                --b1
                Content-Type: text/rfc822-headers

                Message-ID: %s

                --b1--
                """.formatted(recipient, recipient, recipient, recipient, messageId).replace("\n", "\r\n");
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no match for " + pattern);
        }
        return m.group(1);
    }
}
