package dev.gazette.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/**
 * A writer's export read back in: who left stays gone, in the same publication or in one deleted
 * and made again under the same slug; the export's own columns are no attributes; an address
 * guarded against spreadsheet formulas comes back as it was.
 */
@QuarkusTest
class ExportImportRoundTripTest {

    @Inject
    DataSource db;

    @Inject
    SubscriberLinks links;

    private static String base(String slug) {
        return "/api/v1/publications/" + slug + "/subscribers";
    }

    private long add(Api.Account writer, String slug, String email) {
        return ((Number) Api.as(writer.token()).body(Map.of("email", email)).post(base(slug)).then().statusCode(201)
                .extract().path("id")).longValue();
    }

    private String export(Api.Account writer, String slug) {
        return Api.as(writer.token()).get(base(slug) + "/export").then().statusCode(200).extract().asString();
    }

    private io.restassured.response.Response importCsv(Api.Account writer, String slug, String csv) {
        return Api.as(writer.token()).contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .post(base(slug) + "/import");
    }

    private long count(String slug, String email, String status) {
        return Db.count(db, "SELECT count(*) FROM subscriber s JOIN publication p ON p.id = s.publication_id "
                + "WHERE p.slug = ? AND s.email = ? AND s.status = ?", slug, email, status);
    }

    @Test
    void anOldExportIntoAPublicationMadeAgainMailsNoOneWhoLeft() {
        Api.Account writer = Api.writer("Again");
        String slug = Api.publication(writer.token());
        String stays = Api.uniqueEmail("stays");
        String leaves = Api.uniqueEmail("leaves");
        String erases = Api.uniqueEmail("erases");
        add(writer, slug, stays);
        long leaver = add(writer, slug, leaves);
        long eraser = add(writer, slug, erases);
        String old = export(writer, slug); // everyone active then

        Subscribing.browser().post(path(links.unsubscribeUrl(leaver))).then().statusCode(200);
        Subscribing.browser().post(path(links.preferencesUrl(eraser)) + "/erase").then().statusCode(200);
        Api.as(writer.token()).delete("/api/v1/publications/" + slug).then().statusCode(204);
        Api.as(writer.token()).body(Api.publicationBody(slug)).post("/api/v1/publications").then().statusCode(201);

        importCsv(writer, slug, old).then().statusCode(200).body("created", equalTo(1)).body("skipped", equalTo(2));
        assertThat(count(slug, stays, "active")).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email IN (?, ?)", leaves, erases)).isZero();
        // nor does the writer's API bring them back
        Api.as(writer.token()).body(Map.of("email", leaves)).post(base(slug)).then().statusCode(409)
                .body("code", equalTo("address_suppressed"));
    }

    @Test
    void theExportsStatusComesBackAsAStatusNeverAsAnAttribute() {
        Api.Account writer = Api.writer("Status");
        String slug = Api.publication(writer.token());
        String active = "=cmd-" + Api.uniqueEmail("formula");
        String leaves = Api.uniqueEmail("left");
        String pending = Api.uniqueEmail("pending");
        add(writer, slug, active);
        long leaver = add(writer, slug, leaves);
        Api.as(writer.token()).body(Map.of("email", pending, "doubleOptIn", true)).post(base(slug)).then().statusCode(201);
        Subscribing.browser().post(path(links.unsubscribeUrl(leaver))).then().statusCode(200);
        String csv = export(writer, slug);
        assertThat(csv).contains("'" + active + ",").contains(leaves + ",,,unsubscribed,").contains(pending + ",,,pending,");

        String other = Api.publication(writer.token());
        importCsv(writer, other, csv).then().statusCode(200).body("created", equalTo(1)).body("skipped", equalTo(2));
        assertThat(count(other, active, "active")).isOne(); // the guard's apostrophe is gone again
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber s JOIN publication p ON p.id = s.publication_id "
                + "WHERE p.slug = ? AND s.email IN (?, ?)", other, leaves, pending)).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber s JOIN publication p ON p.id = s.publication_id "
                + "WHERE p.slug = ? AND s.attributes <> '{}'", other)).isZero();
        // the one who left is suppressed there too, and an active subscriber the file says left stops being mailed
        Api.as(writer.token()).body(Map.of("email", leaves)).post(base(other)).then().statusCode(409)
                .body("code", equalTo("address_suppressed"));
        importCsv(writer, slug, "email,status\n" + active + ",complained\n").then().statusCode(200);
        assertThat(count(slug, active, "complained")).isOne();
        importCsv(writer, slug, "email,status\n" + Api.uniqueEmail("odd") + ",maybe\n").then().statusCode(200)
                .body("errors[0].code", equalTo("invalid_status"));
    }

    private static String path(String url) {
        return url.substring(url.indexOf('/', url.indexOf("//") + 2));
    }
}
