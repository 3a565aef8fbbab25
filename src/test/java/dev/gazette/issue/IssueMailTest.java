package dev.gazette.issue;

import static dev.gazette.issue.IssueFixtures.createIssue;
import static dev.gazette.issue.IssueFixtures.createTemplate;
import static dev.gazette.issue.IssueFixtures.issuePath;
import static dev.gazette.testing.Api.anonymous;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.core.SignedTokens;
import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Mailbox;

@QuarkusTest
class IssueMailTest {

    @Inject
    SignedTokens tokens;

    @Inject
    IssueRenderer renderer;

    @Test
    void aTestSendDeliversExactlyThePreviewWithAKoreanSubjectIntact() throws Exception {
        Api.Account writer = Api.writer("Mailer");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub, Map.of("title", "AI 주간 소식 1호: 딥시크 🚀"));
        String html = as(writer.token()).get(issuePath(pub, id) + "/preview?format=html")
                .then().statusCode(200).contentType("text/html").extract().asString();
        String text = as(writer.token()).get(issuePath(pub, id) + "/preview?format=text")
                .then().statusCode(200).contentType("text/plain").extract().asString();

        // a test send goes to the writer's own address only
        String first = writer.email();
        as(writer.token()).body(Map.of("to", List.of(Api.uniqueEmail("second")))).post(issuePath(pub, id) + "/test")
                .then().statusCode(422).body("code", equalTo("test_recipient_not_own"));
        as(writer.token()).body(Map.of("to", List.of(first, first.toUpperCase(java.util.Locale.ROOT))))
                .post(issuePath(pub, id) + "/test")
                .then().statusCode(200).body("to.size()", equalTo(1)).body("warnings.size()", equalTo(0));

        CapturedMessage mail = Mailbox.awaitTo(first);
        assertThat(mail.recipients()).containsExactly(first);
        assertThat(mail.subject()).isEqualTo("[테스트] AI 주간 소식 1호: 딥시크 🚀");
        assertThat(mail.rawText()).containsPattern("(?m)^Subject: =\\?UTF-8\\?B\\?");
        // the mail client writes the sender's name as an encoded comment: "no-reply@gazette.localhost (=?UTF-8?...)"
        jakarta.mail.internet.InternetAddress from = new jakarta.mail.internet.InternetAddress(
                mail.mime().getHeader("From")[0]);
        assertThat(from.getAddress()).isEqualTo("no-reply@gazette.localhost"); // example.com is no verified domain of the writer
        assertThat(from.getPersonal()).isEqualTo("지은");
        assertThat(mail.header("Reply-To")).contains("reply@example.com");
        assertThat(mail.header("X-Gazette-Test")).contains("true");
        assertThat(normalize(mail.htmlPart().orElseThrow())).isEqualTo(normalize(html));
        assertThat(normalize(mail.textPart().orElseThrow())).isEqualTo(normalize(text));
    }

    @Test
    void theDefaultLayoutCarriesEveryPartOfTheLetter() {
        Api.Account writer = Api.writer("Layout");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub, Map.of("slug", "letter-one"));
        String html = as(writer.token()).get(issuePath(pub, id) + "/preview").then().statusCode(200).extract().asString();

        assertThat(html).contains("<html lang=\"ko\"").contains("AI 뉴스레터").contains("매주 읽는 AI 소식")
                .contains(">AI<").contains("AI 주간 소식 1호").contains("딥시크와 이번 주의 도구들")
                .contains("id=\"1-프롬프트-deepseek\"").contains("© 2026 AI 뉴스레터")
                .contains("웹에서 보기").contains("http://localhost:8080/p/" + pub + "/letter-one")
                .contains("이번 레터 어떠셨나요?").contains("?rating=good").contains("?rating=okay").contains("?rating=bad")
                .contains("댓글 남기기").containsPattern("/feedback/[A-Za-z0-9_.-]+/comments\"")
                .doesNotContain("작가에게 커피 보내기") // the publication takes no tips
                .contains("구독 해지").contains("구독 설정").contains("지은 &lt;letters@example.com&gt;")
                .contains("role=\"presentation\"").contains("prefers-color-scheme: dark")
                .contains("style=\"margin:0 0 16px;font-size:16px;line-height:1.7;\"");
        // the links are signed for their purpose and the sample subscriber
        assertThat(tokens.verify("subscriber-unsubscribe", token(html, "/unsubscribe/"))).contains("0");
        assertThat(tokens.verify("subscriber-preferences", token(html, "/preferences/"))).contains("0");
        assertThat(tokens.verify("feedback", token(html, "/feedback/"))).contains("0"); // a preview has no delivery
        assertThat(tokens.verify("subscriber-preferences", token(html, "/unsubscribe/"))).isEmpty();

        String text = as(writer.token()).get(issuePath(pub, id) + "/preview?format=text").asString();
        assertThat(text).contains("AI 주간 소식 1호").contains("1. 프롬프트: DeepSeek").contains("- 첫째 도구")
                .contains("구독 해지 (http://localhost:8080/unsubscribe/").contains("보낸 사람: 지은 <letters@example.com>")
                .doesNotContain("<p").doesNotContain("<a ").doesNotContain("&lt;");
    }

    @Test
    void anEnglishPublicationGetsEnglishTexts() {
        Api.Account writer = Api.writer("English");
        String slug = "pub-en-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> body = new java.util.HashMap<>(Api.publicationBody(slug));
        body.put("locale", "en");
        as(writer.token()).body(body).post("/api/v1/publications").then().statusCode(201);
        long id = createIssue(writer.token(), slug, Map.of("title", "Weekly AI"));
        String html = as(writer.token()).get(issuePath(slug, id) + "/preview").asString();
        assertThat(html).contains("<html lang=\"en\"").contains("Read on the web").contains("How was this letter?")
                .contains("Unsubscribe").contains("Leave a comment").doesNotContain("Send the writer a coffee");
    }

    @Test
    void aWriterTemplatePersonalizesAndTheRendererServesTheDeliveryEngine() {
        Api.Account writer = Api.writer("Personal");
        String pub = Api.publication(writer.token());
        long template = createTemplate(writer.token(), pub, """
                <html><body>
                <p>{subscriber.name}님, 안녕하세요! ({subscriber.attributes.plan or 'none'})</p>
                <h1>{issue.title}</h1>{issue.body}
                <a href="{links.unsubscribe}">그만 받기</a>
                </body></html>
                """);
        long id = createIssue(writer.token(), pub, Map.of("templateId", template));

        RenderedIssue rendered = renderer.render(id, new Recipient(42, "minji@example.com", "민지 <b>",
                Map.of("plan", "pro")));
        assertThat(rendered.subject()).isEqualTo("AI 주간 소식 1호");
        assertThat(rendered.html()).contains("<p>민지 &lt;b&gt;님, 안녕하세요! (pro)</p>");
        assertThat(rendered.text()).contains("민지 <b>님, 안녕하세요! (pro)");
        assertThat(rendered.unsubscribeUrl()).startsWith("http://localhost:8080/unsubscribe/");
        assertThat(tokens.verify("subscriber-unsubscribe",
                rendered.unsubscribeUrl().substring(rendered.unsubscribeUrl().lastIndexOf('/') + 1)))
                .contains("42");
        assertThat(rendered.html()).contains(rendered.unsubscribeUrl()).containsOnlyOnce("/unsubscribe/");
        assertThat(rendered.senderEmail()).isEqualTo("letters@example.com");
        assertThat(rendered.warnings()).isEmpty();
    }

    @Test
    void aLetterAbove102KilobytesCarriesTheClippingWarning() {
        Api.Account writer = Api.writer("Long");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub, Map.of("bodyMarkdown", "긴 문단입니다. ".repeat(9_000)));
        as(writer.token()).get(issuePath(pub, id) + "/preview").then().statusCode(200)
                .header("X-Gazette-Warnings", "gmail_clipping");
        assertThat(renderer.render(id, Recipient.sample("ko")).htmlBytes()).isGreaterThan(102 * 1024);
    }

    @Test
    void testSendsRefuseBadAddressesAndTooManyOfThem() {
        Api.Account writer = Api.writer("Picky");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub);
        as(writer.token()).body(Map.of("to", List.of("not an address"))).post(issuePath(pub, id) + "/test")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        as(writer.token()).body(Map.of("to", List.of())).post(issuePath(pub, id) + "/test")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        List<String> eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> Api.uniqueEmail("n" + i)).toList();
        as(writer.token()).body(Map.of("to", eleven)).post(issuePath(pub, id) + "/test")
                .then().statusCode(400).body("code", equalTo("too_many_recipients"));
        assertThat(Mailbox.to(eleven.get(0))).isEmpty();
        anonymous().body(Map.of("to", List.of("a@example.com"))).post(issuePath(pub, id) + "/test").then().statusCode(401);
    }

    private static String token(String html, String path) {
        Matcher m = Pattern.compile(Pattern.quote(path) + "([A-Za-z0-9_\\-.]+)").matcher(html);
        assertThat(m.find()).as(path).isTrue();
        return m.group(1);
    }

    private static String normalize(String s) {
        return s.replace("\r\n", "\n").strip();
    }
}
