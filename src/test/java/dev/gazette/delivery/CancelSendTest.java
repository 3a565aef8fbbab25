package dev.gazette.delivery;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;

/** Cancelling a send already under way: what went out stays out, nothing more is sent. */
@QuarkusTest
class CancelSendTest {

    private static final int AUDIENCE = 300;

    @Inject
    DataSource db;

    @Test
    void cancellingAStartedSendSkipsEveryMessageNotYetSent() {
        String token = Api.writer("Cancel").token();
        String slug = Api.publication(token);
        String base = "/api/v1/publications/" + slug;
        // the first subscriber's message cannot be rendered: the send pauses at once with most of
        // its rows still queued, a state a cancel then finds every time
        long template = as(token).body(Map.of("name", "Per reader", "source",
                "<p>{issue.title}</p>{#if subscriber.attributes.huge}{#for i in 50000}x{/for}{/if}"))
                .post(base + "/templates").then().statusCode(201).extract().<Number>path("id").longValue();
        as(token).body(Map.of("email", Api.uniqueEmail("first"), "attributes", Map.of("huge", true)))
                .post(base + "/subscribers").then().statusCode(201);
        List<String> audience = new ArrayList<>();
        StringBuilder csv = new StringBuilder("email\n");
        for (int i = 0; i < AUDIENCE; i++) {
            String email = Api.uniqueEmail("reader" + i);
            audience.add(email);
            csv.append(email).append('\n');
        }
        as(token).contentType("text/csv").body(csv.toString()).post(base + "/subscribers/import").then().statusCode(200)
                .body("created", equalTo(AUDIENCE));
        long issueId = as(token).body(Map.of("title", "Soon cancelled", "bodyMarkdown", "Hello", "templateId", template))
                .post(base + "/issues").then().statusCode(201).extract().<Number>path("id").longValue();
        String issue = base + "/issues/" + issueId;

        as(token).body(Map.of()).post(issue + "/send").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "paused".equals(as(token).get(issue + "/progress").path("status")));

        as(token).post(issue + "/cancel").then().statusCode(200).body("status", equalTo("cancelled"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(db,
                "SELECT count(*) FROM send WHERE issue_id = ? AND status = 'cancelled'", issueId) == 1);

        Map<String, Object> progress = as(token).get(issue + "/progress").then().statusCode(200).extract().path("");
        assertThat(progress).containsEntry("status", "cancelled").containsEntry("queued", 0).containsEntry("retrying", 0);
        int sent = ((Number) progress.get("sent")).intValue();
        int skipped = ((Number) progress.get("skipped")).intValue();
        assertThat(skipped).as("messages skipped by the cancel").isPositive();
        assertThat(sent + skipped + ((Number) progress.get("failed")).intValue()).isEqualTo(AUDIENCE + 1);
        assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ? "
                + "AND d.status = 'skipped' AND d.last_reply = 'cancelled'", issueId)).isEqualTo(skipped);
        // exactly the messages recorded as sent reached the relay, and a cancelled send cannot resume
        as(token).post(issue + "/resume").then().statusCode(409);
        assertThat(audience.stream().mapToLong(email -> Mailbox.to(email).size()).sum()).isEqualTo(sent);
        as(token).post(issue + "/cancel").then().statusCode(409).body("code", equalTo("issue_not_cancellable"));
    }
}
