package dev.gazette.publication;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/** Bad input gets a problem document with a stable code, and the database stays as it was. */
@QuarkusTest
class PublicationValidationTest {

    @Inject
    DataSource db;

    private String token;
    private String email;

    @BeforeEach
    void writer() {
        Api.Account writer = Api.writer("Validator");
        token = writer.token();
        email = writer.email();
    }

    private Map<String, Object> body(String slug) {
        return new HashMap<>(Api.publicationBody(slug));
    }

    private void assertNothingStored() {
        // this writer's publications: the test reads only its own rows
        assertThat(
                Db.count(db, "SELECT count(*) FROM publication p JOIN account a ON a.id = p.owner_id WHERE a.email = ?", email))
                .isZero();
    }

    @Test
    void malformedJson() {
        as(token).body("{\"slug\": \"broken\", ").post("/api/v1/publications").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("malformed_json"));
        as(token).body("[1,2]").post("/api/v1/publications").then().statusCode(400).body("code", equalTo("malformed_json"));
        as(token).body("").post("/api/v1/publications").then().statusCode(400);
        assertNothingStored();
    }

    @Test
    void unknownField() {
        Map<String, Object> body = body("unknown-field");
        body.put("ownerId", 1);
        as(token).body(body).post("/api/v1/publications").then().statusCode(400)
                .body("code", equalTo("unknown_field")).body("errors[0].field", equalTo("ownerId"));
        assertNothingStored();
    }

    @Test
    void wrongType() {
        Map<String, Object> body = body("wrong-type");
        body.put("tipPrice", "lots");
        as(token).body(body).post("/api/v1/publications").then().statusCode(400)
                .body("code", equalTo("invalid_field_type")).body("errors[0].field", equalTo("tipPrice"));
        assertNothingStored();
    }

    @Test
    void oversizedBody() {
        Map<String, Object> body = body("oversized");
        body.put("description", "가".repeat(600_000));
        as(token).body(body).post("/api/v1/publications").then().statusCode(413)
                .contentType("application/problem+json").body("code", equalTo("payload_too_large"));
        assertNothingStored();
    }

    @Test
    void invalidSlugs() {
        for (String slug : new String[]{"ab", "Has-Caps", "with space", "-dash", "dash-", "double--dash", "한글",
                "a".repeat(41), "under_score", "dot.ted"}) {
            as(token).body(body(slug)).post("/api/v1/publications").then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("errors.field", hasItem("slug"));
        }
        for (String slug : new String[]{"api", "admin", "unsubscribe", "www"}) {
            as(token).body(body(slug)).post("/api/v1/publications").then().statusCode(400)
                    .body("errors[0].code", equalTo("reserved_slug"));
        }
        assertNothingStored();
    }

    @Test
    void duplicateSlug() {
        String slug = Api.publication(token);
        Api.Account other = Api.writer("Other");
        as(other.token()).body(body(slug)).post("/api/v1/publications").then().statusCode(409)
                .body("code", equalTo("slug_taken"));
        assertThat(Db.count(db, "SELECT count(*) FROM publication p JOIN account a ON a.id = p.owner_id WHERE a.email = ?",
                other.email())).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM publication WHERE slug = ?", slug)).isOne();
    }

    @Test
    void invalidEmails() {
        for (String email : new String[]{"a@b", "a@@b.com", "a".repeat(250) + "@b.com", "a@b.com.", "plain",
                "a b@c.com", "a@b.com\r\nBcc: x@y.com"}) {
            Map<String, Object> body = body("bad-email");
            body.put("senderEmail", email);
            as(token).body(body).post("/api/v1/publications").then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("errors.field", hasItem("senderEmail"));
        }
        assertNothingStored();
    }

    @Test
    void lineBreaksInHeaderFieldsAreRefused() {
        for (String field : new String[]{"senderName", "name", "tagline", "copyrightNotice"}) {
            Map<String, Object> body = body("crlf-" + field.toLowerCase());
            body.put(field, "Innocent\r\nBcc: everyone@example.com");
            as(token).body(body).post("/api/v1/publications").then().statusCode(400)
                    .body("errors.find { it.field == '" + field + "' }.code", equalTo("line_break"));
        }
        String slug = Api.publication(token);
        as(token).body(Map.of("senderName", "Evil\nX-Header: 1")).patch("/api/v1/publications/" + slug)
                .then().statusCode(400).body("errors[0].code", equalTo("line_break"));
        as(token).get("/api/v1/publications/" + slug).then().body("senderName", equalTo("지은"));
    }

    @Test
    void missingAndInvalidFields() {
        as(token).body(Map.of("slug", "missing-fields")).post("/api/v1/publications").then().statusCode(400)
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("senderEmail"))
                .body("errors.field", hasItem("locale"));
        Map<String, Object> body = body("bad-locale");
        body.put("locale", "fr");
        as(token).body(body).post("/api/v1/publications").then().statusCode(400)
                .body("errors[0].field", equalTo("locale")).body("errors[0].code", equalTo("invalid_format"));
        body = body("bad-zone");
        body.put("timeZone", "Mars/Olympus");
        as(token).body(body).post("/api/v1/publications").then().statusCode(400)
                .body("errors[0].code", equalTo("invalid_time_zone"));
        assertNothingStored();
    }
}
