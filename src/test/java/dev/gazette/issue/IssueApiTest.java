package dev.gazette.issue;

import static dev.gazette.issue.IssueFixtures.createIssue;
import static dev.gazette.issue.IssueFixtures.issuePath;
import static dev.gazette.testing.Api.anonymous;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

@QuarkusTest
class IssueApiTest {

    @Inject
    DataSource db;

    @Inject
    IssueStates issueStates;

    @Test
    void aWriterDraftsListsEditsAndDeletesAnIssue() {
        Api.Account writer = Api.writer("Drafter");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub, Map.of("slug", "first-letter"));

        as(writer.token()).get(issuePath(pub, id)).then().statusCode(200)
                .body("status", equalTo("draft")).body("slug", equalTo("first-letter"))
                .body("title", equalTo("AI 주간 소식 1호")).body("templateId", nullValue())
                .body("webUrl", equalTo("http://localhost:8080/p/" + pub + "/first-letter"));
        as(writer.token()).get("/api/v1/publications/" + pub + "/issues").then().statusCode(200).body("$", hasSize(1));

        as(writer.token()).body(Map.of("title", "고친 제목", "category", "Tech")).patch(issuePath(pub, id))
                .then().statusCode(200).body("title", equalTo("고친 제목")).body("category", equalTo("Tech"))
                .body("subtitle", equalTo("딥시크와 이번 주의 도구들"));

        as(writer.token()).delete(issuePath(pub, id)).then().statusCode(204);
        as(writer.token()).get(issuePath(pub, id)).then().statusCode(404).body("code", equalTo("issue_not_found"));
    }

    @Test
    void slugsComeFromTitlesAreUniqueAndNeverASubPathName() {
        Api.Account writer = Api.writer("Slugger");
        String pub = Api.publication(writer.token());
        long a = createIssue(writer.token(), pub, Map.of("title", "Hello, World!"));
        long b = createIssue(writer.token(), pub, Map.of("title", "Hello world"));
        assertThat(as(writer.token()).get(issuePath(pub, a)).<String>path("slug")).isEqualTo("hello-world");
        assertThat(as(writer.token()).get(issuePath(pub, b)).<String>path("slug")).isEqualTo("hello-world-2");
        assertThat(as(writer.token()).get(issuePath(pub, createIssue(writer.token(), pub, Map.of("title", "주간 소식"))))
                .<String>path("slug"))
                .startsWith("issue-");

        for (String reserved : new String[]{"comments", "like", "tips", "notes", "subscribe", "feed.xml"}) {
            as(writer.token()).body(Map.of("title", "t", "slug", reserved)).post("/api/v1/publications/" + pub + "/issues")
                    .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("validation_failed"));
        }
        as(writer.token()).body(Map.of("title", "t", "slug", "hello-world")).post("/api/v1/publications/" + pub + "/issues")
                .then().statusCode(409).body("code", equalTo("issue_slug_taken"));
    }

    @Test
    void everyRouteIs401AnonymouslyAnd404ForAnotherWriterAndOpenToAnAdmin() {
        Api.Account owner = Api.writer("Owner");
        Api.Account other = Api.writer("Other");
        String pub = Api.publication(owner.token());
        long id = createIssue(owner.token(), pub);
        String issues = "/api/v1/publications/" + pub + "/issues";
        String[][] routes = {
                {"GET", issues}, {"POST", issues}, {"GET", issuePath(pub, id)}, {"PATCH", issuePath(pub, id)},
                {"DELETE", issuePath(pub, id)}, {"GET", issuePath(pub, id) + "/preview"},
                {"POST", issuePath(pub, id) + "/test"}, {"POST", issuePath(pub, id) + "/send"},
                {"POST", issuePath(pub, id) + "/cancel"}, {"GET", "/api/v1/publications/" + pub + "/templates"},
                {"POST", "/api/v1/publications/" + pub + "/templates"}};
        Map<String, Object> bodies = Map.of("title", "x");
        for (String[] route : routes) {
            Object body = route[1].endsWith("/test")
                    ? Map.of("to", java.util.List.of("a@example.com"))
                    : route[1].endsWith("/templates")
                            ? Map.of("name", "n", "source", "x")
                            : route[1].endsWith("/send") || route[1].endsWith("/cancel") ? Map.of() : bodies;
            anonymous().body(body).request(route[0], route[1]).then().statusCode(401)
                    .body("code", equalTo("unauthenticated"));
            as(other.token()).body(body).request(route[0], route[1]).then().statusCode(404)
                    .body("code", equalTo("publication_not_found"));
        }
        // the trailing-slash variant is no way around it either
        anonymous().get(issuePath(pub, id) + "/").then().statusCode(401);
        as(other.token()).get(issuePath(pub, id) + "/").then().statusCode(404);

        Api.Account admin = Api.admin();
        as(admin.token()).get(issuePath(pub, id)).then().statusCode(200).body("id", equalTo((int) id));
        as(admin.token()).get(issuePath(pub, id) + "/preview").then().statusCode(200);
        // an issue id of another publication is not found, even for its own writer
        String otherPub = Api.publication(other.token());
        as(other.token()).get(issuePath(otherPub, id)).then().statusCode(404).body("code", equalTo("issue_not_found"));
    }

    @Test
    void badInputGetsAProblemWithACodeAndChangesNothing() {
        Api.Account writer = Api.writer("Careful");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub, Map.of("slug", "kept"));
        String own = "SELECT count(*) FROM issue i JOIN publication p ON p.id = i.publication_id WHERE p.slug = ?";
        long before = Db.count(db, own, pub);

        // unknown template id, also one of another publication
        as(writer.token()).body(Map.of("title", "t", "templateId", 987654321)).post("/api/v1/publications/" + pub + "/issues")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("unknown_template"));
        Api.Account stranger = Api.writer("Stranger");
        long foreign = IssueFixtures.createTemplate(stranger.token(), Api.publication(stranger.token()),
                "<p>{issue.title}</p>");
        as(writer.token()).body(Map.of("templateId", foreign)).patch(issuePath(pub, id))
                .then().statusCode(422).body("code", equalTo("unknown_template"));

        // oversized body
        String huge = "가".repeat(200_001);
        as(writer.token()).body(Map.of("title", "t", "bodyMarkdown", huge)).post("/api/v1/publications/" + pub + "/issues")
                .then().statusCode(413).body("code", equalTo("body_too_large"));
        as(writer.token()).body(Map.of("bodyMarkdown", huge)).patch(issuePath(pub, id))
                .then().statusCode(413).body("code", equalTo("body_too_large"));

        // a line break in what becomes the subject
        as(writer.token()).body(Map.of("title", "Hi\r\nBcc: victim@example.com")).patch(issuePath(pub, id))
                .then().statusCode(400).body("code", equalTo("validation_failed"));

        // scheduling in the past
        as(writer.token()).body(Map.of("scheduledAt", "2020-01-01T09:00:00+09:00")).post(issuePath(pub, id) + "/send")
                .then().statusCode(422).body("code", equalTo("scheduled_in_past"));

        assertThat(Db.count(db, own, pub)).isEqualTo(before);
        as(writer.token()).get(issuePath(pub, id)).then().statusCode(200).body("status", equalTo("draft"))
                .body("templateId", nullValue()).body("bodyMarkdown", equalTo(IssueFixtures.KOREAN_BODY))
                .body("title", equalTo("AI 주간 소식 1호"));
    }

    @Test
    void aSentIssueCanNoLongerBeEditedDeletedOrSentAgain() {
        Api.Account writer = Api.writer("Sender");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub);
        IssueFixtures.publishOnWeb(writer.token(), pub, id);
        as(writer.token()).body(Map.of("title", "new")).patch(issuePath(pub, id))
                .then().statusCode(409).body("code", equalTo("issue_not_editable"));
        // the engine finishes this send to no one within moments; mark it sent now if it has not yet
        issueStates.sent(id, java.time.Instant.now());

        as(writer.token()).get(issuePath(pub, id)).then().statusCode(200).body("status", equalTo("sent"))
                .body("sentAt", startsWith("20"));
        as(writer.token()).body(Map.of("title", "new")).patch(issuePath(pub, id))
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("issue_not_editable"));
        as(writer.token()).delete(issuePath(pub, id)).then().statusCode(409).body("code", equalTo("issue_not_editable"));
        as(writer.token()).body(Map.of()).post(issuePath(pub, id) + "/send").then().statusCode(409)
                .body("code", equalTo("issue_not_sendable"));
        assertThat(Db.count(db, "SELECT count(*) FROM issue WHERE id = ? AND title = 'AI 주간 소식 1호'", id)).isOne();
    }
}
