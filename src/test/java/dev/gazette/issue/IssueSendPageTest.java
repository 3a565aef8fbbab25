package dev.gazette.issue;

import static dev.gazette.testing.Api.as;
import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static dev.gazette.testing.StudioForms.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.StudioForms.Page;

/**
 * From the editor: a test to the writer, then a send that says whom it reaches (everyone, or the readers of some
 * topics), now once confirmed, or at a time in the publication's zone that can be moved.
 */
@QuarkusTest
class IssueSendPageTest {

    @Inject
    DataSource db;

    @Test
    void aTestGoesToTheWriterAndTheSendSaysWhomItReaches() {
        Scenario writer = Scenario.writer("Launch").subscribers(3);
        long id = writer.issue(Map.of("title", "Launch letter"));
        String base = "/studio/publications/" + writer.slug() + "/issues/" + id;
        Page editor = open(writer.account(), base + "/edit", "en");
        assertThat(editor.html()).contains("value=\"" + writer.account().email() + "\"");

        Response tested = post(writer.account(), editor, base + "/test", Map.of("to", ""), "en");
        assertThat(tested.statusCode()).isEqualTo(303);
        assertThat(tested.header("Location")).contains("/edit?tested=");
        CapturedMessage test = Mailbox.catcher().await(m -> m.recipients().contains(writer.account().email()),
                Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("no test reached the writer"));
        assertThat(test.header("X-Gazette-Test")).contains("true");
        assertThat(test.subject()).contains("Launch letter");

        Page confirm = open(writer.account(), base + "/send", "ko");
        assertThat(confirm.html()).contains("구독자 3명");
        assertThat(post(writer.account(), confirm.withoutToken(), base + "/send", Map.of(), "ko").statusCode())
                .isEqualTo(403);
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("draft");

        // sending now needs the number confirmed: without it, the page again with a note, and nothing sent
        Response unconfirmed = post(writer.account(), confirm, base + "/send", Map.of(), "ko");
        assertThat(unconfirmed.statusCode()).isEqualTo(422);
        assertThat(unconfirmed.contentType()).startsWith("text/html");
        assertThat(unconfirmed.asString()).contains("id=\"note\"", "확인 상자");
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("draft");

        Response sent = post(writer.account(), confirm, base + "/send", Map.of("confirm", "3"), "ko");
        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(sent.header("Location")).endsWith(base + "/progress");
        // a second click sends nothing more: back to the send page, which says where the issue stands
        Response again = post(writer.account(), confirm, base + "/send", Map.of("confirm", "3"), "ko");
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(again.header("Location")).endsWith(base + "/send");
        writer.awaitSendStatus(id, "sent");
        assertThat(Db.count(db, "SELECT total FROM send WHERE issue_id = ?", id)).isEqualTo(3);
    }

    @Test
    void theConfirmationCountsTheReadersOfTheTopicsTicked() {
        Scenario writer = Scenario.writer("Topics").subscribers(1);
        as(writer.token()).body(Map.of("topics", List.of(Map.of("tag", "ai", "label", "Artificial intelligence"),
                Map.of("tag", "tools", "label", "Tools"), Map.of("tag", "nobody", "label", "Nobody's topic"))))
                .put("/api/v1/publications/" + writer.slug() + "/topics").then().statusCode(200);
        for (List<String> tags : List.of(List.of("ai"), List.of("ai", "tools"), List.of("tools"))) {
            as(writer.token()).body(Map.of("email", Api.uniqueEmail("reader"), "tags", tags))
                    .post(writer.subscribersPath()).then().statusCode(201);
        }
        long id = writer.issue(Map.of("title", "For the AI readers"));
        String base = "/studio/publications/" + writer.slug() + "/issues/" + id;

        Page everyone = open(writer.account(), base + "/send", "en");
        assertThat(everyone.html()).contains("It goes to 4 subscribers (everyone who receives mail).",
                "value=\"ai\"", "Artificial intelligence", "Nobody&#39;s topic");
        Page ai = open(writer.account(), base + "/send?tags=ai", "en");
        assertThat(ai.html()).contains("It goes to 2 subscribers (those who chose Artificial intelligence).",
                "name=\"confirm\" id=\"confirm\" value=\"2\"", "<input type=\"hidden\" name=\"tags\" value=\"ai\">");
        assertThat(open(writer.account(), base + "/send?tags=ai&tags=tools", "ko").html())
                .contains("구독자 3명(Artificial intelligence, Tools 주제를 고른 구독자)에게 갑니다.");

        // a confirmation of another number (everyone's, say) sends nothing
        Response stale = post(writer.account(), ai, base + "/send", Map.of("tags", "ai", "confirm", "4"), "en");
        assertThat(stale.statusCode()).isEqualTo(422);
        assertThat(stale.asString()).contains("it is now 2");
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("draft");

        // topics that reach no one: the page says so, and the issue stays a draft
        Response empty = post(writer.account(), ai, base + "/send", Map.of("tags", "nobody", "confirm", "0"), "en");
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.contentType()).startsWith("text/html");
        assertThat(empty.asString()).contains("role=\"alert\"", "No subscriber who receives mail chose these topics");
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("draft");

        assertThat(post(writer.account(), ai, base + "/send", Map.of("tags", "ai", "confirm", "2"), "en").statusCode())
                .isEqualTo(303);
        writer.awaitSendStatus(id, "sent");
        assertThat(Db.count(db, "SELECT total FROM send WHERE issue_id = ?", id)).isEqualTo(2);
        assertThat(Db.text(db, "SELECT array_to_string(audience_tags, ',') FROM issue WHERE id = ?", id)).isEqualTo("ai");
    }

    @Test
    void aScheduleIsTakenInThePublicationsZone() {
        Scenario writer = Scenario.writer("Later").subscribers(1);
        long id = writer.issue(Map.of("title", "Tomorrow morning"));
        String base = "/studio/publications/" + writer.slug() + "/issues/" + id;
        Page confirm = open(writer.account(), base + "/send", "ko");
        // the default publication is Korean: Asia/Seoul
        LocalDateTime local = LocalDateTime.now(ZoneId.of("Asia/Seoul")).plusDays(1).truncatedTo(ChronoUnit.MINUTES);

        Response scheduled = post(writer.account(), confirm, base + "/send", Map.of("when", local.toString()), "ko");

        assertThat(scheduled.statusCode()).isEqualTo(303);
        assertThat(Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND status = 'scheduled' AND scheduled_at = ?",
                id, java.sql.Timestamp.from(local.atZone(ZoneId.of("Asia/Seoul")).toInstant()))).isOne();

        // the scheduled page: the time in the publication's zone; reschedule moves it in one step
        Page again = open(writer.account(), base + "/send", "en");
        assertThat(again.html()).contains("It is scheduled for " + local.toString().replace('T', ' ').substring(0, 16)
                + " (Asia/Seoul).", "value=\"" + local.toString().substring(0, 16) + "\"", "id=\"reschedule\"");
        LocalDateTime later = local.plusHours(1);
        Response moved = post(writer.account(), again, base + "/reschedule", Map.of("when", later.toString()), "en");
        assertThat(moved.statusCode()).isEqualTo(303);
        assertThat(moved.header("Location")).endsWith(base + "/send");
        assertThat(Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND status = 'scheduled' AND scheduled_at = ?",
                id, java.sql.Timestamp.from(later.atZone(ZoneId.of("Asia/Seoul")).toInstant()))).isOne();

        // a time that has passed, or is no time: the page with a note next to the field; the schedule stays
        LocalDateTime past = LocalDateTime.now(ZoneId.of("Asia/Seoul")).minusDays(1).truncatedTo(ChronoUnit.MINUTES);
        for (String when : List.of(past.toString(), "tomorrow")) {
            Response refused = post(writer.account(), again, base + "/reschedule", Map.of("when", when), "ko");
            assertThat(refused.statusCode()).as(when).isEqualTo(422);
            assertThat(refused.asString()).contains("id=\"e-when\"", "aria-invalid=\"true\"", "날짜와 시각");
        }
        assertThat(Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND status = 'scheduled' AND scheduled_at = ?",
                id, java.sql.Timestamp.from(later.atZone(ZoneId.of("Asia/Seoul")).toInstant()))).isOne();

        // cancelled, it can be scheduled again from the send page
        assertThat(post(writer.account(), again, base + "/cancel", Map.of(), "en").statusCode()).isEqualTo(303);
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("cancelled");
        Response refused = post(writer.account(), open(writer.account(), base + "/send", "en"), base + "/send",
                Map.of("when", past.toString()), "en");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("id=\"e-when\"", "has already passed");
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("cancelled");
        assertThat(post(writer.account(), open(writer.account(), base + "/send", "en"), base + "/send",
                Map.of("when", local.toString()), "en").statusCode()).isEqualTo(303);
        assertThat(Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND status = 'scheduled' AND scheduled_at = ?",
                id, java.sql.Timestamp.from(local.atZone(ZoneId.of("Asia/Seoul")).toInstant()))).isOne();
    }

    @Test
    void withNoOneToMailThePageOffersToPublishOnTheWebOnly() {
        Scenario writer = Scenario.writer("First");
        long id = writer.issue(Map.of("title", "First letter", "slug", "first-letter"));
        String base = "/studio/publications/" + writer.slug() + "/issues/" + id;

        Page page = open(writer.account(), base + "/send", "en");
        assertThat(page.html()).contains("id=\"publish-web-only\"", "Publish on the web only",
                "no one will be mailed", "name=\"webOnly\" value=\"true\"").doesNotContain("id=\"send-now\"");
        assertThat(open(writer.account(), base + "/send", "ko").html()).contains("웹에만 발행하기");

        // sending to everyone anyway (a stale page, say, or the schedule): a note, and the issue stays a draft
        Response refused = post(writer.account(), page, base + "/send", Map.of("confirm", "0"), "en");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("text/html");
        assertThat(refused.asString()).contains("role=\"alert\"", "No subscriber can be mailed yet, so nothing was sent",
                "id=\"publish-web-only\"");
        LocalDateTime tomorrow = LocalDateTime.now(ZoneId.of("Asia/Seoul")).plusDays(1).truncatedTo(ChronoUnit.MINUTES);
        assertThat(post(writer.account(), page, base + "/send", Map.of("when", tomorrow.toString()), "en").statusCode())
                .isEqualTo(422);
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("draft");

        Response published = post(writer.account(), page, base + "/send", Map.of("webOnly", "true", "confirm", "0"), "en");
        assertThat(published.statusCode()).isEqualTo(303);
        assertThat(published.header("Location")).endsWith(base + "/progress");
        writer.awaitSendStatus(id, "sent");
        Api.anonymous().get("/p/" + writer.slug() + "/first-letter").then().statusCode(200);
        assertThat(Db.count(db, "SELECT total FROM send WHERE issue_id = ?", id)).isZero();
    }

    @Test
    void aReaderWhoJoinedSinceThePageWasShownStopsTheWebOnlyPublishing() {
        Scenario writer = Scenario.writer("Joined");
        long id = writer.issue(Map.of("title", "Almost alone"));
        String base = "/studio/publications/" + writer.slug() + "/issues/" + id;
        Page page = open(writer.account(), base + "/send", "en");
        writer.subscribers(1);

        Response changed = post(writer.account(), page, base + "/send", Map.of("webOnly", "true", "confirm", "0"), "en");
        assertThat(changed.statusCode()).isEqualTo(422);
        assertThat(changed.asString()).contains("it is now 1", "id=\"send-now\"").doesNotContain("id=\"publish-web-only\"");
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("draft");
    }

    @Test
    void anotherWriterCanNeitherTestNorSend() {
        Scenario owner = Scenario.writer("Owner");
        long id = owner.issue(Map.of("title", "Mine"));
        String base = "/studio/publications/" + owner.slug() + "/issues/" + id;
        Api.Account other = Api.writer("Other");
        Page theirs = open(other, "/studio", "en");
        session(other, "en").get(base + "/send").then().statusCode(404);
        assertThat(post(other, theirs, base + "/send", Map.of(), "en").statusCode()).isEqualTo(404);
        assertThat(post(other, theirs, base + "/send", Map.of("confirm", "0"), "en").statusCode()).isEqualTo(404);
        assertThat(post(other, theirs, base + "/send", Map.of("webOnly", "true", "confirm", "0"), "en").statusCode())
                .isEqualTo(404);
        assertThat(post(other, theirs, base + "/reschedule", Map.of("when", "2099-01-01T09:00"), "en").statusCode())
                .isEqualTo(404);
        assertThat(post(other, theirs, base + "/test", Map.of("to", other.email()), "en").statusCode()).isEqualTo(404);
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("draft");
        Mailbox.assertNoneTo(other.email());
    }
}
