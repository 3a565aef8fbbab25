package dev.gazette.rss;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.rss.FeedServer.Item;
import dev.gazette.testing.Db;
import dev.gazette.testing.MovableClock;
import dev.gazette.testing.Scenario;

/**
 * Digests on their schedule under a moved clock: the items since the last digest gathered into one
 * issue at the local time (and weekday) in the publication's zone, sent once even when the job runs
 * twice at the same moment, and nothing sent when no item came.
 */
@QuarkusTest
class FeedDigestTest {

    @Inject
    DataSource db;

    @Inject
    MovableClock clock;

    @Inject
    FeedJob job;

    @AfterEach
    void resetClock() {
        MovableClock.settled(db);
        clock.reset();
    }

    @Test
    void aDailyDigestGathersTheNewItemsAtItsTimeOnceEvenWhenTheJobRunsTwiceAtOnce() throws Exception {
        Scenario writer = Scenario.writer("Daily");
        String reader = writer.subscriber("Reader");
        String path = FeedServer.path();
        String tag = path.substring(7, 15);
        Instant day = Instant.parse("2026-11-20T09:00:00Z");
        FeedServer.serve(path, FeedServer.rss(new Item("old", null, "Old", "o", day)));
        long feed = FeedApi.follow(writer, Map.of("url", FeedServer.url(path), "mode", "digest", "digestEvery", "daily",
                "digestTime", "07:30", "titlePattern", "Digest " + tag + " of {date}: {count} posts"));
        FeedApi.fetch(writer, feed);

        FeedServer.serve(path, FeedServer.rss(new Item("two", "https://blog.example.com/2", "Second " + tag, "<p>2</p>",
                day.plusSeconds(60)), new Item("one", "https://blog.example.com/1", "First " + tag, "<p>1</p>", day),
                new Item("old", null, "Old", "o", day)));
        JsonPath fetched = FeedApi.fetch(writer, feed);
        assertThat(fetched.getLong("waitingItems")).isEqualTo(2);
        Instant due = Instant.parse(fetched.getString("nextDigestAt"));
        ZonedDateTime local = due.atZone(ZoneId.of("Asia/Seoul"));
        assertThat(local.getHour()).isEqualTo(7);
        assertThat(local.getMinute()).isEqualTo(30);
        assertThat(due).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(1)));

        job.digests();
        assertThat(digestIssues(feed)).isZero(); // not due yet

        clock.forwardWhenSettled(db, Duration.between(Instant.now(), due).plusSeconds(1));
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> runs = List.of(1, 2).stream().map(i -> CompletableFuture.supplyAsync(() -> {
            try {
                together.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return job.digests();
        })).toList();
        runs.forEach(CompletableFuture::join); // other tests' digests may be due at this moved time too
        assertThat(digestIssues(feed)).isEqualTo(1);
        String title = Db.text(db, "SELECT DISTINCT i.title FROM issue i JOIN feed_item f ON f.issue_id = i.id "
                + "WHERE f.feed_id = ?", feed);
        assertThat(title).startsWith("Digest " + tag + " of ").endsWith(": 2 posts");
        CapturedMessage mail = Scenario.awaitIssueMail(reader, title);
        String html = mail.htmlPart().orElseThrow();
        assertThat(html).contains("First " + tag).contains("Second " + tag);
        assertThat(html.indexOf("First " + tag)).isLessThan(html.indexOf("Second " + tag));
        assertThat(Db.texts(db, "SELECT state FROM feed_item WHERE feed_id = ? AND title <> 'Old'", feed))
                .containsOnly("sent");

        // the next day's slot with no new item sends nothing, and moves on a day
        JsonPath after = as(writer.token()).get(FeedApi.path(writer, feed)).then().extract().jsonPath();
        Instant next = Instant.parse(after.getString("nextDigestAt"));
        assertThat(Duration.between(due, next)).isEqualTo(Duration.ofDays(1));
        clock.forwardWhenSettled(db, Duration.ofDays(1));
        FeedApi.fetch(writer, feed);
        job.digests();
        assertThat(digestIssues(feed)).isEqualTo(1);
        assertThat(Db.count(db, "SELECT count(*) FROM issue i JOIN publication p ON p.id = i.publication_id "
                + "WHERE p.slug = ?", writer.slug())).isEqualTo(1);
    }

    @Test
    void aWeeklyDigestWaitsForItsWeekdayInThePublicationsZone() {
        Scenario writer = Scenario.writer("Weekly");
        String reader = writer.subscriber("Reader");
        String path = FeedServer.path();
        String tag = path.substring(7, 15);
        Instant day = Instant.parse("2026-11-20T09:00:00Z");
        FeedServer.serve(path, FeedServer.rss());
        long feed = FeedApi.follow(writer, Map.of("url", FeedServer.url(path), "mode", "digest", "digestEvery", "weekly",
                "digestTime", "18:00", "digestWeekday", 5, "titlePattern", "Week " + tag));
        FeedApi.fetch(writer, feed);
        FeedServer.serve(path, FeedServer.rss(new Item("w", "https://blog.example.com/w", "Weekly " + tag, "w", day)));
        JsonPath fetched = FeedApi.fetch(writer, feed);
        Instant due = Instant.parse(fetched.getString("nextDigestAt"));
        ZonedDateTime local = due.atZone(ZoneId.of("Asia/Seoul"));
        assertThat(local.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(local.getHour()).isEqualTo(18);
        assertThat(due).isBefore(Instant.now().plus(Duration.ofDays(7)));

        clock.forwardWhenSettled(db, Duration.between(Instant.now(), due).minusMinutes(1));
        job.digests();
        assertThat(digestIssues(feed)).isZero();
        clock.forward(Duration.ofMinutes(2));
        job.digests();
        assertThat(digestIssues(feed)).isEqualTo(1);
        Scenario.awaitIssueMail(reader, "Week " + tag);
        Instant next = Instant.parse(as(writer.token()).get(FeedApi.path(writer, feed)).then().extract().jsonPath()
                .getString("nextDigestAt"));
        assertThat(Duration.between(due, next)).isEqualTo(Duration.ofDays(7));
    }

    private long digestIssues(long feed) {
        return Db.count(db, "SELECT count(DISTINCT issue_id) FROM feed_item WHERE feed_id = ?", feed);
    }
}
