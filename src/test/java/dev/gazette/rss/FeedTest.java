package dev.gazette.rss;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.event.AddressGuard;
import dev.gazette.rss.FeedServer.Item;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.Scenario;

/**
 * RSS-to-email against a feed served locally: each new item turned into mail exactly once, whatever
 * the feed does to its items afterwards (edits, new dates, a new order); the backlog never mailed;
 * conditional requests; the limits and the private-address rule, each refusal recorded with its reason.
 */
@QuarkusTest
class FeedTest {

    static final Instant DAY = Instant.parse("2026-11-20T09:00:00Z");

    @Inject
    DataSource db;

    @Inject
    FeedFetcher fetcher;

    @Inject
    FeedJob job;

    @Test
    void newItemsBecomeDraftsOnceAndEditedRedatedOrReorderedItemsAreNotNew() {
        Scenario writer = Scenario.writer("Drafts");
        String path = FeedServer.path();
        Item a = new Item("a", "https://blog.example.com/a", "Post A", "<p>A text</p>", DAY);
        Item b = new Item(null, "https://blog.example.com/b", "Post B", "<p>B text</p>", DAY.plusSeconds(3600));
        Item c = new Item(null, null, "Post C", "<p>C text, no guid, no link</p>", null);
        FeedServer.serve(path, FeedServer.rss(b, a, c));
        long feed = FeedApi.follow(writer, Map.of("url", FeedServer.url(path), "mode", "draft"));

        JsonPath first = FeedApi.fetch(writer, feed);
        assertThat(first.getString("lastOutcome")).isEqualTo("ok");
        assertThat(first.getString("title")).isEqualTo("The Blog");
        assertThat(states(feed)).containsOnly("backlog").hasSize(3);
        assertThat(issues(writer)).isZero();

        // a new item D; A edited and re-dated, B re-dated, and the order turned round
        Item d = new Item("d", "https://blog.example.com/d", "Post D", "<p>D text <script>alert(1)</script></p>",
                DAY.plusSeconds(7200));
        Item editedA = new Item("a", "https://blog.example.com/a", "Post A, corrected", "<p>A text, longer</p>",
                DAY.plusSeconds(86400));
        Item redatedB = new Item(null, "https://blog.example.com/b", "Post B", "<p>B text</p>", DAY.plusSeconds(90000));
        FeedServer.serve(path, FeedServer.rss(c, d, redatedB, editedA));
        FeedApi.fetch(writer, feed);
        FeedApi.fetch(writer, feed);

        assertThat(Db.count(db, "SELECT count(*) FROM feed_item WHERE feed_id = ?", feed)).isEqualTo(4);
        assertThat(Db.texts(db, "SELECT title FROM feed_item WHERE feed_id = ? AND state = 'drafted'", feed))
                .containsExactly("Post D");
        assertThat(issues(writer)).isEqualTo(1);
        long issue = Db.count(db, "SELECT issue_id FROM feed_item WHERE feed_id = ? AND state = 'drafted'", feed);
        JsonPath draft = as(writer.token()).get(writer.issuePath(issue)).then().statusCode(200).extract().jsonPath();
        assertThat(draft.getString("status")).isEqualTo("draft");
        assertThat(draft.getString("title")).isEqualTo("Post D");
        assertThat(draft.getString("bodyMarkdown")).contains("https://blog.example.com/d").contains("D text")
                .doesNotContain("<script>");

        List<Map<String, Object>> items = as(writer.token()).get(FeedApi.path(writer, feed) + "/items").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertThat(items).hasSize(4);
        assertThat(items).filteredOn(i -> "Post D".equals(i.get("title"))).singleElement()
                .satisfies(i -> assertThat(((Map<?, ?>) i.get("issue")).get("id")).isEqualTo((int) issue));
        // the content is stored sanitized
        assertThat(Db.text(db, "SELECT content_html FROM feed_item WHERE feed_id = ? AND title = 'Post D'", feed))
                .contains("D text").doesNotContain("script");
    }

    @Test
    void eachNewItemIsSentOnceAndTheLatestOfTheBacklogOnlyWhenAskedFor() {
        Scenario writer = Scenario.writer("Each");
        String reader = writer.subscriber("Reader");
        String path = FeedServer.path();
        Item old = new Item("old", "https://blog.example.com/old", "An old post", "<p>old</p>", DAY.minusSeconds(86400));
        Item latest = new Item("latest", "https://blog.example.com/latest", "The latest post " + path.substring(7, 15),
                "<p>latest</p>", DAY);
        FeedServer.serve(path, FeedServer.rss(latest, old));
        long feed = FeedApi.follow(writer, Map.of("url", FeedServer.url(path), "mode", "each", "includeLatest", true));
        FeedApi.fetch(writer, feed);
        CapturedMessage first = Scenario.awaitIssueMail(reader, latest.title());
        // the item's links are in the mail (tracked, like any issue's), with the start of its text
        assertThat(first.htmlPart().orElseThrow()).contains(latest.title() + "</a></h2>").contains(">latest</p>")
                .contains("전체 글 읽기");

        Item next = new Item("next", "https://blog.example.com/next", "The next post " + path.substring(7, 15),
                "<p>next</p>", DAY.plusSeconds(60));
        FeedServer.serve(path, FeedServer.rss(next, latest, old));
        FeedApi.fetch(writer, feed);
        FeedApi.fetch(writer, feed);
        Scenario.awaitIssueMail(reader, next.title());
        assertThat(Db.texts(db, "SELECT state || ':' || title FROM feed_item WHERE feed_id = ? ORDER BY id", feed))
                .containsExactlyInAnyOrder("backlog:An old post", "sent:" + latest.title(), "sent:" + next.title());
        assertThat(Mailbox.to(reader)).hasSize(2);
        assertThat(Db.count(db, "SELECT count(*) FROM issue_send_request r JOIN feed_item i ON i.issue_id = r.issue_id "
                + "WHERE i.feed_id = ?", feed)).isEqualTo(2);
    }

    @Test
    void aFeedThatAnswers304ToItsETagIsNotReadAgain() {
        Scenario writer = Scenario.writer("Etag");
        String path = FeedServer.path();
        WireMockServer server = FeedServer.server();
        String xml = FeedServer.rss(new Item("e1", null, "E1", "<p>e</p>", DAY));
        server.stubFor(get(urlEqualTo(path)).atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"v1\"").withBody(xml)));
        server.stubFor(get(urlEqualTo(path)).atPriority(1).withHeader("If-None-Match", WireMock.equalTo("\"v1\""))
                .willReturn(aResponse().withStatus(304)));
        long feed = FeedApi.follow(writer, Map.of("url", FeedServer.url(path), "mode", "draft"));

        assertThat(FeedApi.fetch(writer, feed).getString("lastOutcome")).isEqualTo("ok");
        assertThat(FeedApi.fetch(writer, feed).getString("lastOutcome")).isEqualTo("not_modified");
        List<LoggedRequest> got = server.findAll(getRequestedFor(urlEqualTo(path)));
        assertThat(got).hasSize(2);
        assertThat(got.get(0).containsHeader("If-None-Match")).isFalse();
        assertThat(got.get(1).getHeader("If-None-Match")).isEqualTo("\"v1\"");
    }

    @Test
    void aFeedThatAnswers304ToItsLastModifiedIsNotReadAgain() {
        Scenario writer = Scenario.writer("Modified");
        String path = FeedServer.path();
        WireMockServer server = FeedServer.server();
        String stamp = "Wed, 18 Nov 2026 08:00:00 GMT";
        server.stubFor(get(urlEqualTo(path)).atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("Last-Modified", stamp).withBody(FeedServer.rss(new Item("m1", null, "M1", "m", DAY)))));
        server.stubFor(get(urlEqualTo(path)).atPriority(1).withHeader("If-Modified-Since", WireMock.equalTo(stamp))
                .willReturn(aResponse().withStatus(304)));
        long feed = FeedApi.follow(writer, Map.of("url", FeedServer.url(path), "mode", "draft"));

        FeedApi.fetch(writer, feed);
        assertThat(FeedApi.fetch(writer, feed).getString("lastOutcome")).isEqualTo("not_modified");
        List<LoggedRequest> got = server.findAll(getRequestedFor(urlEqualTo(path)));
        assertThat(got).hasSize(2);
        assertThat(got.get(1).getHeader("If-Modified-Since")).isEqualTo(stamp);
        assertThat(got.get(1).containsHeader("If-None-Match")).isFalse();
    }

    @Test
    void anOversizeOrSlowFeedIsRefusedWithItsReasonAndBacksOff() {
        Scenario writer = Scenario.writer("Limits");
        WireMockServer server = FeedServer.server();
        String big = FeedServer.path();
        server.stubFor(get(urlEqualTo(big)).willReturn(aResponse().withStatus(200)
                .withBody(FeedServer.rss(new Item("x", null, "X", "y".repeat(150_000), DAY)))));
        String chunked = FeedServer.path();
        server.stubFor(get(urlEqualTo(chunked)).willReturn(aResponse().withStatus(200)
                .withChunkedDribbleDelay(4, 200).withBody(FeedServer.rss(new Item("x", null, "X", "y".repeat(150_000), DAY)))));
        String slow = FeedServer.path();
        server.stubFor(get(urlEqualTo(slow)).willReturn(aResponse().withStatus(200).withFixedDelay(8000)
                .withBody(FeedServer.rss(new Item("s", null, "S", "s", DAY)))));

        long bigFeed = FeedApi.follow(writer, Map.of("url", FeedServer.url(big), "mode", "draft"));
        long chunkedFeed = FeedApi.follow(writer, Map.of("url", FeedServer.url(chunked), "mode", "draft"));
        long slowFeed = FeedApi.follow(writer, Map.of("url", FeedServer.url(slow), "mode", "draft"));
        Instant before = Instant.now();
        JsonPath tooLarge = FeedApi.fetch(writer, bigFeed);
        assertThat(tooLarge.getString("lastOutcome")).isEqualTo("failed");
        assertThat(tooLarge.getString("lastErrorCode")).isEqualTo("too_large");
        assertThat(tooLarge.getString("lastError")).contains("100000 bytes");
        assertThat(tooLarge.getInt("failures")).isEqualTo(1);
        assertThat(Instant.parse(tooLarge.getString("nextFetchAt"))).isAfter(before.plus(4, ChronoUnit.MINUTES));
        assertThat(FeedApi.fetch(writer, chunkedFeed).getString("lastErrorCode")).isEqualTo("too_large");

        long started = System.nanoTime();
        JsonPath timedOut = FeedApi.fetch(writer, slowFeed);
        assertThat(timedOut.getString("lastErrorCode")).isEqualTo("timeout");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(7500);
        assertThat(FeedApi.fetch(writer, slowFeed).getInt("failures")).isEqualTo(2);
        assertThat(Db.count(db, "SELECT count(*) FROM feed_item WHERE feed_id IN (?, ?, ?)", bigFeed, chunkedFeed,
                slowFeed)).isZero();
    }

    @Test
    void aPrivateAddressIsRefusedByDefault() {
        // the tests allow private addresses (their servers are on 127.0.0.1); the default rule does not
        String path = FeedServer.path();
        FeedServer.serve(path, FeedServer.rss(new Item("p", null, "P", "p", DAY)));
        AddressGuard byDefault = new AddressGuard(false);
        for (String url : List.of(FeedServer.url(path), "http://10.0.0.8/feed", "http://[::1]/feed",
                "http://169.254.169.254/latest/meta-data")) {
            FeedFetcher.Failure failure = org.junit.jupiter.api.Assertions.assertThrows(FeedFetcher.Failure.class,
                    () -> fetcher.fetch(url, null, null, byDefault));
            assertThat(failure.code).as(url).isEqualTo("address_refused");
        }
        assertThat(FeedFetcher.parse("file:///etc/passwd")).isNull();
        assertThat(FeedFetcher.parse("ftp://example.com/feed")).isNull();
        assertThat(FeedFetcher.parse("http://user:pw@example.com/feed")).isNull();
    }

    @Test
    void aRedirectIsFollowedAFewTimesAndEachHopChecked() throws Exception {
        WireMockServer server = FeedServer.server();
        String target = FeedServer.path();
        FeedServer.serve(target, FeedServer.rss(new Item("r", null, "R", "r", DAY)));
        String hop = FeedServer.path();
        server.stubFor(get(urlEqualTo(hop)).willReturn(aResponse().withStatus(301).withHeader("Location", target)));
        assertThat(fetcher.fetch(FeedServer.url(hop), null, null)).isInstanceOf(FeedFetcher.Content.class);

        String loop = FeedServer.path();
        server.stubFor(get(urlEqualTo(loop)).willReturn(aResponse().withStatus(302).withHeader("Location", loop)));
        FeedFetcher.Failure failure = org.junit.jupiter.api.Assertions.assertThrows(FeedFetcher.Failure.class,
                () -> fetcher.fetch(FeedServer.url(loop), null, null));
        assertThat(failure.code).isEqualTo("too_many_redirects");
        assertThat(server.findAll(getRequestedFor(urlEqualTo(loop)))).hasSize(4);

        // a redirect into the host's own network is refused at that hop
        String away = FeedServer.path();
        server.stubFor(get(urlEqualTo(away)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data")));
        FeedFetcher.Failure refused = org.junit.jupiter.api.Assertions.assertThrows(FeedFetcher.Failure.class,
                () -> fetcher.fetch(FeedServer.url(away), null, null, new AddressGuard(false) {
                    @Override
                    public boolean allowed(java.net.InetAddress address) {
                        return address.isLoopbackAddress() || super.allowed(address);
                    }
                }));
        assertThat(refused.code).isEqualTo("address_refused");
    }

    @Test
    void aDocumentTypeDeclarationIsRefusedSoNoEntityIsResolved() {
        Scenario writer = Scenario.writer("Entities");
        String path = FeedServer.path();
        FeedServer.serve(path, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<rss version=\"2.0\"><channel><title>&x;</title><item><guid>g</guid><title>&x;</title></item></channel></rss>");
        long feed = FeedApi.follow(writer, Map.of("url", FeedServer.url(path), "mode", "draft"));
        JsonPath fetched = FeedApi.fetch(writer, feed);
        assertThat(fetched.getString("lastErrorCode")).isEqualTo("not_a_feed");
        assertThat(Db.count(db, "SELECT count(*) FROM feed_item WHERE feed_id = ?", feed)).isZero();
    }

    @Test
    void aFeedFailingForTooLongIsPausedAndItsWriterMailedOnce() {
        Scenario writer = Scenario.writer("Paused");
        String path = FeedServer.path();
        FeedServer.server().stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(500)));
        long feed = FeedApi.follow(writer, Map.of("url", FeedServer.url(path), "mode", "draft"));
        assertThat(FeedApi.fetch(writer, feed).getString("lastError")).isEqualTo("The server answered 500");
        Db.execute(db, "UPDATE followed_feed SET failing_since = now() - interval '4 days' WHERE id = ?", feed);

        JsonPath paused = FeedApi.fetch(writer, feed);
        assertThat(paused.getBoolean("enabled")).isFalse();
        assertThat(paused.getString("pausedReason")).contains("500");
        CapturedMessage notice = Mailbox.awaitTo(writer.account().email());
        assertThat(notice.subject()).contains("피드");
        FeedApi.fetch(writer, feed);
        assertThat(Db.count(db, "SELECT count(*) FROM mail WHERE reference = ?", "feed:" + feed)).isEqualTo(1);

        // turned on again, it starts afresh
        JsonPath again = as(writer.token()).body(Map.of("enabled", true)).patch(FeedApi.path(writer, feed)).then()
                .statusCode(200).extract().jsonPath();
        assertThat(again.getString("pausedReason")).isNull();
        assertThat(again.getInt("failures")).isZero();
    }

    @Test
    void aWriterTemplateListsTheItemsWithTheirSanitizedContent() {
        Scenario writer = Scenario.writer("Template");
        long template = ((Number) as(writer.token()).body(Map.of("name", "List", "source",
                "<html><body>{#for item in items}<h2 class=\"it\">{item.title}</h2><div>{item.content}</div>"
                        + "<p>{item.author} {item.date}</p>{/for}</body></html>"))
                .post("/api/v1/publications/" + writer.slug() + "/templates").then().statusCode(201).extract()
                .path("id")).longValue();
        String path = FeedServer.path();
        FeedServer.serve(path, FeedServer.rss(new Item("t0", null, "Before", "b", DAY)));
        Map<String, Object> body = new HashMap<>(Map.of("url", FeedServer.url(path), "mode", "draft", "templateId",
                template));
        long feed = FeedApi.follow(writer, body);
        FeedApi.fetch(writer, feed);
        FeedServer.serve(path, FeedServer.rss(new Item("t1", "https://blog.example.com/t1", "Tom & <Jerry>",
                "<p onclick=\"x()\">Hi <b>there</b><img src=\"https://blog.example.com/i.png\"><script>bad()</script>"
                        + "<a href=\"javascript:evil()\">x</a></p>",
                DAY), new Item("t0", null, "Before", "b", DAY)));
        FeedApi.fetch(writer, feed);
        long issue = Db.count(db, "SELECT issue_id FROM feed_item WHERE feed_id = ? AND state = 'drafted'", feed);
        String html = as(writer.token()).get(writer.issuePath(issue) + "/preview").then().statusCode(200).extract()
                .asString();
        assertThat(html).contains("<h2 class=\"it\">Tom &amp; &lt;Jerry&gt;</h2>").contains("Hi <b>there</b>")
                .contains("https://blog.example.com/i.png").contains("Jieun").doesNotContain("bad()")
                .doesNotContain("onclick").doesNotContain("javascript:");
    }

    @Test
    void aFetchWithManyNewPostsSendsAFewAndLeavesTheRestAsDrafts() {
        Scenario writer = Scenario.writer("Flood");
        writer.subscriber("Reader");
        String path = FeedServer.path();
        FeedServer.serve(path, FeedServer.rss());
        long feed = FeedApi.follow(writer, Map.of("url", FeedServer.url(path), "mode", "each"));
        FeedApi.fetch(writer, feed);
        Item[] flood = new Item[8];
        for (int i = 0; i < flood.length; i++) {
            flood[i] = new Item("flood-" + i, null, "Post " + i, "p", DAY.plusSeconds(60L * i));
        }
        FeedServer.serve(path, FeedServer.rss(flood));
        FeedApi.fetch(writer, feed);
        assertThat(Db.count(db, "SELECT count(*) FROM feed_item WHERE feed_id = ? AND state = 'sent'", feed))
                .isEqualTo(5);
        assertThat(Db.count(db, "SELECT count(*) FROM feed_item WHERE feed_id = ? AND state = 'drafted' "
                + "AND note = 'too_many_at_once'", feed)).isEqualTo(3);
        assertThat(Db.count(db, "SELECT count(*) FROM issue_send_request r JOIN feed_item i ON i.issue_id = r.issue_id "
                + "WHERE i.feed_id = ?", feed)).isEqualTo(5);
    }

    @Test
    void twoFetchesOfOneFeedAtOnceTurnANewItemIntoOneIssue() {
        Scenario writer = Scenario.writer("Twice");
        String path = FeedServer.path();
        Item old = new Item("t-old", null, "Old", "o", DAY);
        FeedServer.serve(path, FeedServer.rss(old));
        long feed = FeedApi.follow(writer, Map.of("url", FeedServer.url(path), "mode", "draft"));
        FeedApi.fetch(writer, feed);
        FeedServer.serve(path, FeedServer.rss(new Item("t-new", null, "New", "n", DAY.plusSeconds(60)), old));

        // as two instances would, had both claimed it (past a lease, say): the item table's key decides
        FeedJob.Claimed claimed = new FeedJob.Claimed(feed, FeedServer.url(path), null, null);
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        List<java.util.concurrent.CompletableFuture<Void>> runs = List.of(1, 2).stream()
                .map(i -> java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    job.fetch(claimed);
                })).toList();
        runs.forEach(java.util.concurrent.CompletableFuture::join);
        assertThat(Db.texts(db, "SELECT state FROM feed_item WHERE feed_id = ? AND title = 'New'", feed))
                .containsExactly("drafted");
        assertThat(issues(writer)).isEqualTo(1);
    }

    private List<String> states(long feed) {
        return Db.texts(db, "SELECT state FROM feed_item WHERE feed_id = ?", feed);
    }

    private long issues(Scenario writer) {
        return Db.count(db, "SELECT count(*) FROM issue i JOIN publication p ON p.id = i.publication_id WHERE p.slug = ?",
                writer.slug());
    }
}
