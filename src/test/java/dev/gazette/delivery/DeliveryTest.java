package dev.gazette.delivery;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.TestDkim;

/** A send end to end, in process: audience, headers, DKIM, one-click unsubscribe, header injection. */
@QuarkusTest
class DeliveryTest {

    @Inject
    DataSource db;

    @Inject
    MeterRegistry registry;

    private String token;
    private String slug;

    private String subscriber(String name, boolean doubleOptIn) {
        String email = Api.uniqueEmail(name);
        as(token).body(Map.of("email", email, "name", name, "doubleOptIn", doubleOptIn))
                .post("/api/v1/publications/" + slug + "/subscribers").then().statusCode(201);
        return email;
    }

    private long issue(String title) {
        return as(token).body(Map.of("title", title, "subtitle", "부제목", "category", "AI",
                "bodyMarkdown", "## 1. 첫 번째 소식\n\n안녕하세요, **독자님**.\n\n[링크](https://example.com/story)"))
                .post("/api/v1/publications/" + slug + "/issues").then().statusCode(201).extract().<Number>path("id")
                .longValue();
    }

    private void sendAndAwait(long issueId, String status) {
        as(token).body(Map.of()).post("/api/v1/publications/" + slug + "/issues/" + issueId + "/send")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(
                () -> as(token).get("/api/v1/publications/" + slug + "/issues/" + issueId + "/progress").path("status"),
                equalTo(status));
    }

    @Test
    void aSendReachesEveryActiveSubscriberOnceWithSignedListHeaders() throws Exception {
        Api.Account writer = Api.writer("Sender");
        token = writer.token();
        slug = Api.publication(token);
        List<String> active = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            active.add(subscriber("reader" + i, false));
        }
        String pending = subscriber("pending", true);
        long issueId = issue("이번 주 AI 소식");
        double sentBefore = sentCounter();

        sendAndAwait(issueId, "sent");

        for (String address : active) {
            CapturedMessage message = Mailbox.catcher().await(m -> m.recipients().contains(address)
                    && m.subject().equals("이번 주 AI 소식"), Duration.ofSeconds(5)).orElseThrow();
            assertThat(Mailbox.to(address).stream().filter(m -> m.subject().equals("이번 주 AI 소식"))).hasSize(1);
            // letters@example.com is on no verified domain of the writer: the platform's address, the writer's name
            assertThat(message.from()).contains("지은").contains("<no-reply@gazette.localhost>");
            assertThat(message.header("Reply-To")).contains("reply@example.com");
            assertThat(message.header("Date")).isPresent();
            assertThat(message.header("List-Id")).contains("<" + slug + ".list.localhost>");
            assertThat(message.header("List-Unsubscribe")).get().asString()
                    .matches("<http://localhost:8080/unsubscribe/[^>]+>, <mailto:[^>]+>");
            assertThat(message.header("List-Unsubscribe-Post")).contains("List-Unsubscribe=One-Click");
            assertThat(message.header("Feedback-ID")).contains(issueId + ":" + publicationId() + ":issue:gazette");
            String messageId = message.header("Message-ID").orElseThrow();
            assertThat(messageId).endsWith("@gazette.localhost>");
            assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id "
                    + "WHERE s.email = ? AND d.message_id = ? AND d.status = 'sent' AND d.last_code = 250", address,
                    messageId)).isOne();
            assertThat(message.htmlPart()).get().asString().contains("독자님");
            assertThat(message.textPart()).get().asString().contains("독자님");
            assertDkimVerifies(message.raw());
            assertDkimFails(new String(message.raw(), java.nio.charset.StandardCharsets.UTF_8)
                    .replaceFirst("List-Unsubscribe: <", "List-Unsubscribe: <https://evil.example/"));
        }
        assertThat(Mailbox.to(pending)).noneMatch(m -> m.subject().equals("이번 주 AI 소식"));
        as(token).get("/api/v1/publications/" + slug + "/issues/" + issueId + "/progress").then()
                .body("total", equalTo(3)).body("sent", equalTo(3)).body("queued", equalTo(0))
                .body("failed", equalTo(0));
        // once sent, the issue is in the publication's public archive
        RestAssured.get("/p/" + slug).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("지난 레터"))
                .body(org.hamcrest.Matchers.containsString("이번 주 AI 소식"));
        // this send's three messages are counted (other tests' sends may add more, never fewer)
        assertThat(sentCounter() - sentBefore).as("messages of this send counted as sent").isGreaterThanOrEqualTo(3);
        assertThat(registry.find("gazette.delivery.queue.depth").gauge()).isNotNull();
        assertThat(registry.find("gazette.delivery.in.flight").gauge()).isNotNull();
    }

    @Test
    void theOneClickUnsubscribeInTheHeaderWorksWithoutACookieAndTheNextSendSkipsTheAddress() throws Exception {
        token = Api.writer("Clicker").token();
        slug = Api.publication(token);
        String leaving = subscriber("leaving", false);
        String staying = subscriber("staying", false);
        sendAndAwait(issue("첫 호"), "sent");
        CapturedMessage first = Mailbox.awaitTo(leaving);
        String header = first.header("List-Unsubscribe").orElseThrow();
        String url = header.substring(1, header.indexOf('>')).replace("http://localhost:8080", "");

        // the provider's POST: no cookie, no page, the RFC 8058 body
        RestAssured.given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post(url).then().statusCode(200);
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ? AND status = 'unsubscribed'", leaving))
                .isOne();

        sendAndAwait(issue("둘째 호"), "sent");
        Mailbox.catcher().await(m -> m.recipients().contains(staying) && m.subject().equals("둘째 호"),
                Duration.ofSeconds(5)).orElseThrow();
        assertThat(Mailbox.to(leaving)).noneMatch(m -> m.subject().equals("둘째 호"));
    }

    @Test
    void aSubjectWithALineBreakNeverReachesTheWire() throws Exception {
        token = Api.writer("Injector").token();
        slug = Api.publication(token);
        String reader = subscriber("reader", false);
        as(token).body(Map.of("title", "Hello\r\nBcc: victim@example.org", "bodyMarkdown", "x"))
                .post("/api/v1/publications/" + slug + "/issues").then().statusCode(400);

        long issueId = issue("Innocent");
        // a title that got past every check (an old row, a direct edit) still cannot inject a header
        try (var c = db.getConnection(); var s = c.prepareStatement("UPDATE issue SET title = ? WHERE id = ?")) {
            s.setString(1, "Innocent\r\nBcc: victim@example.org");
            s.setLong(2, issueId);
            s.executeUpdate();
        }
        sendAndAwait(issueId, "paused");
        as(token).get("/api/v1/publications/" + slug + "/issues/" + issueId + "/progress").then()
                .body("pauseReason", org.hamcrest.Matchers.containsStringIgnoringCase("line break"))
                .body("sent", equalTo(0));
        // the message was refused before it was built: the relay never answered for any row
        assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ?",
                issueId)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ? "
                + "AND (d.status <> 'queued' OR d.last_code IS NOT NULL OR d.sent_at IS NOT NULL)", issueId)).isZero();
        assertThat(Mailbox.to(reader)).isEmpty();
        assertThat(Mailbox.to("victim@example.org")).isEmpty();
        assertThat(Mailbox.catcher().messages()).noneMatch(m -> m.rawText().contains("victim@example.org"));
    }

    private double sentCounter() {
        return registry.find("gazette.delivery.sent").counter().count();
    }

    private long publicationId() {
        return Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug);
    }

    private static void assertDkimVerifies(byte[] raw) throws Exception {
        DKIMVerifier verifier = new DKIMVerifier(retriever());
        assertThat(verifier.verify(new ByteArrayInputStream(raw))).isNotEmpty();
        String signature = new String(raw, java.nio.charset.StandardCharsets.UTF_8).replace("\r\n\t", " ")
                .replace("\r\n ", " ").lines().filter(l -> l.startsWith("DKIM-Signature:")).findFirst().orElseThrow()
                .toLowerCase();
        assertThat(signature).contains("list-unsubscribe").contains("list-unsubscribe-post").contains("c=relaxed/relaxed");
    }

    private static void assertDkimFails(String tampered) {
        DKIMVerifier verifier = new DKIMVerifier(retriever());
        // a changed List-Unsubscribe breaks the signature: jDKIM's permanent failure, nothing else
        assertThatThrownBy(() -> verifier.verify(new ByteArrayInputStream(tampered.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)))).isInstanceOf(PermFailException.class)
                .hasMessageContaining("Header signature does not verify");
    }

    private static PublicKeyRecordRetriever retriever() {
        return (method, selector, domain) -> {
            assertThat(selector.toString()).isEqualTo("test");
            assertThat(domain.toString()).isEqualTo("example.com");
            return List.of("v=DKIM1; k=rsa; p=" + TestDkim.PLATFORM_PUBLIC_KEY);
        };
    }
}
