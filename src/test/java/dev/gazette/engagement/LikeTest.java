package dev.gazette.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/** One like per reader and issue, counted on the page; unlike takes it back. */
@QuarkusTest
class LikeTest {

    @Inject
    DataSource db;

    @ConfigProperty(name = "gazette.engagement.likes-per-minute")
    int likesPerMinute;

    @Test
    void aReaderLikesOnceWhateverTheyClick() {
        Readers.Sent sent = Readers.sentIssue("Liked");
        String like = sent.page() + "/like";
        // the subscriber, twice, from two different places: one like
        Readers.browser(Api.randomClient()).contentType("application/json").body(Map.of("token", sent.readerToken()))
                .post(like).then().statusCode(200).body("count", equalTo(1)).body("liked", equalTo(true));
        Readers.browser(Api.randomClient()).contentType("application/json").body(Map.of("token", sent.readerToken()))
                .post(like).then().statusCode(200).body("count", equalTo(1));
        // an anonymous reader, twice from the same browser: one more
        String anonymous = Api.randomClient();
        Readers.browser(anonymous).contentType("application/json").body(Map.of()).post(like).then().body("count", equalTo(2));
        Readers.browser(anonymous).contentType("application/json").body(Map.of()).post(like).then().body("count", equalTo(2));
        assertThat(Db.count(db, "SELECT count(*) FROM issue_like WHERE issue_id = ?", sent.issueId())).isEqualTo(2);
        assertThat(Db.count(db, "SELECT count(*) FROM issue_like WHERE issue_id = ? AND subscriber_id IS NOT NULL",
                sent.issueId())).isOne();
        // what identifies the anonymous reader is kept only as a hash
        assertThat(Db.count(db, "SELECT count(*) FROM issue_like WHERE reader_hash LIKE ?", "%" + anonymous + "%")).isZero();

        // the page is the same for everyone; what this reader did comes from the page's script
        String page = Readers.browser(anonymous).get(sent.page()).then().statusCode(200).extract().asString();
        assertThat(page).contains("좋아요 <span data-like-count>2</span>").contains(">♡ 좋아요</button>");
        Readers.browser(anonymous).post(sent.page() + "/seen").then().statusCode(200).body("likes", equalTo(2))
                .body("liked", equalTo(true));
        Readers.browser(Api.randomClient()).post(sent.page() + "/seen").then().statusCode(200).body("liked", equalTo(false));

        Readers.browser(anonymous).contentType("application/json").body(Map.of()).delete(like).then()
                .body("count", equalTo(1)).body("liked", equalTo(false));
        Readers.browser(Api.randomClient()).contentType("application/json").body(Map.of("token", sent.readerToken()))
                .delete(like).then().body("count", equalTo(0));
        assertThat(Db.count(db, "SELECT count(*) FROM issue_like WHERE issue_id = ?", sent.issueId())).isZero();
    }

    @Test
    void oneClientIsLimitedPerMinute() {
        Readers.Sent sent = Readers.sentIssue("Limited");
        String client = Api.randomClient();
        for (int i = 0; i < likesPerMinute; i++) {
            Readers.browser(client).contentType("application/json").body(Map.of()).post(sent.page() + "/like").then()
                    .statusCode(200);
        }
        Readers.browser(client).contentType("application/json").body(Map.of()).post(sent.page() + "/like").then()
                .statusCode(429).body("code", equalTo("rate_limited"));
        Readers.browser(Api.randomClient()).contentType("application/json").body(Map.of()).post(sent.page() + "/like")
                .then().statusCode(200).body("count", equalTo(2));
    }
}
