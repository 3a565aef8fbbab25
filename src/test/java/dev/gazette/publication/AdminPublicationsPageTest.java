package dev.gazette.publication;

import static dev.gazette.testing.Api.anonymous;
import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
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
import dev.gazette.testing.StudioForms.Page;

/** The admin console's publications: health figures, and suspension with a reason the writer reads. */
@QuarkusTest
class AdminPublicationsPageTest {

    @Inject
    DataSource db;

    @Test
    void anAdminSuspendsWithAReasonAndReinstates() {
        Scenario writer = Scenario.writer("Suspended");
        String slug = writer.slug();
        Api.Account admin = Api.admin();
        anonymous().get("/p/" + slug).then().statusCode(200);

        Page list = open(admin, "/admin/publications?q=" + slug, "en");
        assertThat(list.html()).contains("AI 뉴스레터", writer.account().email(), "active", "hard bounces 0.00%",
                "href=\"/admin/publications/" + slug + "/suspend\"");
        String path = "/admin/publications/" + slug + "/suspend";
        Page form = open(admin, path, "ko");
        assertThat(form.html()).contains("사유", "name=\"reason\"");

        Response blank = post(admin, form, path, Map.of("reason", "  "), "ko");
        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(blank.asString()).contains("정지 사유를", "aria-invalid=\"true\"");
        Response tooLong = post(admin, form, path, Map.of("reason", "x".repeat(501)), "en");
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(Db.text(db, "SELECT status FROM publication WHERE slug = ?", slug)).isEqualTo("active");
        assertThat(audits(slug, "publication_suspended")).isZero();

        Response suspended = post(admin, form, path, Map.of("reason", "spam complaints"), "en");
        assertThat(suspended.statusCode()).isEqualTo(303);
        assertThat(suspended.header("Location")).endsWith("/admin/publications?done=suspended");
        assertThat(Db.text(db, "SELECT status || ': ' || suspended_reason FROM publication WHERE slug = ?", slug))
                .isEqualTo("suspended: spam complaints");
        anonymous().get("/p/" + slug).then().statusCode(404);
        assertThat(Db.text(db, "SELECT actor_email || ' ' || detail FROM audit_log WHERE publication_slug = ? "
                + "AND action = 'publication_suspended'", slug)).isEqualTo(Api.ADMIN_EMAIL + " spam complaints");
        Page after = open(admin, "/admin/publications?q=" + slug, "en");
        assertThat(after.html()).contains("suspended: spam complaints", "/admin/publications/" + slug + "/reinstate");

        assertThat(post(admin, after, "/admin/publications/" + slug + "/reinstate", Map.of(), "en").statusCode())
                .isEqualTo(303);
        assertThat(Db.text(db, "SELECT status FROM publication WHERE slug = ?", slug)).isEqualTo("active");
        anonymous().get("/p/" + slug).then().statusCode(200);
        assertThat(audits(slug, "publication_reinstated")).isOne();

        Response unknown = post(admin, after, "/admin/publications/no-such-publication/reinstate", Map.of(), "en");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.asString()).contains("publication_not_found");
    }

    @Test
    void theListShowsSendingHealthAndIsSearchedByPrefix() {
        Scenario writer = Scenario.writer("Health");
        long publicationId = Db.count(db, "SELECT id FROM publication WHERE slug = ?", writer.slug());
        long issue = writer.issue(Map.of());
        // 1,000 sent, 5 hard bounces: 0.50%, over the 0.3% limit
        Db.execute(db, "UPDATE stats_issue SET sent = 1000, bounced_hard = 5 WHERE issue_id = ?", issue);
        if (Db.count(db, "SELECT count(*) FROM stats_issue WHERE issue_id = ?", issue) == 0) {
            Db.execute(db, "INSERT INTO stats_issue (issue_id, publication_id, sent, bounced_hard) VALUES (?, ?, 1000, 5)",
                    issue, publicationId);
        }
        String html = open(Api.admin(), "/admin/publications?q=" + writer.slug().toUpperCase(), "en").html();
        assertThat(html).contains("id=\"publication-" + writer.slug() + "\"", "level-over", "hard bounces 0.50%");
        assertThat(open(Api.admin(), "/admin/publications?q=zz-none-" + writer.slug(), "en").html())
                .contains("No publication matches.");
    }

    private long audits(String slug, String action) {
        return Db.count(db, "SELECT count(*) FROM audit_log WHERE publication_slug = ? AND action = ?", slug, action);
    }
}
