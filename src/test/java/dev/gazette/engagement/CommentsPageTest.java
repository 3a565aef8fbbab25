package dev.gazette.engagement;

import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static dev.gazette.testing.StudioForms.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.StudioForms.Page;

/** The studio page where a writer chooses who may comment, as a browser uses it. */
@QuarkusTest
class CommentsPageTest {

    @Inject
    DataSource db;

    @Test
    void theWriterOpensCommentsToEveryoneAndOnlyWithTheFormsToken() {
        Api.Account writer = Api.writer("Policy");
        String slug = Api.publication(writer.token());
        String path = "/studio/publications/" + slug + "/comments";
        Page page = open(writer, path, "ko");
        assertThat(page.html()).contains("레터에 댓글을 달 수 있는 사람").contains("value=\"subscribers\" checked");

        assertThat(post(writer, page.withoutToken(), path, Map.of("commentPolicy", "everyone"), "ko").statusCode())
                .isEqualTo(403);
        assertThat(policy(slug)).isEqualTo("subscribers");

        Response saved = post(writer, page, path, Map.of("commentPolicy", "everyone"), "ko");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(policy(slug)).isEqualTo("everyone");
        assertThat(open(writer, path + "?saved=1", "ko").html()).contains("value=\"everyone\" checked")
                .contains("저장했습니다.");

        Response invalid = post(writer, page, path, Map.of("commentPolicy", "friends"), "ko");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.asString()).contains("invalid_policy");
        assertThat(policy(slug)).isEqualTo("everyone");
    }

    @Test
    void anotherWritersCommentSettingsDoNotExistForThem() {
        Api.Account owner = Api.writer("Owner");
        String slug = Api.publication(owner.token());
        Api.Account other = Api.writer("Other");
        Page page = open(other, "/studio", "en");
        session(other, "en").get("/studio/publications/" + slug + "/comments").then().statusCode(404);
        assertThat(post(other, page, "/studio/publications/" + slug + "/comments", Map.of("commentPolicy", "off"), "en")
                .statusCode()).isEqualTo(404);
        assertThat(policy(slug)).isEqualTo("subscribers");
    }

    private String policy(String slug) {
        return Db.text(db, "SELECT comment_policy FROM publication WHERE slug = ?", slug);
    }
}
