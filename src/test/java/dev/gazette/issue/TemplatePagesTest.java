package dev.gazette.issue;

import static dev.gazette.testing.Api.as;
import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static dev.gazette.testing.StudioForms.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.qute.Engine;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.issue.TemplateService.TemplateView;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.StudioForms.Page;

/** The studio's template pages and the editor's layout picker, as a browser without scripts uses them. */
@QuarkusTest
class TemplatePagesTest {

    private static final String BROKEN = "<h1>{issue.title}</h1>\n<p>\n  {#unknown issue.subtitle}x{/unknown}\n</p>\n";

    @Inject
    DataSource db;

    @Inject
    Engine engine;

    @Test
    void aTemplateIsCreatedAndChangedThroughTheForms() {
        Scenario writer = Scenario.writer("Layouts");
        String templates = "/studio/publications/" + writer.slug() + "/templates";
        assertThat(open(writer.account(), templates, "ko").html()).contains("아직 템플릿이 없어요").contains("새 템플릿");

        Page blank = open(writer.account(), templates + "/new", "ko");
        assertThat(blank.html()).contains("템플릿 소스").contains("{issue.body}").contains("1행 1열");
        Response created = post(writer.account(), blank, templates + "/new",
                Map.of("name", "  주간 레이아웃 ", "source", "<h1>{issue.title}</h1>\n{issue.body}"), "ko");
        assertThat(created.statusCode()).isEqualTo(303);
        String edit = created.header("Location").replaceFirst("https?://[^/]+", "").replace("?saved=1", "");
        long id = Long.parseLong(edit.substring(edit.lastIndexOf('/') + 1));
        assertThat(Db.count(db, "SELECT count(*) FROM issue_template t JOIN publication p ON p.id = t.publication_id "
                + "WHERE t.id = ? AND p.slug = ? AND t.name = '주간 레이아웃' AND t.source = ?", id, writer.slug(),
                "<h1>{issue.title}</h1>\n{issue.body}")).isOne();

        Page editor = open(writer.account(), edit, "en");
        assertThat(editor.html()).contains("value=\"주간 레이아웃\"").contains("&lt;h1&gt;{issue.title}&lt;/h1&gt;");
        Response saved = post(writer.account(), editor, edit,
                Map.of("name", "Weekly", "source", "<h2>{issue.title}</h2>\n{issue.body}"), "en");
        assertThat(saved.statusCode()).isEqualTo(303);
        as(writer.token()).get("/api/v1/publications/" + writer.slug() + "/templates/" + id).then().statusCode(200)
                .body("name", equalTo("Weekly"))
                .body("source", equalTo("<h2>{issue.title}</h2>\n{issue.body}"));
        assertThat(open(writer.account(), templates, "en").html()).contains(">Weekly</a>").contains(edit);

        Response unnamed = post(writer.account(), open(writer.account(), edit, "en"), edit,
                Map.of("name", " ", "source", "<p>kept</p>"), "en");
        assertThat(unnamed.statusCode()).isEqualTo(422);
        assertThat(unnamed.asString()).contains("id=\"e-name\"").contains("Template name is required")
                .contains("&lt;p&gt;kept&lt;/p&gt;");
        assertThat(Db.text(db, "SELECT name FROM issue_template WHERE id = ?", id)).isEqualTo("Weekly");
    }

    @Test
    void aRefusedSourceComesBackAsTypedWithItsLineAndColumnAndNothingIsSaved() {
        Scenario writer = Scenario.writer("Broken");
        String templates = "/studio/publications/" + writer.slug() + "/templates";
        Response refused = post(writer.account(), open(writer.account(), templates + "/new", "en"), templates + "/new",
                Map.of("name", "Broken layout", "source", BROKEN), "en");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("Line 3, column 3: the template does not parse")
                .contains("data-line=\"3\" data-column=\"3\"").contains("aria-invalid=\"true\"")
                .contains("value=\"Broken layout\"").contains("  {#unknown issue.subtitle}x{/unknown}");
        assertThat(Db.count(db, "SELECT count(*) FROM issue_template WHERE name = 'Broken layout'")).isZero();

        long id = template(writer, "Kept", "<p>{issue.title}</p>");
        String edit = templates + "/" + id;
        Response forbidden = post(writer.account(), open(writer.account(), edit, "ko"), edit,
                Map.of("name", "Kept", "source", "<p>\n<p>{config:planted.secret}</p>"), "ko");
        assertThat(forbidden.statusCode()).isEqualTo(422);
        assertThat(forbidden.asString()).contains("2행 ").contains("config:, inject: 같은 네임스페이스")
                .contains("data-line=\"2\"");
        assertThat(Db.text(db, "SELECT source FROM issue_template WHERE id = ?", id)).isEqualTo("<p>{issue.title}</p>");
    }

    @Test
    void aForgedFormChangesNothing() {
        Scenario writer = Scenario.writer("Forged");
        String templates = "/studio/publications/" + writer.slug() + "/templates";
        long id = template(writer, "Safe", "<p>safe</p>");
        Page forged = open(writer.account(), templates + "/" + id, "en").withoutToken();
        assertThat(post(writer.account(), forged, templates + "/new", Map.of("name", "New", "source", "<p></p>"), "en")
                .statusCode()).isEqualTo(403);
        assertThat(post(writer.account(), forged, templates + "/" + id, Map.of("name", "Taken", "source", "<p>x</p>"),
                "en").statusCode()).isEqualTo(403);
        assertThat(post(writer.account(), forged, templates + "/" + id + "/delete", Map.of(), "en").statusCode())
                .isEqualTo(403);
        long issue = writer.issue(Map.of());
        assertThat(post(writer.account(), forged, pickerPath(writer, issue), Map.of("templateId", Long.toString(id)),
                "en").statusCode()).isEqualTo(403);

        assertThat(Db.text(db, "SELECT name || ':' || source FROM issue_template WHERE id = ?", id))
                .isEqualTo("Safe:<p>safe</p>");
        assertThat(Db.count(db, "SELECT count(*) FROM issue_template t JOIN publication p ON p.id = t.publication_id "
                + "WHERE p.slug = ?", writer.slug())).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND template_id IS NULL", issue)).isOne();
    }

    @Test
    void anotherWriterFindsNoneOfTheTemplatePagesNorThePicker() {
        Scenario writer = Scenario.writer("Owner");
        String templates = "/studio/publications/" + writer.slug() + "/templates";
        long id = template(writer, "Mine", "<p>mine</p>");
        long issue = writer.issue(Map.of());

        Api.Account other = Api.writer("Intruder");
        Page theirs = open(other, "/studio", "en");
        for (String path : List.of(templates, templates + "/new", templates + "/" + id)) {
            session(other, "en").get(path).then().statusCode(404);
        }
        assertThat(post(other, theirs, templates + "/new", Map.of("name", "X", "source", "<p></p>"), "en").statusCode())
                .isEqualTo(404);
        assertThat(post(other, theirs, templates + "/" + id, Map.of("name", "X", "source", "<p>x</p>"), "en")
                .statusCode()).isEqualTo(404);
        assertThat(post(other, theirs, templates + "/" + id + "/delete", Map.of(), "en").statusCode()).isEqualTo(404);
        assertThat(post(other, theirs, pickerPath(writer, issue), Map.of("templateId", Long.toString(id)), "en")
                .statusCode()).isEqualTo(404);

        // nor through a publication of their own
        String own = "/studio/publications/" + Api.publication(other.token()) + "/templates/" + id;
        session(other, "en").get(own).then().statusCode(404);
        assertThat(post(other, theirs, own, Map.of("name", "X", "source", "<p>x</p>"), "en").statusCode()).isEqualTo(404);

        assertThat(Db.text(db, "SELECT name || ':' || source FROM issue_template WHERE id = ?", id))
                .isEqualTo("Mine:<p>mine</p>");
        assertThat(Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND template_id IS NULL", issue)).isOne();
    }

    @Test
    void thePickerSetsTheIssuesTemplateAndZeroOrNothingGoesBackToTheDefaultLayout() {
        Scenario writer = Scenario.writer("Picker");
        long id = template(writer, "Picked", "<p>{issue.title}</p>");
        long issue = writer.issue(Map.of());
        Page page = open(writer.account(), "/studio/publications/" + writer.slug() + "/issues/" + issue + "/edit", "en");

        Response picked = post(writer.account(), page, pickerPath(writer, issue), Map.of("templateId", Long.toString(id)),
                "en");
        assertThat(picked.statusCode()).isEqualTo(303);
        assertThat(picked.header("Location"))
                .endsWith("/studio/publications/" + writer.slug() + "/issues/" + issue + "/edit");
        assertThat(Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND template_id = ?", issue, id)).isOne();

        assertThat(post(writer.account(), page, pickerPath(writer, issue), Map.of("templateId", "0"), "en")
                .statusCode()).isEqualTo(303);
        assertThat(Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND template_id IS NULL", issue)).isOne();

        post(writer.account(), page, pickerPath(writer, issue), Map.of("templateId", Long.toString(id)), "en");
        assertThat(post(writer.account(), page, pickerPath(writer, issue), Map.of("templateId", ""), "en")
                .statusCode()).isEqualTo(303);
        assertThat(Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND template_id IS NULL", issue)).isOne();
    }

    @Test
    void aTemplateIsDeletedOnceNoUnsentIssueUsesIt() {
        Scenario writer = Scenario.writer("Deleting");
        String templates = "/studio/publications/" + writer.slug() + "/templates";
        long id = template(writer, "Used", "<p>{issue.title}</p>");
        long issue = writer.issue(Map.of("templateId", id));
        Page editor = open(writer.account(), templates + "/" + id, "en");
        assertThat(editor.html()).contains("Delete for good").contains(templates + "/" + id + "/delete");

        Response inUse = post(writer.account(), editor, templates + "/" + id + "/delete", Map.of(), "en");
        assertThat(inUse.statusCode()).isEqualTo(409);
        assertThat(inUse.asString()).contains("An issue that is not sent yet uses this template");
        assertThat(Db.count(db, "SELECT count(*) FROM issue_template WHERE id = ?", id)).isOne();

        post(writer.account(), editor, pickerPath(writer, issue), Map.of("templateId", "0"), "en");
        Response deleted = post(writer.account(), editor, templates + "/" + id + "/delete", Map.of(), "en");
        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(deleted.header("Location")).endsWith(templates + "?deleted=1");
        assertThat(Db.count(db, "SELECT count(*) FROM issue_template WHERE id = ?", id)).isZero();
    }

    @Test
    void thePickerTagListsTheTemplatesWithTheChosenOneSelected() {
        List<TemplateView> choices = List.of(new TemplateView(7, "Plain", "", null, null),
                new TemplateView(8, "Fancy <b>", "", null, null));
        String picker = engine.parse("{#templatePicker slug=slug issueId=9 templates=choices selected=selected csrf='tok' /}")
                .data("slug", "my-pub").data("choices", choices).data("selected", 8L)
                .setAttribute("locale", Locale.forLanguageTag("ko")).render();
        assertThat(picker).contains("action=\"/studio/publications/my-pub/issues/9/template\"")
                .contains("name=\"csrf\" value=\"tok\"").contains("<label for=\"f-templateId\">레이아웃</label>")
                .contains("<option value=\"0\">기본 레이아웃</option>").contains("<option value=\"7\">Plain</option>")
                .contains("<option value=\"8\" selected>Fancy &lt;b&gt;</option>");

        String none = engine.parse("{#templatePicker slug='p' issueId=1 templates=choices selected=selected csrf='t' /}")
                .data("choices", choices).data("selected", null).render();
        assertThat(none).contains("<option value=\"0\" selected>Default layout</option>")
                .contains("<option value=\"8\">");
    }

    private static long template(Scenario writer, String name, String source) {
        return ((Number) as(writer.token()).body(Map.of("name", name, "source", source))
                .post("/api/v1/publications/" + writer.slug() + "/templates").then().statusCode(201).extract().path("id"))
                .longValue();
    }

    private static String pickerPath(Scenario writer, long issue) {
        return "/studio/publications/" + writer.slug() + "/issues/" + issue + "/template";
    }
}
