package dev.gazette.delivery;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;

/** {@code GET .../progress/stream}: the send's progress as server-sent events, until the send is over. */
@QuarkusTest
class ProgressStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    DataSource db;

    private static String subscriber(String token, String slug) {
        String email = Api.uniqueEmail("reader");
        as(token).body(Map.of("email", email, "name", "Reader")).post("/api/v1/publications/" + slug + "/subscribers")
                .then().statusCode(201);
        return email;
    }

    private static long issue(String token, String slug, String title) {
        return as(token).body(Map.of("title", title, "bodyMarkdown", "Hello")).post("/api/v1/publications/" + slug + "/issues")
                .then().statusCode(201).extract().<Number>path("id").longValue();
    }

    private static HttpResponse<Stream<String>> open(String token, String slug, long issueId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + "/api/v1/publications/" + slug + "/issues/" + issueId + "/progress/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
    }

    private static JsonNode data(String line) {
        try {
            return JSON.readTree(line.substring("data:".length()).trim());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    @Test
    void theStreamFollowsASendAndEndsWithItsFinalCounts() throws Exception {
        String token = Api.writer("Streamer").token();
        String slug = Api.publication(token);
        for (int i = 0; i < 3; i++) {
            subscriber(token, slug);
        }
        long issueId = issue(token, slug, "Streamed");
        as(token).body(Map.of()).post("/api/v1/publications/" + slug + "/issues/" + issueId + "/send").then().statusCode(202);

        HttpResponse<Stream<String>> response = open(token, slug, issueId);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        // the stream closes by itself once the send is over; the deadline only guards a hang
        List<JsonNode> events = CompletableFuture.supplyAsync(
                () -> response.body().filter(l -> l.startsWith("data:")).map(ProgressStreamTest::data).toList())
                .get(30, TimeUnit.SECONDS);

        assertThat(events).isNotEmpty();
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("status").asText()).isEqualTo("sent");
        assertThat(last.get("total").asLong()).isEqualTo(3);
        assertThat(last.get("sent").asLong()).isEqualTo(3);
        assertThat(last.get("queued").asLong()).isZero();
        long previous = 0;
        for (JsonNode event : events) {
            assertThat(event.get("status").asText()).isIn("sending", "sent");
            assertThat(event.get("sent").asLong()).as("sent never goes back").isGreaterThanOrEqualTo(previous);
            previous = event.get("sent").asLong();
        }
    }

    @Test
    void aPausedSendStreamsItsPauseReasonAndTheStreamStaysOpen() throws Exception {
        String token = Api.writer("Paused").token();
        String slug = Api.publication(token);
        subscriber(token, slug);
        long issueId = issue(token, slug, "Innocent");
        // a title that got past every check pauses the send when its message is built
        try (var c = db.getConnection(); var s = c.prepareStatement("UPDATE issue SET title = ? WHERE id = ?")) {
            s.setString(1, "Innocent\r\nBcc: victim@example.org");
            s.setLong(2, issueId);
            s.executeUpdate();
        }
        as(token).body(Map.of()).post("/api/v1/publications/" + slug + "/issues/" + issueId + "/send").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> as(token)
                .get("/api/v1/publications/" + slug + "/issues/" + issueId + "/progress").path("status"), equalTo("paused"));

        HttpResponse<Stream<String>> response = open(token, slug, issueId);
        try (Stream<String> lines = response.body()) {
            // a paused send is not over: the first two events come, a second apart, and the stream goes on
            List<JsonNode> events = CompletableFuture.supplyAsync(
                    () -> lines.filter(l -> l.startsWith("data:")).limit(2).map(ProgressStreamTest::data).toList())
                    .get(30, TimeUnit.SECONDS);
            assertThat(events).hasSize(2).allSatisfy(event -> {
                assertThat(event.get("status").asText()).isEqualTo("paused");
                assertThat(event.get("pauseReason").asText()).containsIgnoringCase("line break");
                assertThat(event.get("sent").asLong()).isZero();
            });
        }
    }

    @Test
    void anotherWritersSendIsNotFoundBeforeAnyEvent() throws Exception {
        String owner = Api.writer("Owner").token();
        String slug = Api.publication(owner);
        long issueId = issue(owner, slug, "Private");
        String stranger = Api.writer("Stranger").token();

        HttpResponse<Stream<String>> response = open(stranger, slug, issueId);
        try (Stream<String> body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(String.join("\n", body.toList())).contains("\"code\":\"publication_not_found\"");
        }
    }
}
