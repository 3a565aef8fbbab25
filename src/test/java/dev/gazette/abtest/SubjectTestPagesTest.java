package dev.gazette.abtest;

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
import dev.gazette.testing.StudioForms;

/** The studio's subject test page: its form with CSRF, refusals in words, access, and the link from the send page. */
@QuarkusTest
class SubjectTestPagesTest {

    @Inject
    DataSource db;

    private static Response submit(Api.Account writer, StudioForms.Page page, String path, String lang, String[] subjects,
            String sample, String hours) {
        var request = StudioForms.session(writer, lang).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie("gazette_form", page.cookie());
        if (page.csrf() != null) {
            request.formParam("csrf", page.csrf());
        }
        for (String subject : subjects) {
            request.formParam("subject", subject).formParam("preheader", "");
        }
        return request.formParam("sample", sample).formParam("hours", hours).formParam("metric", "clicks").post(path);
    }

    @Test
    void theWriterSetsATestThroughTheFormAndBadFormsChangeNothing() {
        Scenario s = Scenario.writer("Abpages").subscribers(1);
        long issue = s.issue(Map.of("title", "Form letter"));
        String path = "/studio/publications/" + s.slug() + "/issues/" + issue + "/subject-test";
        assertThat(StudioForms.open(s.account(), "/studio/publications/" + s.slug() + "/issues/" + issue + "/send", "en")
                .html()).contains("id=\"subject-test-link\"").contains(path);
        StudioForms.Page page = StudioForms.open(s.account(), path, "en");
        assertThat(page.html()).contains("A/B subject test").contains("id=\"save-test\"").doesNotContain("id=\"remove-test\"");

        // without the form's token: refused, nothing stored
        Response forged = submit(s.account(), page.withoutToken(), path, "en", new String[]{"A", "B"}, "20", "4");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.jsonPath().getString("code")).isEqualTo("csrf_failed");

        Response one = submit(s.account(), page, path, "en", new String[]{"Only one", "", "", ""}, "20", "4");
        assertThat(one.statusCode()).isEqualTo(422);
        assertThat(one.asString()).contains("two to four variants").contains("value=\"Only one\"");
        Response same = submit(s.account(), page, path, "ko", new String[]{"Same", "same", "", ""}, "20", "4");
        assertThat(same.statusCode()).isEqualTo(422);
        assertThat(same.asString()).contains("서로 다른 제목");
        Response hours = submit(s.account(), page, path, "en", new String[]{"A", "B", "", ""}, "20", "200");
        assertThat(hours.statusCode()).isEqualTo(422);
        assertThat(hours.asString()).contains("from 1 to 168");
        assertThat(Db.count(db, "SELECT count(*) FROM subject_test WHERE issue_id = ?", issue)).isZero();

        Response saved = submit(s.account(), page, path, "en", new String[]{"First try", "Second try", "Third try", ""},
                "30", "6");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(Db.text(db, "SELECT sample_percent || ' ' || wait_minutes || ' ' || metric FROM subject_test "
                + "WHERE issue_id = ?", issue)).isEqualTo("30 360 clicks");
        assertThat(Db.texts(db, "SELECT subject FROM subject_variant WHERE issue_id = ? ORDER BY variant", issue))
                .containsExactly("First try", "Second try", "Third try");
        String korean = StudioForms.open(s.account(), path + "?saved=1", "ko").html();
        assertThat(korean).contains("저장했습니다").contains("value=\"Third try\"").contains("id=\"remove-test\"");

        // another writer's issue is not found, page or form
        Api.Account stranger = Api.writer("Abpagestranger");
        assertThat(StudioForms.session(stranger, "en").get(path).statusCode()).isEqualTo(404);
        StudioForms.Page theirs = StudioForms.open(stranger, "/studio", "en");
        assertThat(submit(stranger, theirs, path, "en", new String[]{"X", "Y"}, "20", "4").statusCode()).isEqualTo(404);
        assertThat(Db.texts(db, "SELECT subject FROM subject_variant WHERE issue_id = ? ORDER BY variant", issue))
                .containsExactly("First try", "Second try", "Third try");

        Response removed = StudioForms.post(s.account(), page, path + "/remove", Map.of(), "en");
        assertThat(removed.statusCode()).isEqualTo(303);
        assertThat(Db.count(db, "SELECT count(*) FROM subject_test WHERE issue_id = ?", issue)).isZero();
    }
}
