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

/**
 * Who a send reaches: tags matched as subscribers' tags are stored; a send that would reach no one
 * refused, unless it is to be published on the web only.
 */
@QuarkusTest
class SendAudienceTest {

    @Inject
    DataSource db;

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

    @Test
    void aSendToEveryoneWhenNoOneCanBeMailedIsRefusedAndNothingChanges() {
        start();
        long issueId = issue();

        as(token).body(Map.of()).post(issuePath(issueId) + "/send").then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("empty_audience"));

        as(token).get(issuePath(issueId)).then().statusCode(200).body("status", equalTo("draft"))
                .body("webOnly", equalTo(false));
        assertThat(Db.count(db, "SELECT count(*) FROM issue_send_request WHERE issue_id = ?", issueId)).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM send WHERE issue_id = ?", issueId)).isZero();
    }

    @Test
    void webOnlyPublishesOnTheWebAndMailsNoOneWhateverTheAudience() {
        start();
        String title = "On the web only " + System.nanoTime();
        long empty = issue(title);
        String issueSlug = as(token).body(Map.of("webOnly", true)).post(issuePath(empty) + "/send").then().statusCode(202)
                .body("webOnly", equalTo(true)).extract().path("slug");
        awaitStatus(empty, "sent");
        Api.anonymous().get("/p/" + slug + "/" + issueSlug).then().statusCode(200);
        as(token).get(progress(empty)).then().body("total", equalTo(0)).body("sent", equalTo(0));
        assertThat(Mailbox.catcher().messages()).noneMatch(m -> m.subject().equals(title));

        // a reader who could be mailed is not: web only is the writer's choice, whatever the audience
        String reader = subscriber("reader", List.of("weekly"));
        long chosen = issue();
        as(token).body(Map.of("webOnly", true, "tags", List.of("weekly"))).post(issuePath(chosen) + "/send").then()
                .statusCode(202).body("tags", equalTo(List.of()));
        awaitStatus(chosen, "sent");
        assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ?",
                chosen)).isZero();
        assertThat(Mailbox.to(reader)).isEmpty();
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
        return issue("Tagged " + System.nanoTime());
    }

    private long issue(String title) {
        return as(token).body(Map.of("title", title, "bodyMarkdown", "Hello"))
                .post("/api/v1/publications/" + slug + "/issues").then().statusCode(201).extract().<Number>path("id")
                .longValue();
    }

    private io.restassured.response.Response send(long issueId, List<String> tags) {
        return as(token).body(Map.of("tags", tags)).post(issuePath(issueId) + "/send");
    }

    private String issuePath(long issueId) {
        return "/api/v1/publications/" + slug + "/issues/" + issueId;
    }

    private String progress(long issueId) {
        return "/api/v1/publications/" + slug + "/issues/" + issueId + "/progress";
    }

    private void awaitStatus(long issueId, String status) {
        await("issue " + issueId + " is " + status).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> as(token).get(progress(issueId)).path("status"), equalTo(status));
    }
}
