package dev.gazette.rss;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.rss.FeedServer.Item;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.StudioForms;

/**
 * Who may see and change a publication's feeds (its writer only; every route answers 404 to another
 * writer and 401 to nobody), bad input as problems with stable codes that change nothing, and the
 * studio's forms, which need their token.
 */
@QuarkusTest
class FeedAccessTest {

    @Inject
    DataSource db;

    @Test
    void everyRouteIsNotFoundForAnotherWriter() {
        Scenario owner = Scenario.writer("FeedOwner");
        String path = FeedServer.path();
        FeedServer.serve(path, FeedServer.rss(new Item("x", null, "X", "x", Instant.parse("2026-11-20T09:00:00Z"))));
        long feed = FeedApi.follow(owner, Map.of("url", FeedServer.url(path), "mode", "draft"));
        Scenario other = Scenario.writer("FeedOther");
        String mine = FeedApi.path(owner);
        String theirs = FeedApi.path(other);

        for (String base : List.of(mine, theirs)) {
            as(other.token()).get(base + "/" + feed).then().statusCode(404);
            as(other.token()).body(Map.of("mode", "each")).patch(base + "/" + feed).then().statusCode(404);
            as(other.token()).post(base + "/" + feed + "/fetch").then().statusCode(404);
            as(other.token()).get(base + "/" + feed + "/items").then().statusCode(404);
            as(other.token()).delete(base + "/" + feed).then().statusCode(404);
        }
        as(other.token()).get(theirs + "/" + feed).then().body("code", equalTo("feed_not_found"));
        as(other.token()).get(mine).then().statusCode(404);
        as(other.token()).body(Map.of("url", "https://example.com/feed", "mode", "draft")).post(mine).then()
                .statusCode(404);
        Api.anonymous().get(mine).then().statusCode(401);
        Api.anonymous().post(mine + "/" + feed + "/fetch").then().statusCode(401);
        String studio = "/studio/publications/" + owner.slug() + "/feeds";
        StudioForms.session(other.account(), "en").get(studio).then().statusCode(404);
        StudioForms.session(other.account(), "en").get(studio + "/" + feed).then().statusCode(404);
        StudioForms.session(other.account(), "en").get("/studio/publications/" + other.slug() + "/feeds/" + feed).then()
                .statusCode(404);

        // nothing of the feed moved, and it was never fetched
        assertThat(Db.text(db, "SELECT mode FROM followed_feed WHERE id = ?", feed)).isEqualTo("draft");
        assertThat(Db.count(db, "SELECT count(*) FROM feed_item WHERE feed_id = ?", feed)).isZero();
        assertThat(FeedServer.server().findAll(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(path)))).isEmpty();
        as(owner.token()).get(mine + "/" + feed).then().statusCode(200).body("mode", equalTo("draft"));
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE target = ? AND action = 'feed_followed'",
                "feed " + feed)).isOne();
    }

    @Test
    void badInputIsAProblemWithAStableCodeAndChangesNothing() {
        Scenario writer = Scenario.writer("FeedCareless");
        String feeds = FeedApi.path(writer);
        as(writer.token()).body(Map.of("url", "ftp://example.com/feed", "mode", "draft")).post(feeds).then()
                .statusCode(422).contentType("application/problem+json").body("code", equalTo("feed_url_invalid"))
                .body("errors.field", hasItem("url"));
        as(writer.token()).body(Map.of("url", "http://no-such-host.invalid/feed", "mode", "draft")).post(feeds).then()
                .statusCode(422).body("code", equalTo("feed_host_unknown"));
        as(writer.token()).body(Map.of("url", "https://example.com/feed", "mode", "never")).post(feeds).then()
                .statusCode(400).body("code", equalTo("validation_failed")).body("errors.code", hasItem("invalid_mode"));
        as(writer.token()).body(Map.of("url", "https://example.com/feed", "mode", "digest", "digestEvery", "daily"))
                .post(feeds).then().statusCode(400).body("errors.code", hasItem("invalid_digest_time"));
        as(writer.token()).body(Map.of("url", "https://example.com/feed", "mode", "digest", "digestEvery", "hourly",
                "digestTime", "08:00")).post(feeds).then().statusCode(400).body("errors.code", hasItem("invalid_digest_every"));
        as(writer.token()).body(Map.of("url", "https://example.com/feed", "mode", "digest", "digestEvery", "weekly",
                "digestTime", "08:00")).post(feeds).then().statusCode(400).body("errors.code", hasItem("weekday_required"));
        as(writer.token()).body(Map.of("url", "https://example.com/feed", "mode", "digest", "digestEvery", "daily",
                "digestTime", "25:00")).post(feeds).then().statusCode(400).body("errors.code", hasItem("invalid_digest_time"));
        as(writer.token()).body(Map.of("url", "https://example.com/feed", "mode", "draft", "templateId", 987654321))
                .post(feeds).then().statusCode(400).body("errors.code", hasItem("unknown_template"));
        as(writer.token()).body(Map.of("url", "https://example.com/feed", "mode", "draft", "tags", List.of("t".repeat(65))))
                .post(feeds).then().statusCode(400).body("code", equalTo("validation_failed"));
        as(writer.token()).body(Map.of("url", "https://example.com/feed\nX", "mode", "draft")).post(feeds).then()
                .statusCode(400);
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", writer.slug());
        assertThat(Db.count(db, "SELECT count(*) FROM followed_feed WHERE publication_id = ?", publication)).isZero();

        String path = FeedServer.path();
        long feed = FeedApi.follow(writer, Map.of("url", FeedServer.url(path), "mode", "draft"));
        as(writer.token()).body(Map.of("url", FeedServer.url(path), "mode", "each")).post(feeds).then().statusCode(409)
                .body("code", equalTo("feed_already_followed"));
        as(writer.token()).body(Map.of("mode", "digest", "digestEvery", "daily")).patch(feeds + "/" + feed).then()
                .statusCode(400).body("errors.code", hasItem("invalid_digest_time"));
        assertThat(Db.text(db, "SELECT mode FROM followed_feed WHERE id = ?", feed)).isEqualTo("draft");
        assertThat(Db.count(db, "SELECT count(*) FROM followed_feed WHERE publication_id = ?", publication)).isOne();
    }

    @Test
    void theStudioFormsNeedTheirTokenAndARefusedOneSaysWhy() {
        Scenario writer = Scenario.writer("FeedStudio");
        String list = "/studio/publications/" + writer.slug() + "/feeds";
        StudioForms.Page page = StudioForms.open(writer.account(), list, "ko");
        assertThat(page.html()).contains("aria-current=\"page\"").contains("피드 구독하기");
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", writer.slug());

        String path = FeedServer.path();
        Map<String, String> fields = Map.of("url", FeedServer.url(path), "mode", "digest", "digestEvery", "weekly",
                "digestWeekday", "3", "digestTime", "09:15", "tags", "");
        StudioForms.post(writer.account(), page.withoutToken(), list, fields, "en").then().statusCode(403);
        assertThat(Db.count(db, "SELECT count(*) FROM followed_feed WHERE publication_id = ?", publication)).isZero();
        StudioForms.post(writer.account(), page, list, Map.of("url", "ftp://x.example/feed", "mode", "draft"), "en")
                .then().statusCode(422).body(containsString("http or https"));
        StudioForms.post(writer.account(), page, list, Map.of("url", FeedServer.url(path), "mode", "digest",
                "digestEvery", "daily", "digestTime", ""), "en").then().statusCode(422).body(containsString("HH:mm"));
        String created = StudioForms.post(writer.account(), page, list, fields, "en").then().statusCode(303).extract()
                .header("Location");
        long feed = Db.count(db, "SELECT id FROM followed_feed WHERE publication_id = ?", publication);
        assertThat(created).endsWith(list + "/" + feed);
        assertThat(Db.text(db, "SELECT digest_every || ' ' || digest_weekday || ' ' || digest_time FROM followed_feed "
                + "WHERE id = ?", feed)).isEqualTo("weekly 3 09:15:00");

        String one = list + "/" + feed;
        StudioForms.Page settings = StudioForms.open(writer.account(), one, "en");
        StudioForms.post(writer.account(), settings.withoutToken(), one + "/fetch", Map.of(), "en").then().statusCode(403);
        StudioForms.post(writer.account(), settings.withoutToken(), one, Map.of("url", FeedServer.url(path), "mode",
                "each"), "en").then().statusCode(403);
        StudioForms.post(writer.account(), settings.withoutToken(), one + "/delete", Map.of(), "en").then()
                .statusCode(403);
        assertThat(Db.text(db, "SELECT mode FROM followed_feed WHERE id = ?", feed)).isEqualTo("digest");
        StudioForms.post(writer.account(), settings, one, Map.of("url", FeedServer.url(path), "mode", "each", "tags",
                "news", "enabled", "1"), "en").then().statusCode(303);
        assertThat(Db.text(db, "SELECT mode || ' ' || array_to_string(tags, ',') FROM followed_feed WHERE id = ?", feed))
                .isEqualTo("each news");
        StudioForms.post(writer.account(), settings, one + "/delete", Map.of(), "en").then().statusCode(303);
        assertThat(Db.count(db, "SELECT count(*) FROM followed_feed WHERE id = ?", feed)).isZero();
    }
}
