package dev.gazette.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/** What strangers type comes out inert on the page, and the page's forms refuse cross-site posts. */
@QuarkusTest
class PageSafetyTest {

    static final List<String> XSS = List.of(
            "<script>alert(1)</script>",
            "<svg onload=alert(1)>",
            "<img src=x onerror=alert(1)>",
            "[click me](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">link</a>",
            "[entity](jav&#x61;script:alert(1))",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
            "<noscript><style></noscript><img src=x onerror=alert(1)></style>",
            "<style>body{display:none}</style>",
            "<p style=\"position:fixed;top:0\">covered</p>",
            "\"><script>alert(1)</script>",
            "x\" onmouseover=\"alert(1)",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "<form action=\"https://evil.example\"><button>win</button></form>",
            "**bold** and [a real link](https://example.com/ok)");

    @Inject
    DataSource db;

    @Test
    void anXssCorpusComesOutInertOnThePage() {
        Readers.Sent sent = Readers.sentIssue("Target");
        for (String attack : XSS) {
            Api.anonymous().body(Map.of("body", attack, "name", "<b onclick=x>Mallory\"'", "token", sent.readerToken()))
                    .post(sent.page() + "/comments").then().statusCode(201);
        }
        String html = Readers.browser(Api.randomClient()).get(sent.page()).then().statusCode(200).extract().asString();
        Document page = Jsoup.parse(html);
        Element comments = page.getElementById("comments");
        assertThat(comments.select(".comment")).hasSize(XSS.size());
        assertThat(comments.select("script, style, iframe, svg, math, img, form, noscript, object, embed")).isEmpty();
        for (Element element : comments.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                assertThat(attribute.getKey()).as("attribute on <%s>", element.tagName()).doesNotStartWith("on")
                        .isNotEqualTo("style");
                assertThat(attribute.getValue().toLowerCase().replaceAll("\\s", ""))
                        .doesNotContain("javascript:").doesNotContain("data:");
            }
        }
        // a script tag anywhere on the page is ours or none: no stranger's text made one
        assertThat(page.select("script")).extracting(script -> script.attr("src")).containsExactly("/assets/reader.js");
        assertThat(page.select("script").first().data()).isEmpty();
        assertThat(comments.select(".comment-body a[href]")).extracting(a -> a.attr("href"))
                .containsExactly("https://example.com/ok");
        assertThat(comments.select(".comment-body a[href]").first().attr("rel")).contains("nofollow");
        assertThat(comments.text()).contains("<b onclick=x>Mallory\"'"); // the name as text, escaped
    }

    @Test
    void aFormPostedWithoutThePagesTokenIsRefused() {
        Readers.Sent sent = Readers.sentIssue("Forged");
        String client = Api.randomClient();
        Readers.Page page = Readers.open(client, sent.page() + "?r=" + sent.readerToken(), null);
        assertThat(page.cookie()).isNotBlank();
        assertThat(page.csrf()).isNotBlank();
        Map<String, String> form = Map.of("body", "forged comment", "r", sent.readerToken());

        // no token, another browser's token, a token without its cookie: all refused, nothing written
        Readers.browser(client).contentType("application/x-www-form-urlencoded").cookie("gazette_form", page.cookie())
                .formParams(form).post(sent.page() + "/comments").then().statusCode(403).body("code", equalTo("csrf_failed"));
        Readers.Page other = Readers.open(Api.randomClient(), sent.page(), null);
        Readers.postForm(client, new Readers.Page(null, page.cookie(), other.csrf()), sent.page() + "/comments", form)
                .then().statusCode(403).body("code", equalTo("csrf_failed"));
        Readers.browser(client).contentType("application/x-www-form-urlencoded").formParam("csrf", page.csrf())
                .formParams(form).post(sent.page() + "/comments").then().statusCode(403);
        Readers.postForm(client, new Readers.Page(null, page.cookie(), "garbage"), sent.page() + "/like", Map.of())
                .then().statusCode(403).body("code", equalTo("csrf_failed"));
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE issue_id = ?", sent.issueId())).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM issue_like WHERE issue_id = ?", sent.issueId())).isZero();

        // the page's own form goes through, and back to the page
        String location = Readers.postForm(client, page, sent.page() + "/comments", form).then().statusCode(303)
                .extract().header("Location");
        assertThat(location).contains(sent.page() + "?r=").contains("#comment-");
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE issue_id = ? AND status = 'visible'", sent.issueId()))
                .isOne();
    }

    @Test
    void theWriterLoggedInOnTheSiteAnswersFromThePageAsTheWriter() {
        Readers.Sent sent = Readers.sentIssue("Answering");
        String client = Api.randomClient();
        String session = sent.writer().token();
        io.restassured.response.Response response = Readers.browser(client).cookie("gazette_session", session)
                .get(sent.page());
        String html = response.then().statusCode(200).extract().asString();
        assertThat(html).contains("id=\"comment-form\""); // shown to the writer, though only subscribers may comment
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(csrf.find()).isTrue();
        Readers.browser(client).cookie("gazette_session", session).cookie("gazette_form", response.getCookie("gazette_form"))
                .contentType("application/x-www-form-urlencoded").formParam("csrf", csrf.group(1))
                .formParam("body", "작가의 인사").post(sent.page() + "/comments").then().statusCode(303);
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE issue_id = ? AND account_id IS NOT NULL "
                + "AND status = 'visible'", sent.issueId())).isOne();
    }
}
