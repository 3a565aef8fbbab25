package dev.gazette.engagement;

import static dev.gazette.testing.Api.anonymous;
import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.StudioForms.Page;

/** The admin console's footer pages: edited in Markdown, each save a version, every version listed and audited. */
@QuarkusTest
class AdminLegalPageTest {

    @Inject
    DataSource db;

    @Test
    void anAdminPublishesANewVersionAndReadsTheHistory() {
        String words = "Recurring " + UUID.randomUUID().toString().substring(0, 8);
        Api.Account admin = Api.admin();
        long before = versions();
        String path = "/admin/legal/recurring-payments";
        Page page = open(admin, path, "ko");
        assertThat(page.html()).contains("정기결제 이용약관", "name=\"bodyMarkdown\"", "새 버전으로 게시");

        Response refused = post(admin, page, path, Map.of("title", " ", "bodyMarkdown", "The **terms**."), "en");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("Title is required", "The **terms**.");
        assertThat(post(admin, page.withoutToken(), path, Map.of("title", words, "bodyMarkdown", "x"), "en").statusCode())
                .isEqualTo(403);
        assertThat(versions()).isEqualTo(before);

        Response published = post(admin, page, path, Map.of("title", words, "bodyMarkdown", "You pay **monthly**."), "en");
        assertThat(published.statusCode()).isEqualTo(303);
        assertThat(published.header("Location")).endsWith(path + "?done=1");
        assertThat(versions()).isEqualTo(before + 1);
        assertThat(anonymous().get("/terms/recurring").then().statusCode(200).extract().asString()).contains(words,
                "<strong>monthly</strong>");
        String history = open(admin, path + "?done=1", "en").html();
        assertThat(history).contains("Saved.", "Version " + (before + 1) + " · " + words, "id=\"legal-versions\"");
        assertThat(Db.text(db, "SELECT actor_email || ' ' || target || ' ' || detail FROM audit_log "
                + "WHERE action = 'footer_page_published' ORDER BY id DESC LIMIT 1"))
                .isEqualTo(Api.ADMIN_EMAIL + " footer page recurring-payments version " + (before + 1));
        assertThat(open(admin, "/admin/legal", "en").html()).contains("Version " + (before + 1));
    }

    private long versions() {
        return Db.count(db, "SELECT count(*) FROM legal_page WHERE kind = 'recurring-payments'");
    }
}
