package dev.gazette.segment;

import static dev.gazette.segment.SegmentFixtures.all;
import static dev.gazette.segment.SegmentFixtures.members;
import static dev.gazette.segment.SegmentFixtures.segment;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;

/**
 * The engagement conditions follow what really happens, not rows a test writes: an issue sent by the
 * delivery engine, its send closed by the finisher, and a reader's open through the tracking pixel,
 * which the rollup's triggers turn into "received" and "opened".
 */
@QuarkusTest
class SegmentEngagementFlowTest {

    private static final Pattern OPEN = Pattern.compile("src=\"http://localhost:8080(/t/o/[^\"]+)\"");
    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15";

    @Inject
    DataSource db;

    @Test
    void aSentIssueAndAPersonsOpenMoveSubscribersBetweenNeverOpenedAndOpened() {
        String token = Api.writer("Engaged").token();
        String slug = Api.publication(token);
        String reader = Api.uniqueEmail("reader");
        String quiet = Api.uniqueEmail("quiet");
        for (String email : new String[]{reader, quiet}) {
            as(token).body(Map.of("email", email, "name", "Someone")).post("/api/v1/publications/" + slug + "/subscribers")
                    .then().statusCode(201);
        }
        Map<String, Object> neverOpened = all(Map.of("kind", "engagement", "op", "never_opened"));
        Map<String, Object> openedLast = all(Map.of("kind", "engagement", "op", "opened", "issues", 1));
        long never = segment(token, slug, "Never opened", neverOpened);
        long opened = segment(token, slug, "Opened the last", openedLast);
        assertThat(members(token, slug, never)).as("nothing received yet").isEmpty();

        long issue = as(token).body(Map.of("title", "Engagement flow", "bodyMarkdown", "Hello."))
                .post("/api/v1/publications/" + slug + "/issues").then().statusCode(201).extract().<Number>path("id")
                .longValue();
        as(token).body(Map.of()).post("/api/v1/publications/" + slug + "/issues/" + issue + "/send").then().statusCode(202);
        String html = Mailbox.catcher().await(m -> m.recipients().contains(reader) && m.subject().equals("Engagement flow"),
                Duration.ofSeconds(30)).orElseThrow().htmlPart().orElseThrow();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count(db, "SELECT count(*) FROM send WHERE issue_id = ? AND status = 'sent'", issue) == 1);
        assertThat(members(token, slug, never)).as("both received it, neither opened").isEqualTo(Set.of(reader, quiet));
        assertThat(members(token, slug, opened)).isEmpty();

        // a person's open, an hour after delivery (an open seconds after it is taken for a mail proxy's)
        Db.execute(db, "UPDATE delivery SET sent_at = now() - interval '1 hour' WHERE subscriber_id = "
                + "(SELECT id FROM subscriber WHERE email = ?)", reader);
        Matcher open = OPEN.matcher(html);
        assertThat(open.find()).isTrue();
        RestAssured.given().header("User-Agent", BROWSER).get(open.group(1)).then().statusCode(200);

        assertThat(members(token, slug, opened)).isEqualTo(Set.of(reader));
        assertThat(members(token, slug, never)).isEqualTo(Set.of(quiet));
        // an image proxy's open of the quiet reader's mail is no person's
        long quietDelivery = Db.count(db, "SELECT d.id FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id "
                + "WHERE s.email = ?", quiet);
        Db.execute(db, "INSERT INTO tracking_event (delivery_id, kind, machine, at) VALUES (?, 'open', true, now())",
                quietDelivery);
        assertThat(members(token, slug, never)).isEqualTo(Set.of(quiet));
    }
}
