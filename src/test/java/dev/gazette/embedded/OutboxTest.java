package dev.gazette.embedded;

import static dev.gazette.testing.Api.anonymous;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Mailbox;

/** The embedded catcher is a real SMTP server, and admins read what it caught on the outbox. */
@QuarkusTest
class OutboxTest {

    @Inject
    Mailer mailer;

    @Test
    void aMessageSentOverSmtpIsCapturedWithItsPartsAndHeaders() {
        String to = Api.uniqueEmail("reader");
        mailer.send(Mail.withHtml(to, "이번 주 AI 소식 — 1호", "<p>안녕하세요 <b>독자님</b></p>")
                .setText("안녕하세요 독자님")
                .addHeader("List-Id", "<ai-news.gazette.localhost>"));

        CapturedMessage message = Mailbox.catcher()
                .await(m -> m.recipients().contains(to), Duration.ofSeconds(5)).orElseThrow();
        assertThat(message.subject()).isEqualTo("이번 주 AI 소식 — 1호");
        assertThat(message.rawText()).doesNotContain("이번 주"); // encoded on the wire (RFC 2047), decoded here
        assertThat(message.htmlPart()).get().asString().contains("<b>독자님</b>");
        assertThat(message.textPart()).get().asString().contains("안녕하세요 독자님");
        assertThat(message.header("List-Id")).contains("<ai-news.gazette.localhost>");
        assertThat(message.header("Message-ID")).get().asString().endsWith("@gazette.localhost>");

        String admin = Api.admin().token();
        as(admin).get("/api/v1/admin/outbox").then().statusCode(200).body("subject", hasItem("이번 주 AI 소식 — 1호"));
        as(admin).get("/api/v1/admin/outbox/" + message.id()).then().statusCode(200)
                .body("html", containsString("<b>독자님</b>")).body("text", containsString("안녕하세요 독자님"))
                .body("headers.find { it.name == 'List-Id' }.value", equalTo("<ai-news.gazette.localhost>"));

        // the page, for an admin with the session cookie: escaped, and the mail in a sandboxed frame
        String page = RestAssured.given().cookie("gazette_session", admin).get("/admin/outbox/" + message.id())
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertThat(page).contains("이번 주 AI 소식 — 1호").contains("sandbox=\"\"").contains("&lt;b&gt;독자님&lt;/b&gt;");
        RestAssured.given().cookie("gazette_session", admin).get("/admin/outbox").then().statusCode(200)
                .body(containsString("/admin/outbox/" + message.id()));
    }

    @Test
    void theOutboxIsForAdminsOnly() {
        String writer = Api.writer("Curious").token();
        as(writer).get("/api/v1/admin/outbox").then().statusCode(403).body("code", equalTo("forbidden"));
        as(writer).get("/api/v1/admin/outbox/1").then().statusCode(403);
        anonymous().get("/api/v1/admin/outbox").then().statusCode(401).body("code", equalTo("unauthenticated"));
        RestAssured.given().cookie("gazette_session", writer).get("/admin/outbox").then().statusCode(403);
        // a page without a session goes to the login form
        RestAssured.given().redirects().follow(false).get("/admin/outbox").then().statusCode(303)
                .header("Location", containsString("/login?next=%2Fadmin%2Foutbox"));
    }

    @Test
    void anUnknownMessageIs404() {
        as(Api.admin().token()).get("/api/v1/admin/outbox/999999999").then().statusCode(404)
                .body("code", equalTo("message_not_found"));
    }
}
