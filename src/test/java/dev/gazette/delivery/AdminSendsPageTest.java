package dev.gazette.delivery;

import static dev.gazette.testing.Api.as;
import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

/** The admin console's sending: sends under way and scheduled, pause and resume, the relay and the queue. */
@QuarkusTest
class AdminSendsPageTest {

    @Inject
    DataSource db;

    @Inject
    RelayCircuit circuit;

    @Test
    void anAdminSeesEverySendPausesAndResumesItAndTheWriterReadsWho() {
        Scenario writer = Scenario.writer("Watched").subscribers(1);
        long running = writer.issue(Map.of("title", "Running letter"));
        Sends.hold(db, running);
        long later = writer.issue(Map.of("title", "Later letter"));
        as(writer.token()).body(Map.of("scheduledAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).toString()))
                .post(writer.issuePath(later) + "/send").then().statusCode(202);
        Api.Account admin = Api.admin();

        Page page = open(admin, "/admin/sends", "en");
        assertThat(page.html()).contains("id=\"send-" + running + "\"", "Running letter", "<progress max=\"3\" value=\"2\"",
                "id=\"scheduled-" + later + "\"", "Later letter", "data-state=\"closed\"", "id=\"queue-waiting\"");
        String pause = "/admin/sends/" + writer.slug() + "/" + running + "/pause";
        assertThat(page.html()).contains("action=\"" + pause + "\"");

        assertThat(post(admin, page.withoutToken(), pause, Map.of(), "en").statusCode()).isEqualTo(403);
        assertThat(Db.text(db, "SELECT status FROM send WHERE issue_id = ?", running)).isEqualTo("sending");

        Response paused = post(admin, page, pause, Map.of(), "en");
        assertThat(paused.statusCode()).isEqualTo(303);
        assertThat(paused.header("Location")).endsWith("/admin/sends");
        assertThat(Db.text(db, "SELECT status || ': ' || pause_reason FROM send WHERE issue_id = ?", running))
                .isEqualTo("paused: paused by " + Api.ADMIN_EMAIL);
        assertThat(Db.text(db, "SELECT actor_email || ' ' || target FROM audit_log WHERE action = 'send_paused' "
                + "AND publication_slug = ?", writer.slug())).isEqualTo(Api.ADMIN_EMAIL + " issue " + running);
        Page pausedPage = open(admin, "/admin/sends", "ko");
        assertThat(pausedPage.html()).contains("일시 정지", "/admin/sends/" + writer.slug() + "/" + running + "/resume");
        // a second pause of a paused send changes nothing and records nothing
        assertThat(post(admin, pausedPage, pause, Map.of(), "en").statusCode()).isEqualTo(303);
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE action = 'send_paused' AND publication_slug = ?",
                writer.slug())).isOne();

        assertThat(post(admin, pausedPage, "/admin/sends/" + writer.slug() + "/" + running + "/resume", Map.of(), "en")
                .statusCode()).isEqualTo(303);
        assertThat(Db.text(db, "SELECT status FROM send WHERE issue_id = ?", running)).isEqualTo("sending");
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE action = 'send_resumed' AND publication_slug = ?",
                writer.slug())).isOne();
    }

    @Test
    void theRelaysCircuitShowsItsLastError() {
        // one failure: under the threshold, so the circuit stays closed for the other tests
        circuit.unreachable("ConnectException: Connection refused (admin page test)");
        circuit.succeeded();
        String html = open(Api.admin(), "/admin/sends", "en").html();
        assertThat(html).contains("data-state=\"closed\"", "ConnectException: Connection refused (admin page test)");
    }
}
