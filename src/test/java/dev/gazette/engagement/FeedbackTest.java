package dev.gazette.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/** The good/okay/bad links of an issue's email: one rating per delivery, a page with one button, a thanks page. */
@QuarkusTest
class FeedbackTest {

    @Inject
    DataSource db;

    private long rows(Readers.Sent sent) {
        return Db.count(db, "SELECT count(*) FROM feedback WHERE issue_id = ?", sent.issueId());
    }

    @Test
    void oneRatingPerDeliveryAndChangingOnesMindUpdatesIt() {
        Readers.Sent sent = Readers.sentIssue("Rated");
        String client = Api.randomClient();
        Readers.Page thanks = Readers.open(client, sent.feedbackPath() + "?rating=good", null);
        assertThat(thanks.html()).contains("value=\"good\" checked");
        assertThat(rows(sent)).isZero(); // the link shows the choice; the page's button records it
        Readers.postForm(client, thanks, sent.feedbackPath(), Map.of("rating", "good")).then().statusCode(200)
                .body(containsString("감사합니다")).body(containsString("data-rating=\"good\""));
        Readers.postForm(client, thanks, sent.feedbackPath(), Map.of("rating", "good")); // a second press
        assertThat(rows(sent)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM feedback WHERE issue_id = ? AND rating = 'good' "
                + "AND delivery_id = (SELECT d.id FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id WHERE s.email = ?)",
                sent.issueId(), sent.email())).isOne();

        Readers.postForm(client, thanks, sent.feedbackPath(), Map.of("rating", "bad"));
        assertThat(rows(sent)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM feedback WHERE issue_id = ? AND rating = 'bad'", sent.issueId()))
                .isOne();

        // the optional words on the thanks page join the same row
        Readers.postForm(client, thanks, sent.feedbackPath(), Map.of("comment", "너무 길었어요")).then().statusCode(200)
                .body(containsString("너무 길었어요"));
        assertThat(Db.count(db, "SELECT count(*) FROM feedback WHERE issue_id = ? AND comment = '너무 길었어요'",
                sent.issueId())).isOne();
    }

    @Test
    void anInvalidRatingOrLinkChangesNothing() {
        Readers.Sent sent = Readers.sentIssue("Unrated");
        Readers.browser(Api.randomClient()).get(sent.feedbackPath() + "?rating=excellent").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("invalid_rating"));
        Readers.browser(Api.randomClient()).get(sent.feedbackPath()).then().statusCode(400)
                .body("code", equalTo("invalid_rating"));
        Readers.browser(Api.randomClient()).get("/feedback/forged.token?rating=good").then().statusCode(404)
                .body("code", equalTo("link_invalid"));
        assertThat(rows(sent)).isZero();
    }
}
