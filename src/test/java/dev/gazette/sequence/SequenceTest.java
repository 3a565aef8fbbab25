package dev.gazette.sequence;

import static dev.gazette.sequence.SequenceFixtures.added;
import static dev.gazette.sequence.SequenceFixtures.awaitMail;
import static dev.gazette.sequence.SequenceFixtures.deliveries;
import static dev.gazette.sequence.SequenceFixtures.later;
import static dev.gazette.sequence.SequenceFixtures.path;
import static dev.gazette.sequence.SequenceFixtures.received;
import static dev.gazette.sequence.SequenceFixtures.sequence;
import static dev.gazette.sequence.SequenceFixtures.step;
import static dev.gazette.sequence.SequenceFixtures.subscriberId;
import static dev.gazette.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.MovableClock;

/** Sequences end to end: triggers, the job under a moved clock, the delivery engine's mail, stopping, editing, stats. */
@QuarkusTest
class SequenceTest {

    private static final Pattern OPEN = Pattern.compile("src=\"http://localhost:8080(/t/o/[^\"]+)\"");
    private static final Pattern CLICK = Pattern.compile("href=\"http://localhost:8080(/t/c/[^\"]+)\"");
    private static final String PERSON = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15";

    @Inject
    DataSource db;

    @Inject
    MovableClock clock;

    @Inject
    SequenceJob job;

    @AfterEach
    void systemTimeAgain() {
        SequenceFixtures.settled(db);
        clock.reset();
    }

    @Test
    void aConfirmedSubscriberGetsTheWelcomeAtOnceAndTheSecondStepAfterItsDelayOnceWithTheEngineHeaders() {
        Api.Account writer = Api.writer("Welcomer");
        String slug = Api.publication(writer.token());
        long sequence = sequence(writer.token(), slug, Map.of("name", "Welcome", "trigger", "confirmed"));
        long welcome = step(writer.token(), slug, sequence, "Welcome aboard", 0,
                "Hello! Read [our guide](https://example.com/guide).");
        long second = step(writer.token(), slug, sequence, "Day two", 10, "The second letter.");
        String email = Api.uniqueEmail("newcomer");

        SequenceFixtures.subscribeAndConfirm(slug, email);

        CapturedMessage mail = awaitMail(email, "Welcome aboard");
        assertThat(mail.header("List-Unsubscribe").orElseThrow()).contains("/unsubscribe/");
        assertThat(mail.header("List-Unsubscribe-Post")).contains("List-Unsubscribe=One-Click");
        assertThat(mail.header("List-Id")).isPresent();
        assertThat(mail.header("Message-ID").orElseThrow()).matches("<\\d+\\.\\d+\\..+>");
        String html = mail.htmlPart().orElseThrow();
        assertThat(html).contains("/t/o/").contains("/t/c/").doesNotContain("href=\"https://example.com/guide\"")
                .contains("A line after Welcome aboard");
        long subscriber = subscriberId(db, email);
        // the second step waits for its delay
        assertThat(deliveries(db, second, subscriber)).isZero();
        assertThat(Db.text(db, "SELECT state FROM sequence_enrollment WHERE sequence_id = ? AND subscriber_id = ?",
                sequence, subscriber)).isEqualTo("active");
        assertThat(Db.count(db, "SELECT next_step_id FROM sequence_enrollment WHERE sequence_id = ? AND subscriber_id = ?",
                sequence, subscriber)).isEqualTo(second);

        later(db, clock, Duration.ofMinutes(11));

        awaitMail(email, "Day two");
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(Db.text(db,
                "SELECT state FROM sequence_enrollment WHERE sequence_id = ? AND subscriber_id = ?", sequence, subscriber)));
        awaitSent(welcome, subscriber);
        awaitSent(second, subscriber);
        assertThat(deliveries(db, welcome, subscriber)).isOne();
        assertThat(deliveries(db, second, subscriber)).isOne();
        assertThat(received(email, "Welcome aboard")).isOne();
        assertThat(received(email, "Day two")).isOne();
        // the writer's welcome stands in for the platform's own
        assertThat(received(email, "Welcome, you are subscribed")).isZero();
    }

    @Test
    void twoRunsOfTheJobAtOnceQueueEachDueStepOnceForEverySubscriber() throws Exception {
        Api.Account writer = Api.writer("Crowd");
        String slug = Api.publication(writer.token());
        long sequence = sequence(writer.token(), slug, Map.of("name", "Later hello", "trigger", "confirmed"));
        long first = step(writer.token(), slug, sequence, "Hello a bit later", 30, "Hi.");
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String email = Api.uniqueEmail("crowd" + i);
            added(writer.token(), slug, email, List.of());
            emails.add(email);
        }
        assertThat(Db.count(db, "SELECT count(*) FROM sequence_enrollment WHERE sequence_id = ? AND state = 'active'",
                sequence)).isEqualTo(40);

        later(db, clock, Duration.ofMinutes(31));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(() -> {
                    int moved = 0;
                    for (int n; (n = job.advance()) > 0;) {
                        moved += n;
                    }
                    return moved;
                });
            }
            for (Future<Integer> run : pool.invokeAll(runs)) {
                run.get(); // none failed
            }
        } finally {
            pool.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(db,
                "SELECT count(*) FROM sequence_enrollment WHERE sequence_id = ? AND state = 'completed'", sequence) == 40);
        assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN sequence_step st ON st.send_id = d.send_id "
                + "WHERE st.id = ?", first)).isEqualTo(40);
        assertThat(Db.count(db, "SELECT s.total FROM send s JOIN sequence_step st ON st.send_id = s.id WHERE st.id = ?",
                first)).isEqualTo(40);
        for (String email : emails) {
            awaitMail(email, "Hello a bit later");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(db, "SELECT count(*) FROM delivery d "
                + "JOIN sequence_step st ON st.send_id = d.send_id WHERE st.id = ? AND d.status = 'sent'", first) == 40);
        for (String email : emails) {
            assertThat(received(email, "Hello a bit later")).as(email).isOne();
        }
    }

    @Test
    void unsubscribingStopsTheRest() {
        Api.Account writer = Api.writer("Leaver");
        String slug = Api.publication(writer.token());
        long sequence = sequence(writer.token(), slug, Map.of("name", "Course", "trigger", "confirmed"));
        step(writer.token(), slug, sequence, "Lesson one", 0, "One.");
        long two = step(writer.token(), slug, sequence, "Lesson two", 60, "Two.");
        String email = Api.uniqueEmail("leaver");
        long subscriber = added(writer.token(), slug, email, List.of());
        CapturedMessage lesson = awaitMail(email, "Lesson one");

        String unsubscribe = lesson.header("List-Unsubscribe").orElseThrow().replaceAll("^<([^>]+)>.*$", "$1")
                .replace("http://localhost:8080", "");
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").post(unsubscribe)
                .then().statusCode(200);
        assertThat(Db.text(db, "SELECT state || ':' || stopped_reason FROM sequence_enrollment WHERE subscriber_id = ?",
                subscriber)).isEqualTo("stopped:unsubscribed");

        later(db, clock, Duration.ofMinutes(61));
        job.advance();
        assertThat(deliveries(db, two, subscriber)).isZero();
        assertThat(received(email, "Lesson two")).isZero();
    }

    @Test
    void joiningATopicStartsItsSequenceAndLeavingTheTopicStopsIt() {
        Api.Account writer = Api.writer("Topical");
        String slug = Api.publication(writer.token());
        long sequence = sequence(writer.token(), slug, Map.of("name", "Cooking", "trigger", "topic", "topic", "Cooking"));
        step(writer.token(), slug, sequence, "Knives", 0, "Sharpen them.");
        long second = step(writer.token(), slug, sequence, "Pans", 90, "Heat them.");
        String email = Api.uniqueEmail("cook");
        long subscriber = added(writer.token(), slug, email, List.of("garden"));
        assertThat(Db.count(db, "SELECT count(*) FROM sequence_enrollment WHERE subscriber_id = ?", subscriber)).isZero();

        String subscriberPath = "/api/v1/publications/" + slug + "/subscribers/" + subscriber;
        as(writer.token()).body(Map.of("tags", List.of("garden", "cooking"))).patch(subscriberPath).then().statusCode(200);
        awaitMail(email, "Knives");

        as(writer.token()).body(Map.of("tags", List.of("garden"))).patch(subscriberPath).then().statusCode(200);
        assertThat(Db.text(db, "SELECT state || ':' || stopped_reason FROM sequence_enrollment WHERE subscriber_id = ?",
                subscriber)).isEqualTo("stopped:left_topic");
        later(db, clock, Duration.ofMinutes(91));
        job.advance();
        assertThat(deliveries(db, second, subscriber)).isZero();
    }

    @Test
    void editingASequenceDoesNotResendWhatWasSent() {
        Api.Account writer = Api.writer("Editor");
        String slug = Api.publication(writer.token());
        long sequence = sequence(writer.token(), slug, Map.of("name", "Onboarding", "trigger", "confirmed"));
        long hello = step(writer.token(), slug, sequence, "Hello there", 0, "Hi.");
        long tips = step(writer.token(), slug, sequence, "Some tips", 120, "Tips.");
        String email = Api.uniqueEmail("edited");
        long subscriber = added(writer.token(), slug, email, List.of());
        awaitMail(email, "Hello there");
        awaitSent(hello, subscriber);

        String stepsPath = path(slug) + "/" + sequence + "/steps";
        as(writer.token()).body(Map.of("subject", "Hello there, again", "bodyMarkdown", "Changed."))
                .patch(stepsPath + "/" + hello).then().statusCode(200);
        // a new first step: those past it never get it
        as(writer.token()).body(Map.of("subject", "Before all", "delayMinutes", 0, "position", 1)).post(stepsPath).then()
                .statusCode(201);
        List<Map<String, Object>> steps = as(writer.token()).get(path(slug) + "/" + sequence).then().statusCode(200)
                .extract().path("steps");
        assertThat(steps).extracting(s -> s.get("subject")).containsExactly("Before all", "Hello there, again", "Some tips");
        assertThat(steps.get(1).get("id")).isEqualTo((int) hello);

        later(db, clock, Duration.ofMinutes(121));
        awaitMail(email, "Some tips");
        awaitSent(tips, subscriber);
        assertThat(deliveries(db, hello, subscriber)).isOne();
        assertThat(received(email, "Hello there")).isOne();
        assertThat(received(email, "Hello there, again")).isZero();
        assertThat(received(email, "Before all")).isZero();
    }

    @Test
    void eachStepCountsItsSentOpensClicksAndUnsubscribes() {
        Api.Account writer = Api.writer("Counter");
        String slug = Api.publication(writer.token());
        long sequence = sequence(writer.token(), slug, Map.of("name", "Counted", "trigger", "confirmed"));
        long first = step(writer.token(), slug, sequence, "Counted one", 0, "Go to [the site](https://example.com/a).");
        String email = Api.uniqueEmail("counted");
        long subscriber = added(writer.token(), slug, email, List.of());
        CapturedMessage mail = awaitMail(email, "Counted one");
        awaitSent(first, subscriber);
        later(db, clock, Duration.ofSeconds(15)); // past the seconds after delivery when opens are a machine's

        String html = mail.htmlPart().orElseThrow().replace("&amp;", "&");
        Matcher open = OPEN.matcher(html);
        Matcher click = CLICK.matcher(html);
        assertThat(open.find()).isTrue();
        assertThat(click.find()).isTrue();
        given().header("User-Agent", PERSON).get(open.group(1)).then().statusCode(200);
        given().header("User-Agent", PERSON).redirects().follow(false).get(click.group(1)).then().statusCode(302);
        String unsubscribe = mail.header("List-Unsubscribe").orElseThrow().replaceAll("^<([^>]+)>.*$", "$1")
                .replace("http://localhost:8080", "");
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").post(unsubscribe)
                .then().statusCode(200);

        Map<String, Object> stats = as(writer.token()).get(path(slug) + "/" + sequence).then().statusCode(200).extract()
                .path("steps[0].stats");
        assertThat(stats).containsEntry("recipients", 1).containsEntry("sent", 1).containsEntry("uniqueOpens", 1)
                .containsEntry("uniqueClicks", 1).containsEntry("unsubscribes", 1);
    }

    private void awaitSent(long step, long subscriber) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(db, "SELECT count(*) FROM delivery d "
                + "JOIN sequence_step st ON st.send_id = d.send_id WHERE st.id = ? AND d.subscriber_id = ? "
                + "AND d.status = 'sent'", step, subscriber) == 1);
    }
}
