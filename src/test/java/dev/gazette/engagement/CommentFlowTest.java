package dev.gazette.engagement;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/** Comments end to end: who may write, confirmation by email, threads, the author's window, moderation. */
@QuarkusTest
class CommentFlowTest {

    @Inject
    DataSource db;

    private static String comments(Readers.Sent sent) {
        return sent.page() + "/comments";
    }

    @Test
    void aSubscriberCommentsFromTheirEmailsLinkTheWriterHearsAndRepliesAsTheWriter() {
        Readers.Sent sent = Readers.sentIssue("Commented");
        long id = ((Number) Api.anonymous().body(Map.of("body", "정말 *좋은* 글이에요", "token", sent.readerToken()))
                .post(comments(sent)).then().statusCode(201).body("status", equalTo("visible")).extract().path("id"))
                .longValue();

        CapturedMessage told = Readers.mail(sent.writer().email(), text -> text.contains("정말 *좋은* 글이에요"));
        assertThat(told.subject()).contains("새 댓글");

        // the writer answers through the API, in the thread, marked as the writer's
        as(sent.writer().token()).body(Map.of("issueId", sent.issueId(), "parentId", id, "body", "고마워요!"))
                .post("/api/v1/publications/" + sent.publication() + "/comments").then().statusCode(201)
                .body("writer", equalTo(true)).body("parentId", equalTo((int) id));
        Api.anonymous().get(comments(sent)).then().statusCode(200).body("$", hasSize(2))
                .body("[0].authorName", equalTo("민지")).body("[0].bodyHtml", equalTo("<p>정말 <em>좋은</em> 글이에요</p>"))
                .body("[1].writer", equalTo(true));
        String page = Readers.browser(Api.randomClient()).get(sent.page()).then().statusCode(200).extract().asString();
        assertThat(page).contains("정말 <em>좋은</em> 글이에요").contains("writer-badge").contains("고마워요!");
    }

    @Test
    void anyoneConfirmsByEmailWhenThePublicationAllowsEveryone() {
        Readers.Sent sent = Readers.sentIssue("Open");
        as(sent.writer().token()).body(Map.of("commentPolicy", "everyone"))
                .put("/api/v1/publications/" + sent.publication() + "/comment-policy").then().statusCode(200);
        String stranger = Api.uniqueEmail("stranger");
        long id = ((Number) Api.anonymous().body(Map.of("body", "Hello from outside", "name", "Stranger", "email", stranger))
                .post(comments(sent)).then().statusCode(201).body("status", equalTo("pending")).extract().path("id"))
                .longValue();
        Api.anonymous().get(comments(sent)).then().body("$", hasSize(0));

        String confirm = Readers.link(Readers.mail(stranger, text -> true), "/comments/confirm/");
        String client = Api.randomClient();
        Readers.Page page = Readers.open(client, confirm, null); // a link scanner's GET changes nothing
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE id = ? AND status = 'pending'", id)).isOne();
        Readers.postForm(client, page, confirm, Map.of()).then().statusCode(200);
        Api.anonymous().get(comments(sent)).then().body("$", hasSize(1)).body("[0].authorName", equalTo("Stranger"));
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE id = ? AND email_hash IS NOT NULL", id)).isOne();
    }

    @Test
    void withoutTheSubscribersLinkOrWithCommentsOffNobodyComments() {
        Readers.Sent sent = Readers.sentIssue("Closed");
        Api.anonymous().body(Map.of("body", "let me in", "name", "X", "email", Api.uniqueEmail("x")))
                .post(comments(sent)).then().statusCode(403).body("code", equalTo("subscribers_only"));
        Api.anonymous().body(Map.of("body", "forged", "token", "forged.token")).post(comments(sent)).then()
                .statusCode(403).body("code", equalTo("subscribers_only"));
        as(sent.writer().token()).body(Map.of("commentPolicy", "off"))
                .put("/api/v1/publications/" + sent.publication() + "/comment-policy").then().statusCode(200);
        Api.anonymous().body(Map.of("body", "still here", "token", sent.readerToken())).post(comments(sent)).then()
                .statusCode(403).body("code", equalTo("comments_off"));
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE issue_id = ?", sent.issueId())).isZero();
    }

    @Test
    void theAuthorEditsAndDeletesWithinTheWindowOnly() {
        Readers.Sent sent = Readers.sentIssue("Author");
        io.restassured.response.ExtractableResponse<?> posted = Api.anonymous()
                .body(Map.of("body", "first draft", "token", sent.readerToken())).post(comments(sent)).then().statusCode(201)
                .extract();
        long id = ((Number) posted.path("id")).longValue();
        String authorToken = posted.path("authorToken");

        Api.anonymous().body(Map.of("body", "someone else's words", "token", "nope")).patch(comments(sent) + "/" + id)
                .then().statusCode(403).body("code", equalTo("not_comment_author"));
        Api.anonymous().body(Map.of("body", "second draft", "token", authorToken)).patch(comments(sent) + "/" + id)
                .then().statusCode(204);
        Api.anonymous().get(comments(sent)).then().body("[0].bodyMarkdown", equalTo("second draft"))
                .body("[0].editedAt", org.hamcrest.Matchers.notNullValue());

        try (var c = db.getConnection();
                var s = c.prepareStatement(
                        "UPDATE comment SET created_at = now() - interval '1 hour' WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Api.anonymous().body(Map.of("token", sent.readerToken())).delete(comments(sent) + "/" + id).then()
                .statusCode(403).body("code", equalTo("edit_window_closed"));
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE id = ? AND status = 'visible'", id)).isOne();
    }

    @Test
    void theWriterAndAdminsModerateAndAnotherWriterCannot() {
        Readers.Sent sent = Readers.sentIssue("Moderator");
        long id = ((Number) Api.anonymous().body(Map.of("body", "spam spam", "token", sent.readerToken()))
                .post(comments(sent)).then().statusCode(201).extract().path("id")).longValue();
        String api = "/api/v1/publications/" + sent.publication() + "/comments";

        Api.Account other = Api.writer("Intruder");
        as(other.token()).body(Map.of("status", "hidden")).patch(api + "/" + id).then().statusCode(404)
                .body("code", equalTo("publication_not_found"));
        as(other.token()).delete(api + "/" + id).then().statusCode(404);
        as(other.token()).get(api).then().statusCode(404);
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE id = ? AND status = 'visible'", id)).isOne();

        as(sent.writer().token()).body(Map.of("status", "hidden")).patch(api + "/" + id).then().statusCode(200)
                .body("status", equalTo("hidden"));
        Api.anonymous().get(comments(sent)).then().body("$", hasSize(0));
        as(Api.admin().token()).body(Map.of("status", "visible", "pinned", true)).patch(api + "/" + id).then()
                .statusCode(200).body("pinned", equalTo(true));
        Api.anonymous().get(comments(sent)).then().body("$", hasSize(1)).body("[0].pinned", equalTo(true));
        as(sent.writer().token()).delete(api + "/" + id).then().statusCode(204);
        Api.anonymous().get(comments(sent)).then().body("$", hasSize(0));
        as(sent.writer().token()).get(api + "?status=deleted").then().statusCode(200).body("$", hasSize(1));
        as(sent.writer().token()).body(Map.of("status", "deleted")).patch(api + "/" + id).then().statusCode(404);
    }

    @Test
    void emptyOrOversizedCommentsAreRefusedAndChangeNothing() {
        Readers.Sent sent = Readers.sentIssue("Strict");
        Api.anonymous().body(Map.of("body", "   ", "token", sent.readerToken())).post(comments(sent)).then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("comment_empty"))
                .body("errors[0].field", equalTo("body"));
        Api.anonymous().body(Map.of("token", sent.readerToken())).post(comments(sent)).then().statusCode(400)
                .body("code", equalTo("comment_empty"));
        Api.anonymous().body(Map.of("body", "가".repeat(5001), "token", sent.readerToken())).post(comments(sent)).then()
                .statusCode(400).body("code", equalTo("comment_too_long"));
        Api.anonymous().body(Map.of("body", "reply to nothing", "parentId", 999999999, "token", sent.readerToken()))
                .post(comments(sent)).then().statusCode(400).body("errors[0].code", equalTo("invalid_parent"));
        Api.anonymous().body(Map.of("body", "no such issue", "token", sent.readerToken()))
                .post("/p/" + sent.publication() + "/no-such-letter/comments").then().statusCode(404)
                .body("code", equalTo("issue_not_found"));
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE issue_id = ?", sent.issueId())).isZero();
    }
}
