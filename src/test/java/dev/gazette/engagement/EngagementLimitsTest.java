package dev.gazette.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/**
 * The per-client limits on what readers send: comments, notes, tips and feedback. One client gets
 * its allowance, then 429 {@code rate_limited} with nothing stored; another client is not affected.
 */
@QuarkusTest
class EngagementLimitsTest {

    @Inject
    DataSource db;

    @ConfigProperty(name = "gazette.engagement.comments-per-minute")
    int comments;

    @ConfigProperty(name = "gazette.engagement.notes-per-minute")
    int notes;

    @ConfigProperty(name = "gazette.engagement.tips-per-minute")
    int tips;

    @ConfigProperty(name = "gazette.engagement.feedback-per-minute")
    int feedback;

    @Test
    void commentsAreLimitedPerClient() {
        Readers.Sent sent = Readers.sentIssue("Chatty");
        assertLimited(comments, client -> json(client).body(Map.of("body", "한 마디", "token", sent.readerToken()))
                .post(sent.page() + "/comments"), 201,
                () -> Db.count(db, "SELECT count(*) FROM comment WHERE issue_id = ?", sent.issueId()));
    }

    @Test
    void notesTipsAndFeedbackAreLimitedPerClient() {
        Readers.Sent sent = Readers.sentIssue("Busy", Map.of("tipPrice", 3000));
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", sent.publication());
        assertLimited(notes, client -> json(client).body(Map.of("email", Api.uniqueEmail("noter"), "message", "고마워요"))
                .post("/p/" + sent.publication() + "/notes"), 202,
                () -> Db.count(db, "SELECT count(*) FROM reader_note WHERE publication_id = ?", publication));
        assertLimited(tips, client -> json(client).body(Map.of("coffees", 1)).post(sent.page() + "/tips"), 201,
                () -> Db.count(db, "SELECT count(*) FROM tip WHERE issue_id = ?", sent.issueId()));
        // one delivery has one rating however often it is given: the limit is on the requests
        assertLimited(feedback, client -> Readers.browser(client).get(sent.feedbackPath() + "?rating=good"), 200,
                () -> Db.count(db, "SELECT count(*) FROM feedback WHERE issue_id = ?", sent.issueId()));
    }

    /** {@code allowed} requests from one client pass, the next is refused and stores nothing, another client passes. */
    private static void assertLimited(int allowed, Function<String, Response> request, int passed,
            java.util.function.LongSupplier stored) {
        String client = Api.randomClient();
        for (int i = 0; i < allowed; i++) {
            request.apply(client).then().statusCode(passed);
        }
        long before = stored.getAsLong();
        request.apply(client).then().statusCode(429).body("code", equalTo("rate_limited"));
        assertThat(stored.getAsLong()).isEqualTo(before);
        request.apply(Api.randomClient()).then().statusCode(passed);
    }

    private static io.restassured.specification.RequestSpecification json(String client) {
        return Readers.browser(client).contentType("application/json");
    }
}
