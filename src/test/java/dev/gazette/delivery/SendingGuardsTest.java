package dev.gazette.delivery;

import static dev.gazette.testing.Api.as;
import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.Sends;
import dev.gazette.testing.StudioForms.Page;

/**
 * A publication that bounces past the limit stops sending: its send under way pauses, its writer is
 * mailed and cannot resume, and an admin's override lets it send again.
 */
@QuarkusTest
class SendingGuardsTest {

    /** The default minimum sample, and a few more. */
    private static final int AUDIENCE = 520;
    /** Past 5% of 520. */
    private static final int BOUNCES = 30;

    @Inject
    DataSource db;

    @Test
    void aPublicationBouncingPastTheLimitIsPausedAndMailedAndOnlyAnAdminLetsItSendAgain() {
        Scenario writer = Scenario.writer("Bouncy");
        StringBuilder csv = new StringBuilder("email\n");
        for (int i = 0; i < AUDIENCE; i++) {
            csv.append(Api.uniqueEmail("list" + i)).append('\n');
        }
        as(writer.token()).contentType("text/csv").body(csv.toString()).post(writer.subscribersPath() + "/import")
                .then().statusCode(200).body("created", equalTo(AUDIENCE));
        long first = writer.issue(Map.of("title", "An old list"));
        writer.sendAndAwait(first);
        // a sequence's step is a send too (a continuous one)
        String sequences = "/api/v1/publications/" + writer.slug() + "/sequences";
        long sequence = ((Number) as(writer.token()).body(Map.of("name", "Welcome", "trigger", "confirmed"))
                .post(sequences).then().statusCode(201).extract().path("id")).longValue();
        as(writer.token()).body(Map.of("subject", "Hello", "bodyMarkdown", "Hi.", "delayMinutes", 60))
                .post(sequences + "/" + sequence + "/steps").then().statusCode(201);
        long step = Db.count(db, "SELECT id FROM sequence_step WHERE sequence_id = ?", sequence);
        String stepSend = "SELECT s.status FROM send s JOIN sequence_step st ON st.send_id = s.id WHERE st.id = ?";
        assertThat(Db.text(db, stepSend, step)).isEqualTo("sending");

        // the relay reports hard bounces for some of them, as it would after the send
        List<String> messageIds = Db.texts(db, "SELECT d.message_id FROM delivery d JOIN send s ON s.id = d.send_id "
                + "WHERE s.issue_id = ? ORDER BY d.id LIMIT " + BOUNCES, first);
        for (String messageId : messageIds) {
            RestAssured.given().header("X-Bounce-Secret", "test-bounce-secret").contentType("application/json")
                    .body(Map.of("type", "bounce", "messageId", messageId, "status", "5.1.1")).post("/api/v1/bounces")
                    .then().statusCode(200).body("matched", equalTo(1));
        }

        long second = writer.issue(Map.of("title", "Another letter"));
        Sends.hold(db, second);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "paused".equals(Db.text(db, "SELECT status FROM send WHERE issue_id = ?", second)));
        assertThat(Db.text(db, "SELECT pause_reason FROM send WHERE issue_id = ?", second))
                .startsWith(SendingGuards.REASON + "hard bounces 5.77% of 520 messages (limit 5.00%)");
        CapturedMessage notice = Mailbox.awaitTo(writer.account().email());
        assertThat(notice.subject()).contains("발송을 멈췄어요"); // the publication is in Korean

        assertThat(open(writer.account(), "/studio/publications/" + writer.slug() + "/issues/" + second + "/progress", "ko")
                .html()).contains("발송 보호가 멈췄어요(hard bounces 5.77% of 520 messages (limit 5.00%))");
        // the writer cannot resume it; neither can a second check trip it twice (one mail)
        as(writer.token()).post(writer.issuePath(second) + "/resume").then().statusCode(409)
                .body("code", equalTo("sending_guard"));
        // the sequence's step too, which the writer cannot resume either
        assertThat(Db.text(db, stepSend, step)).isEqualTo("paused");
        as(writer.token()).post(sequences + "/" + sequence + "/steps/" + step + "/resume").then().statusCode(409)
                .body("code", equalTo("sending_guard"));
        assertThat(Mailbox.to(writer.account().email()).stream().filter(m -> m.subject().contains("발송을 멈췄어요")))
                .hasSize(1);

        Api.Account admin = Api.admin();
        Page page = open(admin, "/admin/sends", "en");
        String override = "/admin/sends/guards/" + writer.slug() + "/override";
        assertThat(page.html()).contains("id=\"guard-" + writer.slug() + "\"", "action=\"" + override + "\"");
        as(writer.token()).post("/api/v1/admin/guards/" + writer.slug() + "/override").then().statusCode(403);
        assertThat(post(admin, page, override, Map.of(), "en").statusCode()).isEqualTo(303);

        assertThat(Db.text(db, "SELECT status FROM send WHERE issue_id = ?", second)).isEqualTo("sending");
        assertThat(Db.text(db, stepSend, step)).isEqualTo("sending");
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE action = 'guard_overridden' AND publication_slug = ?",
                writer.slug())).isOne();
        assertThat(open(admin, "/admin/sends", "en").html()).doesNotContain("id=\"guard-" + writer.slug() + "\"");
        // the override holds: the next checks leave the send alone
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> "sending".equals(Db.text(db, "SELECT status FROM send WHERE issue_id = ?", second)));
    }
}
