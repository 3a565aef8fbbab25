package dev.gazette.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;

@QuarkusTest
class SubscriberImportTest {

    @Inject
    DataSource db;

    @Test
    void importReportsBadLinesByNumberAndImportsTheRest() {
        Api.Account writer = Api.writer("Importer");
        String slug = Api.publication(writer.token());
        String d = slug + ".example.com";
        String csv = String.join("\r\n",
                "Email,Name,Tags,city", // 1
                "one@" + d + ",One,news;ai,Seoul", // 2
                "a@b,Bad,,", // 3
                "two@" + d + ",\"Two, with a comma\",,", // 4
                "\"three@" + d + "\",Three,,\"Busan", // 5 (a quoted value across two lines)
                "harbour\"", // 6
                "a@@b.com,,,", // 7
                ",No address,,", // 8
                "", // 9 (blank: ignored)
                "ONE@" + d + ",Duplicate,,", // 10
                "four@" + d + ",Bad\u0007Name,,", // 11
                "five@" + d + ",,bad!tag,", // 12
                "x".repeat(250) + "@" + d + ",,,", // 13
                "six@" + d + ".,,,", // 14
                "seven@" + d) + "\n"; // 15, fewer columns than the header
        importCsv(writer.token(), slug, csv).then().statusCode(200)
                .body("created", equalTo(4)).body("updated", equalTo(0)).body("skipped", equalTo(1))
                .body("errors.line", equalTo(List.of(3, 7, 8, 11, 12, 13, 14)))
                .body("errors.code", equalTo(List.of("invalid_email", "invalid_email", "missing_email", "invalid_name",
                        "invalid_tag", "invalid_email", "invalid_email")));
        String base = "/api/v1/publications/" + slug + "/subscribers";
        Api.as(writer.token()).get(base).then().body("total", equalTo(4))
                .body("items.email", equalTo(List.of("one@" + d, "two@" + d, "three@" + d, "seven@" + d)))
                .body("items[0].tags", equalTo(List.of("news", "ai"))).body("items[0].attributes.city", equalTo("Seoul"))
                .body("items[0].name", equalTo("One")).body("items[2].name", equalTo("Three"))
                .body("items[2].attributes.city", equalTo("Busan\r\nharbour"))
                .body("items.status", equalTo(List.of("active", "active",
                        "active", "active")));
        assertThat(Db.count(db, "SELECT count(*) FROM consent c JOIN subscriber s ON s.id = c.subscriber_id "
                + "JOIN publication p ON p.id = s.publication_id WHERE p.slug = ? AND c.source = 'import' "
                + "AND c.method = 'writer_attested'", slug)).isEqualTo(4);
        Mailbox.assertNoneSince(m -> m.recipients().stream().anyMatch(r -> r.endsWith(d)));
    }

    @Test
    void aSecondImportUpdatesKnownAddressesAndSkipsUnchangedOnes() {
        Api.Account writer = Api.writer("Again");
        String slug = Api.publication(writer.token());
        String d = slug + ".example.com";
        importCsv(writer.token(), slug, "email,name,tags\na@" + d + ",A,x\nb@" + d + ",B,\n").then()
                .body("created", equalTo(2));
        Subscribing.subscribeByForm(slug, "c@" + d, null).then().statusCode(200);
        importCsv(writer.token(), slug, "email,name,tags\na@" + d + ",A2,y\nb@" + d + ",B,\nc@" + d + ",C,\nd@" + d + ",,\n")
                .then().statusCode(200).body("created", equalTo(1)).body("updated", equalTo(2)).body("skipped", equalTo(1))
                .body("errors", equalTo(List.of()));
        String base = "/api/v1/publications/" + slug + "/subscribers";
        Api.as(writer.token()).queryParam("q", "a@" + d).get(base).then().body("items[0].name", equalTo("A2"))
                .body("items[0].tags", equalTo(List.of("x", "y")));
        // the pending form subscriber is active now, on the writer's attestation
        Api.as(writer.token()).queryParam("q", "c@" + d).get(base).then().body("items[0].status", equalTo("active"));
        assertThat(Db.count(db, "SELECT count(*) FROM consent c JOIN subscriber s ON s.id = c.subscriber_id "
                + "WHERE s.email = ?", "c@" + d)).isEqualTo(2);
    }

    @Test
    void invalidUtf8AnywhereInTheFileStoresNothing() {
        Api.Account writer = Api.writer("Utf");
        String slug = Api.publication(writer.token());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(("email,name\nok1@" + slug + ".example.com,김민수\n").getBytes(StandardCharsets.UTF_8));
        file.writeBytes(("ok2@" + slug + ".example.com,").getBytes(StandardCharsets.UTF_8));
        file.writeBytes(new byte[]{(byte) 0xC3, (byte) 0x28, '\n'});
        Api.as(writer.token()).contentType("text/csv").body(file.toByteArray())
                .post("/api/v1/publications/" + slug + "/subscribers/import").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("invalid_encoding"));
        assertThat(count(slug)).isZero();
    }

    @Test
    void aFileWithoutAnEmailColumnOrWithBrokenQuotingStoresNothing() {
        Api.Account writer = Api.writer("Hdr");
        String slug = Api.publication(writer.token());
        importCsv(writer.token(), slug, "name,tags\nA,b\n").then().statusCode(400)
                .body("code", equalTo("csv_missing_email_column"));
        importCsv(writer.token(), slug, "").then().statusCode(400).body("code", equalTo("csv_missing_header"));
        importCsv(writer.token(), slug, "email,name\nok@" + slug + ".example.com,\"never closed\n").then().statusCode(400)
                .body("code", equalTo("malformed_csv"));
        assertThat(count(slug)).isZero();
    }

    @Test
    void anOversizedUploadIsRefusedAndStoresNothing() {
        Api.Account writer = Api.writer("Big");
        String slug = Api.publication(writer.token());
        StringBuilder csv = new StringBuilder("email\n");
        int i = 0;
        while (csv.length() <= 1_100_000) {
            csv.append("big").append(i++).append('@').append(slug).append(".example.com\n");
        }
        importCsv(writer.token(), slug, csv.toString()).then().statusCode(413)
                .contentType("application/problem+json").body("code", equalTo("import_too_large"));
        assertThat(count(slug)).isZero();
    }

    @Test
    void aBodyOfTheWrongTypeIsRefused() {
        Api.Account writer = Api.writer("Type");
        String slug = Api.publication(writer.token());
        Api.as(writer.token()).body(Map.of("email", "x@example.com"))
                .post("/api/v1/publications/" + slug + "/subscribers/import").then().statusCode(415)
                .body("code", equalTo("unsupported_media_type"));
    }

    private long count(String slug) {
        return Db.count(db, "SELECT count(*) FROM subscriber s JOIN publication p ON p.id = s.publication_id WHERE p.slug = ?",
                slug);
    }

    static Response importCsv(String token, String slug, String csv) {
        return Api.as(token).contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/publications/" + slug + "/subscribers/import");
    }
}
