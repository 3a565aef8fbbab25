package dev.gazette.web;

import static dev.gazette.testing.Api.anonymous;
import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static dev.gazette.testing.StudioForms.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

/**
 * The admin console is for admins: anonymous people are sent to the login form, writers are
 * refused (403) on every page and every form, and an admin's form without its token changes nothing.
 * Every page is reachable by links from {@code /admin}, and {@code /admin} from the studio.
 */
@QuarkusTest
class AdminAccessTest {

    @Inject
    DataSource db;

    private record Fixture(Scenario writer, long accountId, long issueId) {
        List<String> pages() {
            return List.of("/admin", "/admin/accounts", "/admin/publications", "/admin/publications/" + writer.slug()
                    + "/suspend", "/admin/sends", "/admin/legal", "/admin/legal/terms", "/admin/audit", "/admin/stats",
                    "/admin/outbox");
        }

        List<String> forms() {
            String slug = writer.slug();
            return List.of("/admin/accounts/" + accountId + "/disable", "/admin/accounts/" + accountId + "/enable",
                    "/admin/accounts/" + accountId + "/role", "/admin/accounts/" + accountId + "/revoke",
                    "/admin/publications/" + slug + "/suspend", "/admin/publications/" + slug + "/reinstate",
                    "/admin/sends/" + slug + "/" + issueId + "/pause", "/admin/sends/" + slug + "/" + issueId + "/resume",
                    "/admin/legal/privacy");
        }

        Map<String, String> fields() {
            return Map.of("role", "admin", "reason", "spam", "title", "Forged privacy page", "bodyMarkdown", "Nothing kept.");
        }
    }

    private Fixture fixture() {
        Scenario writer = Scenario.writer("Console");
        long issue = writer.issue(Map.of());
        long account = Db.count(db, "SELECT owner_id FROM publication WHERE slug = ?", writer.slug());
        return new Fixture(writer, account, issue);
    }

    @Test
    void anonymousPeopleAreSentToTheLoginForm() {
        Fixture f = fixture();
        for (String page : f.pages()) {
            Response answer = anonymous().redirects().follow(false).get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(303);
            assertThat(answer.header("Location")).as(page).contains("/login?next=");
        }
        for (String form : f.forms()) {
            Response answer = anonymous().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .formParams(f.fields()).post(form);
            assertThat(answer.statusCode()).as(form).isIn(303, 401);
        }
        assertNothingChanged(f);
    }

    @Test
    void writersNeverReachAnAdminPageOrForm() {
        Fixture f = fixture();
        Api.Account writer = f.writer().account();
        for (String page : f.pages()) {
            Response answer = session(writer, "en").get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(403);
            assertThat(answer.asString()).as(page).doesNotContain(Api.ADMIN_EMAIL);
        }
        // a token the writer's own studio gave them
        Page studio = open(writer, "/studio", "en");
        assertThat(studio.html()).doesNotContain("href=\"/admin\"");
        for (String form : f.forms()) {
            Response answer = post(writer, studio, form, f.fields(), "en");
            assertThat(answer.statusCode()).as(form).isEqualTo(403);
            assertThat(answer.asString()).as(form).contains("\"forbidden\"");
        }
        assertNothingChanged(f);
    }

    @Test
    void anAdminsFormsWithoutTheirTokenChangeNothing() {
        Fixture f = fixture();
        Api.Account admin = Api.admin();
        Page forged = open(admin, "/admin", "en").withoutToken();
        for (String form : f.forms()) {
            Response answer = post(admin, forged, form, f.fields(), "en");
            assertThat(answer.statusCode()).as(form).isEqualTo(403);
            assertThat(answer.asString()).as(form).contains("csrf_failed");
        }
        assertNothingChanged(f);
    }

    @Test
    void everyAdminPageIsReachedByLinksFromTheStudio() {
        Fixture f = fixture();
        Api.Account admin = Api.admin();
        assertThat(open(admin, "/studio", "en").html()).contains("href=\"/admin\"");
        String home = open(admin, "/admin", "ko").html();
        assertThat(home).contains("관리 콘솔");
        for (String page : List.of("/admin/accounts", "/admin/publications", "/admin/sends", "/admin/legal",
                "/admin/audit", "/admin/stats", "/admin/outbox")) {
            assertThat(home).as(page).contains("href=\"" + page + "\"");
            assertThat(session(admin, "en").get(page).statusCode()).as(page).isEqualTo(200);
        }
        assertThat(open(admin, "/admin/publications?q=" + f.writer().slug(), "en").html())
                .contains("href=\"/admin/publications/" + f.writer().slug() + "/suspend\"");
        assertThat(open(admin, "/admin/legal", "en").html()).contains("href=\"/admin/legal/terms\"",
                "href=\"/admin/legal/privacy\"", "href=\"/admin/legal/recurring-payments\"");
    }

    private void assertNothingChanged(Fixture f) {
        assertThat(Db.text(db, "SELECT role || ' ' || (disabled_at IS NULL) FROM account WHERE id = ?", f.accountId()))
                .isEqualTo("writer true");
        assertThat(Db.text(db, "SELECT status FROM publication WHERE slug = ?", f.writer().slug())).isEqualTo("active");
        assertThat(Db.count(db, "SELECT count(*) FROM access_token WHERE account_id = ? AND revoked_at IS NULL",
                f.accountId())).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM legal_page WHERE kind = 'privacy' AND title = 'Forged privacy page'"))
                .isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE publication_slug = ? AND action <> "
                + "'publication_created'", f.writer().slug())).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE target LIKE ?", "account " + f.accountId() + " %"))
                .isZero();
    }
}
