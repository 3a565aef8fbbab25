package dev.gazette.delivery;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.core.SignedTokens;
import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;

/** Opens and clicks, recorded per delivery; redirects only to the issue's own links. */
@QuarkusTest
class TrackingTest {

    private static final Pattern CLICK = Pattern.compile("href=\"http://localhost:8080(/t/c/[^\"]+)\"");
    private static final Pattern OPEN = Pattern.compile("src=\"http://localhost:8080(/t/o/[^\"]+)\"");
    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15";

    @Inject
    DataSource db;

    @Inject
    SignedTokens tokens;

    private CapturedMessage send(String token, String slug, String email, String title) throws Exception {
        long issue = as(token).body(Map.of("title", title,
                "bodyMarkdown", "Read [the story](https://example.com/story?a=1&b=2) and [more](https://example.org/more)."))
                .post("/api/v1/publications/" + slug + "/issues").then().statusCode(201).extract().<Number>path("id")
                .longValue();
        as(token).body(Map.of()).post("/api/v1/publications/" + slug + "/issues/" + issue + "/send").then().statusCode(202);
        return Mailbox.catcher().await(m -> m.recipients().contains(email) && m.subject().equals(title),
                Duration.ofSeconds(30)).orElseThrow();
    }

    @Test
    void clicksRedirectToTheIssuesLinksAndOpensAreRecordedHumanOrMachine() throws Exception {
        String token = Api.writer("Tracker").token();
        String slug = Api.publication(token);
        String email = Api.uniqueEmail("reader");
        as(token).body(Map.of("email", email, "name", "Reader")).post("/api/v1/publications/" + slug + "/subscribers")
                .then().statusCode(201);
        String html = send(token, slug, email, "Tracked").htmlPart().orElseThrow();

        Matcher click = CLICK.matcher(html);
        String clickPath = null;
        while (click.find() && clickPath == null) {
            String location = RestAssured.given().redirects().follow(false).header("User-Agent", "curl/8")
                    .get(click.group(1)).then().statusCode(302).extract().header("Location");
            clickPath = location.equals("https://example.com/story?a=1&b=2") ? click.group(1) : null;
        }
        assertThat(clickPath).as("a tracked link to the story").isNotNull();
        // Gazette's own links stay as they are, and every tracked one leads somewhere real
        assertThat(html).contains("href=\"http://localhost:8080/unsubscribe/")
                .contains("href=\"http://localhost:8080/preferences/").doesNotContain("gazette.invalid");
        Matcher every = CLICK.matcher(html);
        while (every.find()) {
            String location = RestAssured.given().redirects().follow(false).header("User-Agent", "curl/8")
                    .get(every.group(1)).then().statusCode(302).extract().header("Location");
            assertThat(location).doesNotContain("gazette.invalid").doesNotContain("/unsubscribe/");
        }
        assertThat(Db.count(db, "SELECT count(*) FROM tracking_event WHERE kind = 'click' AND machine "
                + "AND delivery_id = (SELECT d.id FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id "
                + "WHERE s.email = ?)", email)).isPositive(); // curl is no person
        try (var c = db.getConnection();
                var s = c.prepareStatement("DELETE FROM tracking_event WHERE delivery_id = "
                        + "(SELECT d.id FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id WHERE s.email = ?)")) {
            s.setString(1, email);
            s.executeUpdate();
        }
        Matcher open = OPEN.matcher(html);
        assertThat(open.find()).isTrue();
        assertThat(html).doesNotContain("href=\"https://example.com/story");
        long delivery = Db.count(db, "SELECT d.id FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id "
                + "WHERE s.email = ?", email);

        // right after delivery: a privacy proxy prefetching, not a person. The rule counts an open
        // within 10 s of sent_at; sent_at is moved ahead, so the open is "right after delivery"
        // however long this machine takes to get here
        await().atMost(Duration.ofSeconds(10)).until(() -> Db.count(db, "SELECT count(*) FROM delivery WHERE id = ? "
                + "AND status = 'sent'", delivery) == 1);
        try (var c = db.getConnection();
                var s = c.prepareStatement("UPDATE delivery SET sent_at = now() + interval '1 hour' WHERE id = ?")) {
            s.setLong(1, delivery);
            s.executeUpdate();
        }
        RestAssured.given().header("User-Agent", BROWSER).get(open.group(1)).then().statusCode(200)
                .contentType("image/gif");
        assertThat(Db.count(db, "SELECT count(*) FROM tracking_event WHERE delivery_id = ? AND kind = 'open' "
                + "AND machine", delivery)).isOne();

        try (var c = db.getConnection();
                var s = c.prepareStatement(
                        "UPDATE delivery SET sent_at = now() - interval '1 hour' WHERE id = ?")) {
            s.setLong(1, delivery);
            s.executeUpdate();
        }
        RestAssured.given().header("User-Agent", BROWSER).get(open.group(1)).then().statusCode(200);
        RestAssured.given().header("User-Agent", "Mozilla/5.0 (compatible; GoogleImageProxy)").get(open.group(1))
                .then().statusCode(200);
        assertThat(Db.count(db, "SELECT count(*) FROM tracking_event WHERE delivery_id = ? AND kind = 'open' "
                + "AND NOT machine", delivery)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM tracking_event WHERE delivery_id = ? AND kind = 'open'", delivery))
                .isEqualTo(3);

        RestAssured.given().redirects().follow(false).header("User-Agent", BROWSER).get(clickPath).then().statusCode(302)
                .header("Location", equalTo("https://example.com/story?a=1&b=2"));
        assertThat(Db.count(db, "SELECT count(*) FROM tracking_event WHERE delivery_id = ? AND kind = 'click' "
                + "AND NOT machine", delivery)).isOne();

        // a signed token for a link of another issue (this writer's own draft) is still refused: never an open redirect
        long otherIssue = as(token).body(Map.of("title", "Another", "bodyMarkdown", "x"))
                .post("/api/v1/publications/" + slug + "/issues").then().statusCode(201).extract().<Number>path("id")
                .longValue();
        long foreignLink = Db.count(db, "INSERT INTO issue_link (issue_id, url) VALUES (?, 'https://evil.example/') "
                + "RETURNING id", otherIssue);
        String forged = tokens.sign(LinkTracker.CLICK, delivery + ":" + foreignLink, null);
        RestAssured.given().redirects().follow(false).get("/t/c/" + forged).then().statusCode(404)
                .body("code", equalTo("link_not_found"));
        RestAssured.given().redirects().follow(false).get("/t/c/garbage.token").then().statusCode(404);
        RestAssured.given().get("/t/o/garbage.token").then().statusCode(200).contentType("image/gif");
        assertThat(Db.count(db, "SELECT count(*) FROM tracking_event WHERE delivery_id = ?", delivery)).isEqualTo(4);
    }

    @Test
    void anIssueTracksAtMostItsLimitOfDistinctLinksAndSendsTheRestPlain() throws Exception {
        String token = Api.writer("Linker").token();
        String slug = Api.publication(token);
        String email = Api.uniqueEmail("reader");
        as(token).body(Map.of("email", email, "name", "Reader")).post("/api/v1/publications/" + slug + "/subscribers")
                .then().statusCode(201);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < LinkTracker.MAX_LINKS_PER_ISSUE + 20; i++) {
            body.append("[link ").append(i).append("](https://example.com/page/").append(i).append(") ");
        }
        long issue = as(token).body(Map.of("title", "Many links", "bodyMarkdown", body.toString()))
                .post("/api/v1/publications/" + slug + "/issues").then().statusCode(201).extract().<Number>path("id")
                .longValue();
        as(token).body(Map.of()).post("/api/v1/publications/" + slug + "/issues/" + issue + "/send").then().statusCode(202);
        String html = Mailbox.catcher().await(m -> m.recipients().contains(email) && m.subject().equals("Many links"),
                Duration.ofSeconds(30)).orElseThrow().htmlPart().orElseThrow();

        assertThat(Db.count(db, "SELECT count(*) FROM issue_link WHERE issue_id = ?", issue))
                .isEqualTo(LinkTracker.MAX_LINKS_PER_ISSUE);
        assertThat(html).contains("href=\"https://example.com/page/" + (LinkTracker.MAX_LINKS_PER_ISSUE + 19) + "\"");
    }

    @Test
    void aPublicationWithTrackingOffSendsPlainLinksAndNoPixel() throws Exception {
        String token = Api.writer("Private").token();
        String slug = Api.publication(token);
        as(token).body(Map.of("tracking", false)).patch("/api/v1/publications/" + slug).then().statusCode(200)
                .body("tracking", equalTo(false));
        String email = Api.uniqueEmail("reader");
        as(token).body(Map.of("email", email)).post("/api/v1/publications/" + slug + "/subscribers").then().statusCode(201);
        String html = send(token, slug, email, "Untracked " + Instant.now().toEpochMilli()).htmlPart().orElseThrow();
        assertThat(html).contains("href=\"https://example.com/story?a=1&amp;b=2\"").doesNotContain("/t/c/")
                .doesNotContain("/t/o/");
    }
}
