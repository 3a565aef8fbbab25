package dev.gazette.delivery;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;

/** The progress contract, answered from the send's counters and its messages per second. */
@QuarkusTest
class SendProgressTest {

    @Test
    void progressCountsEveryRecipientAndItsRateComesFromTheLastSeconds() throws Exception {
        String token = Api.writer("Progress").token();
        String slug = Api.publication(token);
        for (int i = 0; i < 20; i++) {
            as(token).body(Map.of("email", Api.uniqueEmail("reader" + i), "name", "Reader"))
                    .post("/api/v1/publications/" + slug + "/subscribers").then().statusCode(201);
        }
        long issueId = as(token).body(Map.of("title", "Counted", "bodyMarkdown", "Hello"))
                .post("/api/v1/publications/" + slug + "/issues").then().statusCode(201).extract().<Number>path("id")
                .longValue();
        as(token).body(Map.of()).post("/api/v1/publications/" + slug + "/issues/" + issueId + "/send").then().statusCode(202);
        String path = "/api/v1/publications/" + slug + "/issues/" + issueId + "/progress";

        // once the seconds the messages went out in have passed, the rate is the 20 messages over 10 s
        JsonPath progress = await("sent, at 2 messages a second").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> as(token).get(path).then().statusCode(200).extract().jsonPath(),
                        p -> "sent".equals(p.getString("status")) && p.getDouble("rate") == 2.0);
        assertThat(progress.getMap("")).containsOnlyKeys("status", "total", "queued", "sent", "retrying", "failed",
                "skipped", "rate", "eta", "pauseReason");
        assertThat(progress.getString("status")).isEqualTo("sent");
        assertThat(progress.getDouble("rate")).isEqualTo(2.0);
        assertThat(progress.getInt("total")).isEqualTo(20);
        assertThat(progress.getInt("sent")).isEqualTo(20);
        assertThat(progress.getInt("queued")).isZero();
        assertThat(progress.getInt("retrying")).isZero();
        assertThat(progress.getInt("eta")).isZero();
    }
}
