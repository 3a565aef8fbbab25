package dev.gazette.issue;

import static dev.gazette.issue.IssueFixtures.createIssue;
import static dev.gazette.issue.IssueFixtures.issuePath;
import static dev.gazette.issue.IssueFixtures.publishOnWeb;
import static dev.gazette.testing.Api.anonymous;
import static dev.gazette.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

@QuarkusTest
class IssueWebTest {

    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @Inject
    DataSource db;

    @Inject
    IssueStates issueStates;

    @Inject
    IssueArchive archive;

    @Inject
    ViewCounter views;

    @Test
    void onlyPublishedIssuesAreOnTheWeb() {
        Api.Account writer = Api.writer("Web");
        String pub = Api.publication(writer.token());
        createIssue(writer.token(), pub, Map.of("slug", "draft-one"));
        long scheduled = createIssue(writer.token(), pub, Map.of("slug", "scheduled-one"));
        // scheduled to be published on the web only (this publication has no subscriber): not on the web before its time
        as(writer.token()).body(Map.of("scheduledAt", Instant.now().plus(3, ChronoUnit.DAYS).toString(), "webOnly", true))
                .post(issuePath(pub, scheduled) + "/send").then().statusCode(202);
        long cancelled = createIssue(writer.token(), pub, Map.of("slug", "cancelled-one"));
        as(writer.token()).body(Map.of("scheduledAt", Instant.now().plus(3, ChronoUnit.DAYS).toString(), "webOnly", true))
                .post(issuePath(pub, cancelled) + "/send").then().statusCode(202);
        as(writer.token()).post(issuePath(pub, cancelled) + "/cancel").then().statusCode(200);

        for (String slug : List.of("draft-one", "scheduled-one", "cancelled-one", "no-such-issue")) {
            anonymous().get("/p/" + pub + "/" + slug).then().statusCode(404).body("code", equalTo("issue_not_found"));
            // the writer's own session sees no draft on the public page either
            as(writer.token()).get("/p/" + pub + "/" + slug).then().statusCode(404);
        }
        anonymous().get("/p/no-such-publication/draft-one").then().statusCode(404);
        long sent = createIssue(writer.token(), pub, Map.of("slug", "sent-one"));
        publishOnWeb(writer.token(), pub, sent);
        anonymous().header("User-Agent", BROWSER).get("/p/" + pub + "/sent-one").then().statusCode(200);
        assertThat(archive.sentIssues(publicationId(pub))).extracting(ArchivedIssue::slug).containsExactly("sent-one");
    }

    @Test
    void theWebVersionShowsTheLetterLikeTheSeedPage() {
        Api.Account writer = Api.writer("Seed");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub, Map.of("slug", "deepseek"));
        String image = upload(writer.token(), pub, id, PNG, "image/png").then().statusCode(201).extract().path("url");
        as(writer.token()).body(Map.of("bodyMarkdown", IssueFixtures.KOREAN_BODY + "\n![차트](" + image + ")\n"))
                .patch(issuePath(pub, id)).then().statusCode(200);
        publishOnWeb(writer.token(), pub, id);
        issueStates.sent(id, java.time.Instant.now());

        String html = anonymous().header("User-Agent", BROWSER).get("/p/" + pub + "/deepseek").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        String canonical = "http://localhost:8080/p/" + pub + "/deepseek";
        assertThat(html).contains("<html lang=\"ko\">").contains("AI 뉴스레터").contains(">AI<")
                .contains("AI 주간 소식 1호").contains("딥시크와 이번 주의 도구들").contains("조회수 <span id=\"view-count\">0</span>")
                .contains("좋아요 <span data-like-count>0</span>")
                .contains("<h2 id=\"1-프롬프트-deepseek\">").contains("href=\"#1-프롬프트-deepseek\"")
                .contains("<img src=\"" + image + "\" alt=\"차트\"").contains("© 2026 AI 뉴스레터")
                .contains("구독하고 다음 레터 받아보기").contains("action=\"/p/" + pub + "/subscribe\"")
                .contains("id=\"feedback\"").contains("id=\"tip\"").contains("id=\"note\"").contains("id=\"comments\"")
                .contains("<link rel=\"canonical\" href=\"" + canonical + "\">")
                .contains("<meta property=\"og:title\" content=\"AI 주간 소식 1호\">")
                .contains("<meta property=\"og:url\" content=\"" + canonical + "\">")
                .contains("<meta property=\"og:image\" content=\"" + image + "\">")
                .contains("<meta property=\"og:description\" content=\"딥시크와 이번 주의 도구들\">");
    }

    @Test
    void viewsCountPeopleOncePerWindowAndNeverRobots() {
        Api.Account writer = Api.writer("Counter");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub, Map.of("slug", "counted"));
        publishOnWeb(writer.token(), pub, id);
        String page = "/p/" + pub + "/counted";

        String reader = Api.randomClient();
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", reader).header("User-Agent", BROWSER).get(page).then().statusCode(200);
        }
        given().header("X-Forwarded-For", Api.randomClient()).header("User-Agent", BROWSER).get(page).then().statusCode(200);
        for (String robot : List.of("Googlebot/2.1 (+http://www.google.com/bot.html)", "facebookexternalhit/1.1",
                "curl/8.5.0", "")) {
            given().header("X-Forwarded-For", Api.randomClient()).header("User-Agent", robot).get(page)
                    .then().statusCode(200);
        }
        given().header("X-Forwarded-For", Api.randomClient()).header("User-Agent", BROWSER).head(page)
                .then().statusCode(200);
        views.flush(); // what the next second would write
        assertThat(Db.count(db, "SELECT view_count FROM issue WHERE id = ?", id)).isEqualTo(2);
        // the page's beacon counts the same reader once too
        given().header("X-Forwarded-For", reader).header("User-Agent", BROWSER).post(page + "/seen").then().statusCode(200);
        views.flush();
        assertThat(Db.count(db, "SELECT view_count FROM issue WHERE id = ?", id)).isEqualTo(2);
        as(writer.token()).get(issuePath(pub, id)).then().body("viewCount", equalTo(2));
    }

    @Test
    void theAtomFeedIsValidXmlListingPublishedIssuesOnly() throws Exception {
        Api.Account writer = Api.writer("Feeder");
        String pub = Api.publication(writer.token());
        createIssue(writer.token(), pub, Map.of("slug", "hidden-draft", "title", "초안"));
        long first = createIssue(writer.token(), pub, Map.of("slug", "first", "title", "첫 레터 <&> \"따옴표\""));
        publishOnWeb(writer.token(), pub, first);
        issueStates.sent(first, java.time.Instant.now());
        long second = createIssue(writer.token(), pub, Map.of("slug", "second", "title", "둘째 레터"));
        publishOnWeb(writer.token(), pub, second);

        Response feed = anonymous().get("/p/" + pub + "/feed.xml");
        feed.then().statusCode(200).contentType(startsWith("application/atom+xml"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xml = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(feed.asString().getBytes(StandardCharsets.UTF_8)));
        Element root = xml.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("feed");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        NodeList entries = root.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        assertThat(entries.getLength()).isEqualTo(2);
        List<String> titles = new java.util.ArrayList<>();
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            titles.add(entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title").item(0).getTextContent());
            assertThat(entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "updated").item(0).getTextContent())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        }
        assertThat(titles).containsExactlyInAnyOrder("첫 레터 <&> \"따옴표\"", "둘째 레터");
        assertThat(feed.asString()).doesNotContain("초안");
        anonymous().get("/p/no-such-publication/feed.xml").then().statusCode(404);
    }

    @Test
    void imagesAreStoredServedWithCachingAndCheckedBySizeAndContent() {
        Api.Account writer = Api.writer("Painter");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub);

        Response stored = upload(writer.token(), pub, id, PNG, "application/octet-stream");
        stored.then().statusCode(201).body("contentType", equalTo("image/png")).body("size", equalTo(PNG.length));
        String url = stored.path("url");
        assertThat(url).startsWith("http://localhost:8080/images/").endsWith(".png");
        String path = url.substring("http://localhost:8080".length());
        Response served = anonymous().get(path);
        served.then().statusCode(200).contentType("image/png")
                .header("Cache-Control", containsString("max-age=31536000"))
                .header("Cache-Control", containsString("immutable"))
                .header("X-Content-Type-Options", "nosniff");
        assertThat(served.asByteArray()).isEqualTo(PNG);
        anonymous().header("If-None-Match", served.header("ETag")).get(path).then().statusCode(304);

        long before = Db.count(db, "SELECT count(*) FROM issue_image WHERE issue_id = ?", id);
        upload(writer.token(), pub, id, "<svg onload=alert(1)></svg>".getBytes(StandardCharsets.UTF_8), "image/png")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("unsupported_image_type"));
        upload(writer.token(), pub, id, new byte[5 * 1024 * 1024 + 1], "image/png")
                .then().statusCode(413).body("code", equalTo("image_too_large"));
        upload(Api.writer("Thief").token(), pub, id, PNG, "image/png").then().statusCode(404);
        given().header("X-Forwarded-For", Api.randomClient()).multiPart("file", "a.png", PNG, "image/png")
                .post(issuePath(pub, id) + "/images").then().statusCode(401);
        assertThat(Db.count(db, "SELECT count(*) FROM issue_image WHERE issue_id = ?", id)).isEqualTo(before);
        anonymous().get("/images/nothing-here.png").then().statusCode(404);
    }

    static Response upload(String token, String pub, long id, byte[] data, String type) {
        return given().header("X-Forwarded-For", Api.randomClient()).header("Authorization", "Bearer " + token)
                .multiPart("file", "picture.png", data, type).post(issuePath(pub, id) + "/images");
    }

    private long publicationId(String slug) {
        return Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug);
    }
}
