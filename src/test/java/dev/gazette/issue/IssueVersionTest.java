package dev.gazette.issue;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;

/** Two editors of one draft: a save made from an older version is refused with 409 and nothing is lost. */
@QuarkusTest
class IssueVersionTest {

    @Inject
    DataSource db;

    @Test
    void aStaleSaveIsRefusedAndTheNewerTextStays() {
        Scenario writer = Scenario.writer("Editor");
        long id = writer.issue(Map.of("bodyMarkdown", "first"));
        String path = writer.issuePath(id);
        as(writer.token()).get(path).then().statusCode(200).body("version", equalTo(1));

        // tab A saves from version 1: it becomes 2
        as(writer.token()).body(Map.of("bodyMarkdown", "from tab A", "version", 1)).patch(path).then().statusCode(200)
                .body("version", equalTo(2)).body("bodyMarkdown", equalTo("from tab A"));
        // tab B still holds version 1: refused, and tab A's text stays
        as(writer.token()).body(Map.of("bodyMarkdown", "from tab B", "version", 1)).patch(path).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("stale_version"));
        assertThat(Db.text(db, "SELECT body_markdown FROM issue WHERE id = ?", id)).isEqualTo("from tab A");
        assertThat(Db.count(db, "SELECT version FROM issue WHERE id = ?", id)).isEqualTo(2);

        // tab B reloads, then saves from version 2
        as(writer.token()).body(Map.of("bodyMarkdown", "from tab B, after a reload", "version", 2)).patch(path).then()
                .statusCode(200).body("version", equalTo(3));
        // a client that names no version still saves (the version moves on)
        as(writer.token()).body(Map.of("title", "Renamed")).patch(path).then().statusCode(200).body("version", equalTo(4))
                .body("bodyMarkdown", equalTo("from tab B, after a reload"));
    }
}
