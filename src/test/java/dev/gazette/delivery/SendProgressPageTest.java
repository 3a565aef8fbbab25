package dev.gazette.delivery;

import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static dev.gazette.testing.StudioForms.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.Sends;
import dev.gazette.testing.StudioForms.Page;

/** The studio's page of a send under way: for its writer only, live, with pause, resume and cancel as forms. */
@QuarkusTest
class SendProgressPageTest {

    @Inject
    DataSource db;

    @Test
    void theWriterFollowsTheirSendAndASentIssueShowsItsStats() {
        Scenario writer = Scenario.writer("Follow").subscribers(2);
        long id = writer.issue(Map.of("title", "Followed letter"));
        String page = "/studio/publications/" + writer.slug() + "/issues/" + id + "/progress";

        Page draft = open(writer.account(), page, "en");
        assertThat(draft.html()).contains("Followed letter", "The send of this issue has not started.")
                .doesNotContain("data-stream=");

        writer.sendAndAwait(id);
        Response sent = session(writer.account(), "en").get(page);
        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(sent.header("Location")).endsWith("/publications/" + writer.slug() + "/issues/" + id + "/stats");

        Api.Account other = Api.writer("Stranger");
        session(other, "en").get(page).then().statusCode(404);
        Page theirs = open(other, "/studio", "en");
        for (String action : new String[]{"/pause", "/resume", "/cancel"}) {
            assertThat(post(other, theirs, page + action, Map.of(), "en").statusCode()).as(action).isEqualTo(404);
        }
    }

    @Test
    void pauseResumeAndCancelAreFormsThatNeedTheirToken() {
        Scenario writer = Scenario.writer("Controls");
        long id = writer.issue(Map.of("title", "Held letter"));
        holdSending(id);
        String page = "/studio/publications/" + writer.slug() + "/issues/" + id + "/progress";

        Page sending = open(writer.account(), page, "ko");
        assertThat(sending.html()).contains("레터 보내는 상황", "보내는 중", "일시 정지", "남음", "data-stream=\"/api/v1/publications/"
                + writer.slug() + "/issues/" + id + "/progress/stream\"", "<progress id=\"p-bar\" max=\"3\" value=\"2\">");
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("sending");

        for (String action : new String[]{"/pause", "/resume", "/cancel"}) {
            assertThat(post(writer.account(), sending.withoutToken(), page + action, Map.of(), "ko").statusCode())
                    .as(action).isEqualTo(403);
            assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).as(action).isEqualTo("sending");
        }

        Response paused = post(writer.account(), sending, page + "/pause", Map.of(), "en");
        assertThat(paused.statusCode()).isEqualTo(303);
        assertThat(paused.header("Location")).endsWith(page);
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("paused");
        Page pausedPage = open(writer.account(), page, "en");
        assertThat(pausedPage.html()).contains("Paused: paused by " + writer.account().email(), "id=\"resume\"");
        // the reason in the page's language; the API keeps the engine's words
        assertThat(open(writer.account(), page, "ko").html()).contains(writer.account().email() + " 계정이 멈췄어요");
        Db.execute(db, "UPDATE send SET pause_reason = ? WHERE issue_id = ?",
                "the relay refused the sender (553 5.1.8 sender domain unknown): check the publication's sender "
                        + "address and what the relay lets it send, then resume",
                id);
        assertThat(open(writer.account(), page, "ko").html())
                .contains("릴레이가 보내는 주소를 거부했어요 (553 5.1.8 sender domain unknown)");

        assertThat(post(writer.account(), sending.withoutToken(), page + "/resume", Map.of(), "en").statusCode())
                .isEqualTo(403);
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("paused");
        assertThat(post(writer.account(), pausedPage, page + "/resume", Map.of(), "en").statusCode()).isEqualTo(303);
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("sending");

        Response cancelled = post(writer.account(), pausedPage, page + "/cancel", Map.of(), "en");
        assertThat(cancelled.statusCode()).isEqualTo(303);
        assertThat(cancelled.header("Location")).endsWith(page);
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("cancelled");
        org.awaitility.Awaitility.await().atMost(Scenario.SEND_TIMEOUT).until(() -> "cancelled"
                .equals(Db.text(db, "SELECT status FROM send WHERE issue_id = ?", id)));
        assertThat(open(writer.account(), page, "en").html()).contains("The send is over.", "cancelled")
                .doesNotContain("data-stream=");
    }

    /**
     * The issue's send under way with one message of three sent and one not due for an hour, so
     * that it stays sending for as long as the test needs it.
     */
    private void holdSending(long issueId) {
        Sends.hold(db, issueId);
    }
}
