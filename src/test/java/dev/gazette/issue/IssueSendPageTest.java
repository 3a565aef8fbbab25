package dev.gazette.issue;

import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static dev.gazette.testing.StudioForms.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
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

/** From the editor: a test to the writer, then a send that says whom it reaches, now or at a time in the publication's zone. */
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

        Response sent = post(writer.account(), confirm, base + "/send", Map.of(), "ko");
        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(sent.header("Location")).endsWith("/studio/publications/" + writer.slug() + "/issues");
        writer.awaitSendStatus(id, "sent");
        assertThat(Db.count(db, "SELECT total FROM send WHERE issue_id = ?", id)).isEqualTo(3);
    }

    @Test
    void aScheduleIsTakenInThePublicationsZone() {
        Scenario writer = Scenario.writer("Later");
        long id = writer.issue(Map.of("title", "Tomorrow morning"));
        String base = "/studio/publications/" + writer.slug() + "/issues/" + id;
        Page confirm = open(writer.account(), base + "/send", "ko");
        // the default publication is Korean: Asia/Seoul
        LocalDateTime local = LocalDateTime.now(ZoneId.of("Asia/Seoul")).plusDays(1).truncatedTo(ChronoUnit.MINUTES);

        Response scheduled = post(writer.account(), confirm, base + "/send", Map.of("when", local.toString()), "ko");

        assertThat(scheduled.statusCode()).isEqualTo(303);
        assertThat(Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND status = 'scheduled' AND scheduled_at = ?",
                id, java.sql.Timestamp.from(local.atZone(ZoneId.of("Asia/Seoul")).toInstant()))).isOne();

        // to move it: cancel, then schedule again an hour later
        Page again = open(writer.account(), base + "/send", "en");
        assertThat(again.html()).contains("It is scheduled for " + local.toString().substring(0, 16));
        assertThat(post(writer.account(), again, base + "/cancel", Map.of(), "en").statusCode()).isEqualTo(303);
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("cancelled");
        LocalDateTime later = local.plusHours(1);
        assertThat(post(writer.account(), open(writer.account(), base + "/send", "en"), base + "/send",
                Map.of("when", later.toString()), "en").statusCode()).isEqualTo(303);
        assertThat(Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND status = 'scheduled' AND scheduled_at = ?",
                id, java.sql.Timestamp.from(later.atZone(ZoneId.of("Asia/Seoul")).toInstant()))).isOne();
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
        assertThat(post(other, theirs, base + "/test", Map.of("to", other.email()), "en").statusCode()).isEqualTo(404);
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("draft");
        Mailbox.assertNoneTo(other.email());
    }
}
