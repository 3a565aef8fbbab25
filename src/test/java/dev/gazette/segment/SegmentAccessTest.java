package dev.gazette.segment;

import static dev.gazette.segment.SegmentFixtures.all;
import static dev.gazette.segment.SegmentFixtures.path;
import static dev.gazette.segment.SegmentFixtures.segment;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.StudioForms;

/** Who may touch a segment, route by route, and the studio's forms with and without their token. */
@QuarkusTest
class SegmentAccessTest {

    @Inject
    DataSource db;

    @Test
    void anotherWritersSegmentsAreNotFoundOnEveryRoute() {
        Scenario owner = Scenario.writer("Owner").subscribers(1);
        long segment = segment(owner.token(), owner.slug(), "Mine", all());
        Scenario other = Scenario.writer("Other");
        String theirs = path(owner.slug());
        String mine = path(other.slug());

        as(other.token()).get(theirs).then().statusCode(404);
        as(other.token()).body(Map.of("name", "X", "filter", all())).post(theirs).then().statusCode(404);
        as(other.token()).body(Map.of("filter", all())).post(theirs + "/count").then().statusCode(404);
        as(other.token()).get(theirs + "/" + segment).then().statusCode(404);
        as(other.token()).get(mine + "/" + segment).then().statusCode(404).body("code", equalTo("segment_not_found"));
        as(other.token()).get(mine + "/" + segment + "/count").then().statusCode(404);
        as(other.token()).get(mine + "/" + segment + "/members").then().statusCode(404);
        as(other.token()).body(Map.of("name", "Taken")).patch(mine + "/" + segment).then().statusCode(404);
        as(other.token()).delete(mine + "/" + segment).then().statusCode(404);
        Api.anonymous().get(theirs).then().statusCode(401);
        for (String page : List.of("", "/new", "/" + segment, "/count")) {
            StudioForms.session(other.account(), "en").get("/studio/publications/" + owner.slug() + "/segments" + page)
                    .then().statusCode(404);
        }
        StudioForms.session(other.account(), "en").get("/studio/publications/" + other.slug() + "/segments/" + segment)
                .then().statusCode(404);

        as(owner.token()).get(theirs + "/" + segment).then().statusCode(200).body("name", equalTo("Mine"))
                .body("matching", equalTo(1));
        as(owner.token()).get(theirs + "/" + segment + "/count").then().statusCode(200).body("mailable", equalTo(1));
        as(owner.token()).get(theirs + "/" + segment + "/members?limit=0").then().statusCode(400)
                .body("errors.code", org.hamcrest.Matchers.hasItem("out_of_range"));
        assertThat(Db.text(db, "SELECT name FROM segment WHERE id = ?", segment)).isEqualTo("Mine");
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE target = ? AND action = 'segment_created'",
                "segment " + segment)).isOne();
    }

    @Test
    void theStudioFormsNeedTheTokenAndTheLiveCountReadsTheFormsFields() {
        Scenario s = Scenario.writer("Studio").subscribers(2);
        String list = "/studio/publications/" + s.slug() + "/segments";
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", s.slug());
        StudioForms.Page editor = StudioForms.open(s.account(), list + "/new", "ko");
        assertThat(editor.html()).contains("세그먼트").contains("name=\"condition\"");
        Map<String, String> fields = Map.of("name", "Forged", "action", "save", "match", "all");
        StudioForms.post(s.account(), editor.withoutToken(), list, fields, "en").then().statusCode(403)
                .body("code", equalTo("csrf_failed"));
        assertThat(Db.count(db, "SELECT count(*) FROM segment WHERE publication_id = ?", publication)).isZero();

        // the live count: the editor's fields as a query, both numbers as JSON, or why not
        StudioForms.session(s.account(), "en").accept("application/json")
                .get(list + "/count?match=all&condition=status:in&key=&value=active&in=top&condition=&key=&value=&in=top")
                .then().statusCode(200).body("matching", equalTo(2)).body("mailable", equalTo(2));
        StudioForms.session(s.account(), "en").get(list + "/count?match=all&condition=engagement:opened&key=&value=lots&in=a")
                .then().statusCode(200).body("error", org.hamcrest.Matchers.containsString("Condition 1"));

        // a refused form comes back as typed with the row that is wrong, and nothing is stored
        StudioForms.post(s.account(), editor, list, Map.of("name", "Old", "action", "save", "match", "all", "condition",
                "attribute:gt", "key", "age", "value", "old", "in", "top"), "en").then().statusCode(422)
                .body(org.hamcrest.Matchers.containsString("Condition 1: write a number"));
        assertThat(Db.count(db, "SELECT count(*) FROM segment WHERE publication_id = ?", publication)).isZero();

        String created = StudioForms.post(s.account(), editor, list, Map.of("name", "Active", "action", "save", "match",
                "all", "condition", "status:in", "key", "", "value", "active", "in", "top"), "en").then().statusCode(303)
                .extract().header("Location");
        long segment = Db.count(db, "SELECT id FROM segment WHERE publication_id = ?", publication);
        assertThat(created).endsWith(list + "/" + segment + "?saved=1");
        assertThat(Db.text(db, "SELECT filter::text FROM segment WHERE id = ?", segment)).contains("\"status\"")
                .contains("\"active\"");

        StudioForms.Page page = StudioForms.open(s.account(), list + "/" + segment, "en");
        StudioForms.post(s.account(), page.withoutToken(), list + "/" + segment + "/delete", Map.of(), "en").then()
                .statusCode(403);
        StudioForms.post(s.account(), page, list + "/" + segment + "/delete", Map.of(), "en").then().statusCode(303);
        assertThat(Db.count(db, "SELECT count(*) FROM segment WHERE id = ? AND deleted_at IS NOT NULL", segment)).isOne();
    }
}
