package dev.gazette.sequence;

import static dev.gazette.sequence.SequenceFixtures.awaitMail;
import static dev.gazette.sequence.SequenceFixtures.sequence;
import static dev.gazette.sequence.SequenceFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;

/** A bulk import starts sequences only when it asks for it. */
@QuarkusTest
class SequenceImportTest {

    @Inject
    DataSource db;

    @Test
    void anImportStartsNoSequenceUnlessItAsks() {
        Api.Account writer = Api.writer("Importer");
        String slug = Api.publication(writer.token());
        long sequence = sequence(writer.token(), slug, Map.of("name", "Welcome", "trigger", "confirmed"));
        step(writer.token(), slug, sequence, "Welcome, importee", 0, "Hi.");
        long topical = sequence(writer.token(), slug, Map.of("name", "Tea", "trigger", "topic", "topic", "tea"));
        step(writer.token(), slug, topical, "Tea time", 0, "Hi.");
        String quiet = Api.uniqueEmail("quiet");
        String asked = Api.uniqueEmail("asked");

        importCsv(writer.token(), slug, "email,name,tags\n" + quiet + ",Quiet,tea\n", "").then().statusCode(200)
                .body("created", equalTo(1));
        importCsv(writer.token(), slug, "email,name,tags\n" + asked + ",Asked,tea\n", "?startSequences=true").then()
                .statusCode(200).body("created", equalTo(1));
        importCsv(writer.token(), slug, "email\nx@example.com\n", "?startSequences=maybe").then().statusCode(400)
                .body("code", equalTo("validation_failed"));

        assertThat(Db.count(db, "SELECT count(*) FROM sequence_enrollment e JOIN subscriber s ON s.id = e.subscriber_id "
                + "WHERE s.email = ?", quiet)).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM sequence_enrollment e JOIN subscriber s ON s.id = e.subscriber_id "
                + "WHERE s.email = ?", asked)).isEqualTo(2);
        awaitMail(asked, "Welcome, importee");
        awaitMail(asked, "Tea time");
        Mailbox.assertNoneTo(quiet);
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = 'x@example.com'")).isZero();
    }

    private static Response importCsv(String token, String slug, String csv, String query) {
        return Api.as(token).contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/publications/" + slug + "/subscribers/import" + query);
    }
}
