package dev.gazette.engagement;

import static dev.gazette.testing.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/**
 * The public pages are kept and cacheable for readers without a token, answer conditional requests
 * with 304, show a change on the next request (and one made by another instance a moment later),
 * and a page made for one reader is never shared.
 */
@QuarkusTest
class PublicPageCachingTest {

    @Inject
    DataSource db;

    @Test
    void theSharedPagesAnswerConditionalRequestsAndLetSharedCachesKeepThem() {
        Readers.Sent sent = Readers.sentIssue("Cached");
        // the send finishes a moment after the mail went: a change of its own to the pages
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "sent"
                .equals(Db.text(db, "SELECT status FROM issue WHERE id = ?", sent.issueId())));
        for (String path : List.of(sent.page(), "/p/" + sent.publication(), "/p/" + sent.publication() + "/feed.xml")) {
            Response first = Readers.browser(Api.randomClient()).get(path);
            first.then().statusCode(200)
                    .header("Cache-Control", containsString("public"))
                    .header("Cache-Control", containsString("s-maxage=60"))
                    .header("Cache-Control", containsString("stale-while-revalidate=600"))
                    .header("Set-Cookie", nullValue());
            String etag = first.header("ETag");
            String lastModified = first.header("Last-Modified");
            assertThat(etag).as(path).isNotBlank();
            assertThat(lastModified).as(path).isNotBlank();
            // another reader gets the very same bytes
            assertThat(Readers.browser(Api.randomClient()).get(path).asString()).isEqualTo(first.asString());
            Readers.browser(Api.randomClient()).header("If-None-Match", etag).get(path).then().statusCode(304)
                    .header("ETag", etag).body(emptyString());
            Readers.browser(Api.randomClient()).header("If-Modified-Since", lastModified).get(path).then().statusCode(304);
            Readers.browser(Api.randomClient()).header("If-None-Match", "\"something-else\"").get(path).then()
                    .statusCode(200);
        }
    }

    @Test
    void aReadersOwnPageAndTheWritersAreNeverShared() {
        Readers.Sent sent = Readers.sentIssue("Personal");
        Response own = Readers.browser(Api.randomClient()).get(sent.page() + "?r=" + sent.readerToken());
        own.then().statusCode(200).header("Cache-Control", "private, no-store").header("ETag", nullValue());
        assertThat(own.asString()).contains(sent.readerToken()).containsPattern("name=\"csrf\" value=\"[^\"]+\"");
        Readers.browser(Api.randomClient()).cookie("gazette_session", sent.writer().token()).get(sent.page()).then()
                .statusCode(200)
                .header("Cache-Control", "private, no-store").body(containsString("id=\"comment-form\""));
        // a browser that runs no script asks for the page's forms: made for it, with its token
        Readers.Page forms = Readers.open(Api.randomClient(), sent.page() + "?forms=1", null);
        assertThat(forms.csrf()).isNotBlank();
        assertThat(forms.cookie()).isNotBlank();
        Readers.browser(Api.randomClient()).get(sent.page() + "?forms=1").then().header("Cache-Control", "private, no-store");
        // the shared page holds no one's token; the beacon gives it, never to be kept
        String shared = Readers.browser(Api.randomClient()).get(sent.page()).asString();
        assertThat(shared).doesNotContain(sent.readerToken()).contains("name=\"csrf\" value=\"\"")
                .contains("<noscript><p class=\"muted\"><a href=\"" + sent.page() + "?forms=1\">");
        Readers.browser(Api.randomClient()).post(sent.page() + "/seen").then().statusCode(200)
                .header("Cache-Control", "no-store").header("Set-Cookie", containsString("gazette_form="))
                .body("csrf", not(emptyString()));
    }

    @Test
    void aCommentOrAnEditShowsOnTheNextRequest() {
        Readers.Sent sent = Readers.sentIssue("Fresh");
        String before = Readers.browser(Api.randomClient()).get(sent.page()).then().statusCode(200).extract().header("ETag");
        String client = Api.randomClient();
        Readers.Page mine = Readers.open(client, sent.page(), null);
        Readers.postForm(client, mine, sent.page() + "/like", Map.of()).then().statusCode(303);
        Api.as(sent.writer().token()).body(Map.of("issueId", sent.issueId(), "body", "바로 보이는 작가의 댓글"))
                .post("/api/v1/publications/" + sent.publication() + "/comments").then().statusCode(201);
        Response after = Readers.browser(Api.randomClient()).get(sent.page());
        assertThat(after.asString()).contains("바로 보이는 작가의 댓글").contains("<span data-like-count>1</span>");
        assertThat(after.header("ETag")).isNotEqualTo(before);

        Api.as(sent.writer().token()).body(Map.of("name", "새 이름의 레터"))
                .patch("/api/v1/publications/" + sent.publication()).then().statusCode(200);
        assertThat(Readers.browser(Api.randomClient()).get("/p/" + sent.publication()).asString()).contains("새 이름의 레터");
        assertThat(Readers.browser(Api.randomClient()).get(sent.page()).asString()).contains("새 이름의 레터");
        assertThat(anonymous().get("/p/" + sent.publication() + "/feed.xml").asString()).contains("새 이름의 레터");

        // a change another instance made (here, straight in the database): the database tells this one
        Db.execute(db, "UPDATE comment SET body_html = '<p>다른 인스턴스가 고친 댓글</p>' WHERE issue_id = ?", sent.issueId());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Readers.browser(Api.randomClient()).get(sent.page())
                .asString().contains("다른 인스턴스가 고친 댓글"));
    }

    @Test
    void theFeedIsValidAtomWithEachIssueWholeForFeedReaders() throws Exception {
        Readers.Sent sent = Readers.sentIssue("Feedread");
        String xml = anonymous().get("/p/" + sent.publication() + "/feed.xml").then().statusCode(200)
                .contentType(containsString("application/atom+xml")).extract().asString();
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getEntries()).hasSize(1);
        SyndEntry entry = feed.getEntries().get(0);
        assertThat(entry.getTitle()).startsWith("Letter ");
        assertThat(entry.getLink()).endsWith(sent.page());
        assertThat(entry.getUri()).startsWith("urn:uuid:");
        assertThat(entry.getAuthor()).isNotBlank();
        assertThat(entry.getPublishedDate()).isNotNull();
        assertThat(entry.getContents()).hasSize(1);
        assertThat(entry.getContents().get(0).getType()).isEqualTo("html");
        assertThat(entry.getContents().get(0).getValue()).isEqualTo("<p>Hello <strong>readers</strong>.</p>\n");
        // no subtitle: the summary is the opening, as text
        assertThat(entry.getDescription().getValue()).isEqualTo("Hello readers.");
        // the id stays the same from one fetch to the next
        SyndFeed again = new SyndFeedInput()
                .build(new StringReader(anonymous().get("/p/" + sent.publication() + "/feed.xml").asString()));
        assertThat(again.getEntries().get(0).getUri()).isEqualTo(entry.getUri());
    }
}
