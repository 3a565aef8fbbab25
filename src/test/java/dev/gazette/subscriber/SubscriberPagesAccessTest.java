package dev.gazette.subscriber;

import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static dev.gazette.testing.StudioForms.session;
import static io.restassured.RestAssured.given;
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
 * The subscriber pages belong to their writer only: another writer gets 404 on every route, a
 * browser without a session goes to the login page, and a form posted without its token changes nothing.
 */
@QuarkusTest
class SubscriberPagesAccessTest {

    @Inject
    DataSource db;

    @Test
    void anotherWriterFindsNoneOfThemAndChangesNothing() {
        Scenario owner = Scenario.writer("Owner");
        String email = owner.subscriber("Kept");
        long id = Db.count(db, "SELECT id FROM subscriber WHERE email = ?", email);
        String base = "/studio/publications/" + owner.slug() + "/subscribers";
        Api.Account other = Api.writer("Other");
        Page page = open(other, "/studio", "en");
        for (String path : gets(base, id)) {
            assertThat(session(other, "en").get(path).statusCode()).as(path).isEqualTo(404);
        }
        for (Map.Entry<String, Map<String, String>> form : posts(base, id).entrySet()) {
            assertThat(post(other, page, form.getKey(), form.getValue(), "en").statusCode()).as(form.getKey())
                    .isEqualTo(404);
        }
        assertThat(importAs(other, page, base)).isEqualTo(404);
        assertUnchanged(id, owner.slug());
    }

    @Test
    void aBrowserWithoutASessionIsSentToTheLoginPage() {
        Scenario owner = Scenario.writer("Anonymous");
        long id = Db.count(db, "SELECT id FROM subscriber WHERE email = ?", owner.subscriber("Kept"));
        String base = "/studio/publications/" + owner.slug() + "/subscribers";
        for (String path : gets(base, id)) {
            Response response = given().header("Accept", "text/html").redirects().follow(false).get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(303);
            assertThat(response.header("Location")).as(path).contains("/login");
        }
    }

    @Test
    void everyFormWithoutItsTokenIsRefusedAndChangesNothing() {
        Scenario owner = Scenario.writer("Forged");
        String email = owner.subscriber("Kept");
        long id = Db.count(db, "SELECT id FROM subscriber WHERE email = ?", email);
        String base = "/studio/publications/" + owner.slug() + "/subscribers";
        Page forged = open(owner.account(), base, "en").withoutToken();
        for (Map.Entry<String, Map<String, String>> form : posts(base, id).entrySet()) {
            Response refused = post(owner.account(), forged, form.getKey(), form.getValue(), "en");
            assertThat(refused.statusCode()).as(form.getKey()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.jsonPath().getString("code")).isEqualTo("csrf_failed");
        }
        assertThat(importAs(owner.account(), forged, base)).isEqualTo(403);
        assertUnchanged(id, owner.slug());
    }

    private void assertUnchanged(long id, String slug) {
        assertThat(Db.text(db, "SELECT status || ' ' || array_to_string(tags, ',') FROM subscriber WHERE id = ?", id))
                .isEqualTo("active ");
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber s JOIN publication p ON p.id = s.publication_id "
                + "WHERE p.slug = ?", slug)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM suppression x JOIN publication p ON p.id = x.publication_id "
                + "WHERE p.slug = ?", slug)).isZero();
    }

    private static int importAs(Api.Account writer, Page page, String base) {
        var request = session(writer, "en").cookie("gazette_form", page.cookie()).multiPart("file", "list.csv",
                "email\nnew@example.com\n".getBytes(), "text/csv");
        if (page.csrf() != null) {
            request.multiPart("csrf", page.csrf());
        }
        return request.post(base + "/import").statusCode();
    }

    private static List<String> gets(String base, long id) {
        return List.of(base, base + "?q=a", base + "/new", base + "/import", base + "/" + id, base + "/" + id + "/erase");
    }

    private static Map<String, Map<String, String>> posts(String base, long id) {
        return Map.of(base + "/new", Map.of("email", "new@example.com"), base + "/" + id + "/tags", Map.of("tags", "x"),
                base + "/" + id + "/unsubscribe", Map.of(), base + "/" + id + "/erase", Map.of());
    }
}
