package dev.gazette.engagement;

import static dev.gazette.testing.Api.as;
import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.StudioForms.Page;

/**
 * The studio's moderation: comments held for approval under the publication's setting, approved,
 * hidden, answered and deleted from the queue, and readers blocked by address; only by the
 * publication's writer, only with the form's token.
 */
@QuarkusTest
class CommentModerationTest {

    @Inject
    DataSource db;

    @Test
    void heldCommentsWaitForTheWritersApprovalThenAppearOnTheIssuesPage() {
        Readers.Sent sent = Readers.sentIssue("Held");
        String queue = "/studio/publications/" + sent.publication() + "/comments";
        Page settings = open(sent.writer(), queue, "en");
        post(sent.writer(), settings, queue, Map.of("commentPolicy", "subscribers", "commentModeration", "all"), "en")
                .then().statusCode(303);
        assertThat(Db.text(db, "SELECT comment_moderation FROM publication WHERE slug = ?", sent.publication()))
                .isEqualTo("all");

        long id = comment(sent, "기다리는 댓글").jsonPath().getLong("id");
        assertThat(status(id)).isEqualTo("held");
        Api.anonymous().get(sent.page() + "/comments").then().statusCode(200).body("$", hasSize(0));
        assertThat(Readers.browser(Api.randomClient()).get(sent.page()).then().statusCode(200).extract().asString())
                .doesNotContain("기다리는 댓글");
        CapturedMessage told = Readers.mail(sent.writer().email(), text -> text.contains("기다리는 댓글"));
        assertThat(told.subject()).contains("승인을 기다리는 댓글");
        assertThat(told.textPart().orElseThrow()).contains(queue + "?status=held");

        // the queue opens on what waits, and shows where it was written and by whom
        Page page = open(sent.writer(), queue, "en");
        assertThat(page.html()).contains("id=\"comment-" + id + "\"").contains("Awaiting approval (1)")
                .contains("/studio/publications/" + sent.publication() + "/subscribers/").contains(sent.email());
        // a forged form changes nothing
        post(sent.writer(), page.withoutToken(), queue + "/" + id, Map.of("action", "approve"), "en").then()
                .statusCode(403);
        assertThat(status(id)).isEqualTo("held");

        Response approved = post(sent.writer(), page, queue + "/" + id, Map.of("action", "approve", "status", "held"), "en");
        approved.then().statusCode(303);
        assertThat(approved.header("Location")).contains(queue + "?status=held&done=approved#comment-" + id);
        assertThat(status(id)).isEqualTo("visible");
        Api.anonymous().get(sent.page() + "/comments").then().body("$", hasSize(1)).body("[0].id", equalTo((int) id));
        assertThat(Readers.browser(Api.randomClient()).get(sent.page()).then().statusCode(200).extract().asString())
                .contains("기다리는 댓글");

        // the writer replies from the queue; the reply is theirs, under the comment
        post(sent.writer(), page, queue + "/" + id,
                Map.of("action", "reply", "issueId", Long.toString(sent.issueId()), "body", "고마워요"), "en")
                .then().statusCode(303);
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE parent_id = ? AND account_id IS NOT NULL "
                + "AND status = 'visible' AND body_markdown = '고마워요'", id)).isOne();

        // hide, then delete: gone from the page and from the queue
        post(sent.writer(), page, queue + "/" + id, Map.of("action", "hide"), "en").then().statusCode(303);
        assertThat(status(id)).isEqualTo("hidden");
        post(sent.writer(), page, queue + "/" + id, Map.of("action", "delete"), "en").then().statusCode(303);
        assertThat(status(id)).isEqualTo("deleted");
        assertThat(open(sent.writer(), queue + "?status=all", "en").html()).doesNotContain("id=\"comment-" + id + "\"");
        post(sent.writer(), page, queue + "/" + id, Map.of("action", "nonsense"), "en").then().statusCode(400);
    }

    @Test
    void aFirstTimeReaderIsHeldOnceAndTrustedAfterAnApproval() {
        Readers.Sent sent = Readers.sentIssue("FirstTime");
        as(sent.writer().token()).body(Map.of("commentPolicy", "subscribers", "commentModeration", "first_time"))
                .put("/api/v1/publications/" + sent.publication() + "/comment-policy").then().statusCode(200)
                .body("commentModeration", equalTo("first_time"));
        long first = comment(sent, "처음").jsonPath().getLong("id");
        long second = comment(sent, "두 번째").jsonPath().getLong("id");
        assertThat(status(first)).isEqualTo("held");
        assertThat(status(second)).isEqualTo("held");
        String api = "/api/v1/publications/" + sent.publication() + "/comments";
        as(sent.writer().token()).get(api + "?status=held&issueId=" + sent.issueId()).then().statusCode(200)
                .body("$", hasSize(2));
        as(sent.writer().token()).body(Map.of("status", "visible")).patch(api + "/" + first).then().statusCode(200)
                .body("status", equalTo("visible"));
        comment(sent, "세 번째").then().body("status", equalTo("visible"));

        // a value that is not one of the three is refused and changes nothing
        as(sent.writer().token()).body(Map.of("commentPolicy", "everyone", "commentModeration", "sometimes"))
                .put("/api/v1/publications/" + sent.publication() + "/comment-policy").then().statusCode(400)
                .body("errors[0].code", equalTo("invalid_moderation"));
        assertThat(Db.text(db, "SELECT comment_policy || ' ' || comment_moderation FROM publication WHERE slug = ?",
                sent.publication())).isEqualTo("subscribers first_time");
    }

    @Test
    void aConfirmedStrangersCommentIsHeldWhenEveryCommentIs() {
        Readers.Sent sent = Readers.sentIssue("HeldStranger");
        as(sent.writer().token()).body(Map.of("commentPolicy", "everyone", "commentModeration", "all"))
                .put("/api/v1/publications/" + sent.publication() + "/comment-policy").then().statusCode(200);
        String stranger = Api.uniqueEmail("stranger");
        long id = Api.anonymous().body(Map.of("body", "from outside", "name", "Stranger", "email", stranger))
                .post(sent.page() + "/comments").then().statusCode(201).body("status", equalTo("pending")).extract()
                .jsonPath().getLong("id");
        String confirm = Readers.link(Readers.mail(stranger, text -> true), "/comments/confirm/");
        String client = Api.randomClient();
        Readers.Page page = Readers.open(client, confirm, null);
        String answer = Readers.postForm(client, page, confirm, Map.of()).then().statusCode(200).extract().asString();
        assertThat(answer).contains("승인하면");
        assertThat(status(id)).isEqualTo("held");
    }

    @Test
    void aBlockedReaderIsHiddenAndRefusedUntilUnblocked() {
        Readers.Sent sent = Readers.sentIssue("Blocked");
        String queue = "/studio/publications/" + sent.publication() + "/comments";
        long id = comment(sent, "스팸 댓글").jsonPath().getLong("id");
        Page page = open(sent.writer(), queue, "ko");
        post(sent.writer(), page, queue + "/" + id, Map.of("action", "block"), "ko").then().statusCode(303);
        assertThat(status(id)).isEqualTo("hidden");
        assertThat(Db.count(db, "SELECT count(*) FROM comment_block b JOIN publication p ON p.id = b.publication_id "
                + "WHERE p.slug = ? AND b.author_name = '민지'", sent.publication())).isOne();
        // the address is kept only as its hash
        assertThat(Db.count(db, "SELECT count(*) FROM comment_block WHERE address_hash LIKE ?",
                "%" + sent.email() + "%")).isZero();
        comment(sent, "또 왔어요").then().statusCode(403).body("code", equalTo("commenter_blocked"));
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE body_markdown = '또 왔어요'")).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE action = 'comment_author_blocked' "
                + "AND publication_slug = ?", sent.publication())).isOne();

        Page blocked = open(sent.writer(), queue, "ko");
        assertThat(blocked.html()).contains("차단한 독자").contains("민지");
        long block = Db.count(db, "SELECT b.id FROM comment_block b JOIN publication p ON p.id = b.publication_id "
                + "WHERE p.slug = ?", sent.publication());
        post(sent.writer(), blocked, queue + "/blocks/" + block + "/unblock", Map.of(), "ko").then().statusCode(303);
        comment(sent, "다시 왔어요").then().statusCode(201);
    }

    @Test
    void anAddressTypedByTheWriterIsBlockedBeforeItComments() {
        Readers.Sent sent = Readers.sentIssue("BlockAddress");
        as(sent.writer().token()).body(Map.of("commentPolicy", "everyone"))
                .put("/api/v1/publications/" + sent.publication() + "/comment-policy").then().statusCode(200);
        String troll = Api.uniqueEmail("troll");
        String queue = "/studio/publications/" + sent.publication() + "/comments";
        Page page = open(sent.writer(), queue, "en");
        post(sent.writer(), page, queue + "/blocks", Map.of("email", "not an address"), "en").then().statusCode(400);
        assertThat(Db.count(db, "SELECT count(*) FROM comment_block b JOIN publication p ON p.id = b.publication_id "
                + "WHERE p.slug = ?", sent.publication())).isZero();
        post(sent.writer(), page, queue + "/blocks", Map.of("email", troll.toUpperCase()), "en").then().statusCode(303);
        Api.anonymous().body(Map.of("body", "hi", "name", "T", "email", troll)).post(sent.page() + "/comments").then()
                .statusCode(403).body("code", equalTo("commenter_blocked"));
        // the API lists it and unblocks it
        String api = "/api/v1/publications/" + sent.publication() + "/comment-blocks";
        int block = as(sent.writer().token()).get(api).then().statusCode(200).body("$", hasSize(1)).extract()
                .path("[0].id");
        as(sent.writer().token()).delete(api + "/" + block).then().statusCode(204);
        Api.anonymous().body(Map.of("body", "hi", "name", "T", "email", troll)).post(sent.page() + "/comments").then()
                .statusCode(201);
    }

    @Test
    void anotherWriterNeverSeesNorTouchesTheQueue() {
        Readers.Sent sent = Readers.sentIssue("Private");
        long id = comment(sent, "비공개 대기열").jsonPath().getLong("id");
        Api.Account other = Api.writer("Other");
        String queue = "/studio/publications/" + sent.publication() + "/comments";
        Page page = open(other, "/studio", "en");
        assertThat(dev.gazette.testing.StudioForms.session(other, "en").get(queue).then().statusCode(404).extract()
                .asString()).doesNotContain("비공개 대기열");
        for (String action : new String[]{"hide", "delete", "block"}) {
            post(other, page, queue + "/" + id, Map.of("action", action), "en").then().statusCode(404);
        }
        post(other, page, queue + "/blocks", Map.of("email", sent.email()), "en").then().statusCode(404);
        assertThat(status(id)).isEqualTo("visible");
        as(other.token()).get("/api/v1/publications/" + sent.publication() + "/comment-blocks").then().statusCode(404);
        as(other.token()).body(Map.of("commentId", id))
                .post("/api/v1/publications/" + sent.publication() + "/comment-blocks").then().statusCode(404);
        assertThat(Db.count(db, "SELECT count(*) FROM comment_block b JOIN publication p ON p.id = b.publication_id "
                + "WHERE p.slug = ?", sent.publication())).isZero();
    }

    private static Response comment(Readers.Sent sent, String body) {
        return Api.anonymous().body(Map.of("body", body, "token", sent.readerToken())).post(sent.page() + "/comments");
    }

    private String status(long id) {
        return Db.text(db, "SELECT status FROM comment WHERE id = ?", id);
    }
}
