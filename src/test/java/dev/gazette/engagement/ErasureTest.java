package dev.gazette.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/** A subscriber who erases their data: their comments and tips stay, without their name or address. */
@QuarkusTest
class ErasureTest {

    @Inject
    DataSource db;

    @Test
    void erasureAnonymizesCommentsAndTips() {
        Readers.Sent sent = Readers.sentIssue("Erased", Map.of("tipPrice", 1000));
        long comment = ((Number) Api.anonymous().body(Map.of("body", "기억해 주세요", "name", "민지", "token", sent.readerToken()))
                .post(sent.page() + "/comments").then().statusCode(201).extract().path("id")).longValue();
        Api.anonymous().body(Map.of("coffees", 1, "name", "민지", "email", sent.email(), "token", sent.readerToken()))
                .post(sent.page() + "/tips").then().statusCode(201);
        String preferences = Readers.link(Readers.mail(sent.email(), text -> text.contains("/preferences/")), "/preferences/");

        Readers.browser(Api.randomClient()).post(preferences + "/erase").then().statusCode(200);

        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE id = ? AND author_name = '' AND subscriber_id IS NULL "
                + "AND status = 'visible'", comment)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM tip WHERE issue_id = ? AND tipper_name IS NULL AND tipper_email IS NULL "
                + "AND subscriber_id IS NULL", sent.issueId())).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE author_name = '민지' AND issue_id = ?", sent.issueId()))
                .isZero();
    }
}
