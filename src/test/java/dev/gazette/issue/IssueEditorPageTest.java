package dev.gazette.issue;

import static dev.gazette.testing.Api.as;
import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static dev.gazette.testing.StudioForms.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
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

/** The studio's issue editor as a browser without scripts uses it: new draft, save, stale save, forged form, another writer. */
@QuarkusTest
class IssueEditorPageTest {

    @Inject
    DataSource db;

    @Test
    void aNewDraftOpensInTheEditorAndItsFormSavesFromItsVersion() {
        Scenario writer = Scenario.writer("Editor");
        Page list = open(writer.account(), "/studio/publications/" + writer.slug() + "/issues", "ko");
        Response created = post(writer.account(), list, "/studio/publications/" + writer.slug() + "/new-issue", Map.of(),
                "ko");
        assertThat(created.statusCode()).isEqualTo(303);
        String edit = created.header("Location").replaceFirst("https?://[^/]+", "");
        assertThat(edit).matches("/studio/publications/" + writer.slug() + "/issues/\\d+/edit");
        long id = Long.parseLong(edit.replaceAll(".*/issues/(\\d+)/edit", "$1"));
        assertThat(Db.text(db, "SELECT title FROM issue WHERE id = ? AND status = 'draft'", id)).isEqualTo("제목 없는 레터");

        Page editor = open(writer.account(), edit, "ko");
        assertThat(editor.html()).contains("name=\"version\" value=\"1\"").contains("/issues/" + id + "/preview")
                .contains("data-language=\"ko\"") // the editor's own interface in Korean
                .contains("/vendor/toastui-editor-3.2.2/toastui-editor-all.min.js");
        Response saved = post(writer.account(), editor, edit, form("내일의 기술 1호", "## 첫 소식\n\n안녕하세요.", 1), "ko");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND title = '내일의 기술 1호' AND version = 2 "
                + "AND body_markdown = '## 첫 소식\n\n안녕하세요.'", id)).isOne();
    }

    @Test
    void anEmailPastGmailsClippingSizeIsWarnedOfAboveThePreview() {
        Scenario writer = Scenario.writer("Clipped");
        long longOne = writer.issue(Map.of("bodyMarkdown", "긴 문단입니다. ".repeat(9_000)));
        long shortOne = writer.issue(Map.of("bodyMarkdown", "짧은 글"));
        String base = "/studio/publications/" + writer.slug() + "/issues/";
        assertThat(open(writer.account(), base + longOne + "/edit", "en").html()).contains("id=\"clipping-warning\"")
                .containsPattern("HTML is \\d{3} KB: Gmail clips messages past 102 KB");
        assertThat(open(writer.account(), base + longOne + "/edit", "ko").html()).contains("Gmail은 102 KB가 넘는 메일을");
        assertThat(open(writer.account(), base + shortOne + "/edit", "en").html()).doesNotContain("clipping-warning");
    }

    @Test
    void aSaveFromAnOlderVersionKeepsTheWritersTextOnThePageAndChangesNothing() {
        Scenario writer = Scenario.writer("Stale");
        long id = writer.issue(Map.of("bodyMarkdown", "original"));
        String edit = "/studio/publications/" + writer.slug() + "/issues/" + id + "/edit";
        Page editor = open(writer.account(), edit, "en");
        // another tab saves first
        as(writer.token()).body(Map.of("bodyMarkdown", "the other tab's text", "version", 1)).patch(writer.issuePath(id))
                .then().statusCode(200);

        Response stale = post(writer.account(), editor, edit, form("Mine", "my own words", 1), "en");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.asString()).contains("saved elsewhere").contains("my own words").contains("Keep my copy");
        assertThat(Db.text(db, "SELECT body_markdown FROM issue WHERE id = ?", id)).isEqualTo("the other tab's text");

        Response empty = post(writer.account(), open(writer.account(), edit, "en"), edit, form("", "x", 2), "en");
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.asString()).contains("id=\"e-title\"").contains("Title is required");
        assertThat(Db.text(db, "SELECT body_markdown FROM issue WHERE id = ?", id)).isEqualTo("the other tab's text");
    }

    @Test
    void aForgedFormOrAnotherWriterChangesNothing() {
        Scenario writer = Scenario.writer("Guarded");
        long id = writer.issue(Map.of("bodyMarkdown", "safe"));
        String edit = "/studio/publications/" + writer.slug() + "/issues/" + id + "/edit";
        Page editor = open(writer.account(), edit, "en");
        assertThat(post(writer.account(), editor.withoutToken(), edit, form("X", "forged", 1), "en").statusCode())
                .isEqualTo(403);
        assertThat(post(writer.account(), editor.withoutToken(), "/studio/publications/" + writer.slug() + "/new-issue",
                Map.of(), "en").statusCode()).isEqualTo(403);

        Api.Account other = Api.writer("Intruder");
        Page theirs = open(other, "/studio", "en");
        session(other, "en").get(edit).then().statusCode(404);
        session(other, "en").get("/studio/publications/" + writer.slug() + "/issues/" + id + "/web").then()
                .statusCode(404);
        assertThat(post(other, theirs, edit, form("X", "taken over", 1), "en").statusCode()).isEqualTo(404);
        assertThat(post(other, theirs, "/studio/publications/" + writer.slug() + "/new-issue", Map.of(), "en")
                .statusCode()).isEqualTo(404);
        assertThat(Db.text(db, "SELECT body_markdown FROM issue WHERE id = ?", id)).isEqualTo("safe");
        assertThat(Db.count(db, "SELECT count(*) FROM issue i JOIN publication p ON p.id = i.publication_id "
                + "WHERE p.slug = ?", writer.slug())).isOne();
    }

    @Test
    void anUntitledDraftsSlugFollowsItsTitleUntilTheWriterChoosesOne() {
        Scenario writer = Scenario.writer("Naming");
        Page list = open(writer.account(), "/studio/publications/" + writer.slug() + "/issues", "en");
        String edit = post(writer.account(), list, "/studio/publications/" + writer.slug() + "/new-issue", Map.of(), "en")
                .header("Location").replaceFirst("https?://[^/]+", "");
        long id = Long.parseLong(edit.replaceAll(".*/issues/(\\d+)/edit", "$1"));
        assertThat(Db.text(db, "SELECT slug FROM issue WHERE id = ?", id)).isEqualTo("untitled-issue");

        Map<String, String> named = form("Tomorrow Tech 1", "news", 1);
        named.put("issueSlug", "untitled-issue");
        assertThat(post(writer.account(), open(writer.account(), edit, "en"), edit, named, "en").statusCode()).isEqualTo(303);
        assertThat(Db.text(db, "SELECT slug FROM issue WHERE id = ?", id)).isEqualTo("tomorrow-tech-1");

        Map<String, String> chosen = form("Tomorrow Tech 1", "news", 2);
        chosen.put("issueSlug", "first-letter");
        post(writer.account(), open(writer.account(), edit, "en"), edit, chosen, "en").then().statusCode(303);
        Map<String, String> renamed = form("Tomorrow Tech, the first", "news", 3);
        renamed.put("issueSlug", "first-letter");
        post(writer.account(), open(writer.account(), edit, "en"), edit, renamed, "en").then().statusCode(303);
        assertThat(Db.text(db, "SELECT slug || ' ' || title FROM issue WHERE id = ?", id))
                .isEqualTo("first-letter Tomorrow Tech, the first");
    }

    @Test
    void theWebVersionOfADraftIsShownToItsWriterInASandboxAndCountsNoView() {
        Scenario writer = Scenario.writer("WebPreview");
        long id = writer.issue(Map.of("title", "Tomorrow Tech 1", "bodyMarkdown", "## 첫 소식\n\n안녕하세요."));
        Response web = session(writer.account(), "en").get("/studio/publications/" + writer.slug() + "/issues/" + id
                + "/web");
        assertThat(web.statusCode()).isEqualTo(200);
        assertThat(web.header("Content-Security-Policy")).startsWith("sandbox;").contains("default-src 'none'");
        assertThat(web.asString()).contains("<h1 class=\"title\">Tomorrow Tech 1</h1>").contains("안녕하세요.");
        assertThat(Db.count(db, "SELECT view_count FROM issue WHERE id = ?", id)).isZero();
        // the published page of a draft does not exist
        session(writer.account(), "en").get("/p/" + writer.slug() + "/" + Db.text(db, "SELECT slug FROM issue WHERE id = ?",
                id)).then().statusCode(404);
    }

    private static Map<String, String> form(String title, String body, int version) {
        Map<String, String> form = new HashMap<>(Map.of("title", title, "subtitle", "", "category", "", "issueSlug", "",
                "bodyMarkdown", body));
        form.put("version", Integer.toString(version));
        return form;
    }
}
