package dev.gazette.delivery;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Mailbox;

/** Who a send reaches: tags matched as subscribers' tags are stored, and a send to tags that reach no one refused. */
@QuarkusTest
class SendAudienceTest {

    private String token;
    private String slug;

    @Test
    void tagsOfASendAreMatchedAsSubscribersTagsAreStored() throws Exception {
        start();
        String vip = subscriber("vip", List.of("VIP"));
        String other = subscriber("other", List.of("other"));
        String untagged = subscriber("untagged", List.of());
        long issueId = issue();

        send(issueId, List.of(" Vip ")).then().statusCode(202);
        awaitStatus(issueId, "sent");

        assertThat(Mailbox.to(vip)).hasSize(1);
        assertThat(Mailbox.to(other)).isEmpty();
        assertThat(Mailbox.to(untagged)).isEmpty();
        as(token).get(progress(issueId)).then().statusCode(200).body("total", equalTo(1)).body("sent", equalTo(1));
    }

    @Test
    void aSendToTagsThatReachNoOneIsRefusedAndTheIssueStaysADraft() throws Exception {
        start();
        String reader = subscriber("reader", List.of("weekly"));
        long issueId = issue();

        send(issueId, List.of("nobody")).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("empty_audience"));
        as(token).get("/api/v1/publications/" + slug + "/issues/" + issueId).then().statusCode(200)
                .body("status", equalTo("draft"));

        send(issueId, List.of("Weekly")).then().statusCode(202);
        awaitStatus(issueId, "sent");
        assertThat(Mailbox.to(reader)).hasSize(1);
    }

    private void start() {
        token = Api.writer("Audience").token();
        slug = Api.publication(token);
    }

    private String subscriber(String name, List<String> tags) {
        String email = Api.uniqueEmail(name);
        as(token).body(Map.of("email", email, "name", name, "tags", tags))
                .post("/api/v1/publications/" + slug + "/subscribers").then().statusCode(201);
        return email;
    }

    private long issue() {
        return as(token).body(Map.of("title", "Tagged", "bodyMarkdown", "Hello"))
                .post("/api/v1/publications/" + slug + "/issues").then().statusCode(201).extract().<Number>path("id")
                .longValue();
    }

    private io.restassured.response.Response send(long issueId, List<String> tags) {
        return as(token).body(Map.of("tags", tags)).post("/api/v1/publications/" + slug + "/issues/" + issueId + "/send");
    }

    private String progress(long issueId) {
        return "/api/v1/publications/" + slug + "/issues/" + issueId + "/progress";
    }

    private void awaitStatus(long issueId, String status) {
        await("issue " + issueId + " is " + status).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> as(token).get(progress(issueId)).path("status"), equalTo(status));
    }
}
