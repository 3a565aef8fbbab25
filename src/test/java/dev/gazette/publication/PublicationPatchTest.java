package dev.gazette.publication;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/** The README's PATCH rule: fields left out are unchanged, {@code ""} clears an optional text. */
@QuarkusTest
class PublicationPatchTest {

    @Inject
    DataSource db;

    @Test
    void anEmptyStringClearsOptionalTextsAndLeavesTheRestAlone() {
        Api.Account writer = Api.writer("Clearer");
        String slug = Api.publication(writer.token());
        String path = "/api/v1/publications/" + slug;

        as(writer.token()).body(Map.of("tagline", "", "description", "", "category", "", "replyTo", "",
                "copyrightNotice", "")).patch(path).then().statusCode(200)
                .body("tagline", nullValue()).body("description", nullValue()).body("category", nullValue())
                .body("replyTo", nullValue()).body("copyrightNotice", nullValue())
                .body("name", equalTo("AI 뉴스레터")).body("senderEmail", equalTo("letters@example.com"));
        as(writer.token()).get(path).then().statusCode(200).body("tagline", nullValue()).body("replyTo", nullValue());
        // a reply-to that is not an address is still refused
        as(writer.token()).body(Map.of("replyTo", "not an address")).patch(path).then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("errors[0].field", equalTo("replyTo"))
                .body("errors[0].code", equalTo("invalid_email"));
        assertThat(Db.count(db, "SELECT count(*) FROM publication WHERE slug = ? AND tagline IS NULL AND description IS NULL "
                + "AND category IS NULL AND reply_to IS NULL AND copyright_notice IS NULL AND name = 'AI 뉴스레터'", slug))
                .isOne();
    }

    @Test
    void anEmptyStringForARequiredTextIsRefusedAndChangesNothing() {
        Api.Account writer = Api.writer("Keeper");
        String slug = Api.publication(writer.token());
        String path = "/api/v1/publications/" + slug;
        for (String required : new String[]{"name", "senderName", "senderEmail"}) {
            as(writer.token()).body(Map.of(required, "", "tagline", "changed")).patch(path).then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("errors[0].field", equalTo(required));
        }
        as(writer.token()).get(path).then().statusCode(200).body("name", equalTo("AI 뉴스레터"))
                .body("senderName", equalTo("지은")).body("senderEmail", equalTo("letters@example.com"))
                .body("tagline", equalTo("매주 읽는 AI 소식"));
    }
}
