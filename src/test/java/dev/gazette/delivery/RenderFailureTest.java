package dev.gazette.delivery;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;

/** A recipient whose message cannot be rendered fails once with the reason; the send pauses, and never loops. */
@QuarkusTest
class RenderFailureTest {

    @Inject
    DataSource db;

    @Test
    void aMessageThatCannotBeRenderedFailsOnceAndPausesTheSendWithTheReason() throws Exception {
        String token = Api.writer("Render").token();
        String slug = Api.publication(token);
        String base = "/api/v1/publications/" + slug;
        // the loop goes over the render's iteration limit for the one subscriber who has "huge"
        long template = as(token).body(Map.of("name", "Per reader", "source",
                "<p>{issue.title}</p>{#if subscriber.attributes.huge}{#for i in 50000}x{/for}{/if}"))
                .post(base + "/templates").then().statusCode(201).extract().<Number>path("id").longValue();
        String broken = Api.uniqueEmail("broken");
        as(token).body(Map.of("email", broken, "name", "Broken", "attributes", Map.of("huge", true)))
                .post(base + "/subscribers").then().statusCode(201);
        List<String> fine = List.of(Api.uniqueEmail("fine1"), Api.uniqueEmail("fine2"));
        for (String email : fine) {
            as(token).body(Map.of("email", email, "name", "Fine")).post(base + "/subscribers").then().statusCode(201);
        }
        long issueId = as(token).body(Map.of("title", "Rendered per reader", "bodyMarkdown", "Hello", "templateId", template))
                .post(base + "/issues").then().statusCode(201).extract().<Number>path("id").longValue();
        String issue = base + "/issues/" + issueId;

        as(token).body(Map.of()).post(issue + "/send").then().statusCode(202);
        awaitStatus(token, issue, "paused");
        assertThat(as(token).get(issue + "/progress").<String>path("pauseReason")).startsWith("rendering failed");
        // the row's outcome is written with the worker's next batch, which may come just after the pause
        await("the broken row failed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> Db.count(db, "SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id "
                        + "JOIN subscriber x ON x.id = d.subscriber_id WHERE s.issue_id = ? AND x.email = ? "
                        + "AND d.status = 'failed' AND d.last_reply LIKE 'rendering failed%'", issueId, broken),
                        equalTo(1L));

        // once the writer has looked, the others get theirs; the failed one does not come back
        as(token).body(Map.of()).post(issue + "/resume").then().statusCode(202);
        awaitStatus(token, issue, "sent");
        for (String email : fine) {
            assertThat(Mailbox.to(email)).hasSize(1);
        }
        assertThat(Mailbox.to(broken)).isEmpty();
        assertThat(as(token).get(issue + "/progress").<Integer>path("failed")).isEqualTo(1);
    }

    private static void awaitStatus(String token, String issue, String status) {
        await(issue + " is " + status).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> as(token).get(issue + "/progress").path("status"), equalTo(status));
    }
}
