package dev.gazette.sequence;

import static dev.gazette.testing.Api.as;
import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.restassured.response.Response;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.MovableClock;

/** Test steps of sequences through the public API, the public pages and the mailbox. */
final class SequenceFixtures {

    private static final Pattern CONFIRM = Pattern.compile("https?://[^/\\s]+(/confirm/[A-Za-z0-9_.-]+)");

    private SequenceFixtures() {
    }

    static String path(String slug) {
        return "/api/v1/publications/" + slug + "/sequences";
    }

    /** A new sequence (201); returns its id. */
    static long sequence(String token, String slug, Map<String, Object> body) {
        return ((Number) as(token).body(body).post(path(slug)).then().statusCode(201).extract().path("id")).longValue();
    }

    /** Adds a step at the end (201); returns its id. */
    static long step(String token, String slug, long sequence, String subject, int delayMinutes, String body) {
        Map<String, Object> request = new HashMap<>();
        request.put("subject", subject);
        request.put("preheader", "A line after " + subject);
        request.put("bodyMarkdown", body);
        request.put("delayMinutes", delayMinutes);
        List<Map<String, Object>> steps = as(token).body(request).post(path(slug) + "/" + sequence + "/steps").then()
                .statusCode(201).extract().path("steps");
        return steps.stream().filter(s -> subject.equals(s.get("subject"))).map(s -> ((Number) s.get("id")).longValue())
                .findFirst().orElseThrow();
    }

    /** A subscriber the writer adds (active at once, as if confirmed); returns their id. */
    static long added(String token, String slug, String email, List<String> tags) {
        return ((Number) as(token).body(Map.of("email", email, "tags", tags))
                .post("/api/v1/publications/" + slug + "/subscribers").then().statusCode(201).extract().path("id"))
                .longValue();
    }

    /** Subscribes by the public form and confirms by the mailed link, as a person does. */
    static void subscribeAndConfirm(String slug, String email) {
        Api.anonymous().body(Map.of("email", email)).post("/p/" + slug + "/subscribe").then().statusCode(202);
        Matcher link = CONFIRM.matcher(Mailbox.awaitTo(email).textPart().orElseThrow());
        if (!link.find()) {
            throw new AssertionError("no confirmation link");
        }
        String client = Api.randomClient();
        Response page = given().header("X-Forwarded-For", client).get(link.group(1));
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.asString());
        if (!csrf.find()) {
            throw new AssertionError("no confirm button");
        }
        given().header("X-Forwarded-For", client).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie("gazette_form", page.getCookie("gazette_form")).formParam("csrf", csrf.group(1))
                .post(link.group(1)).then().statusCode(200);
    }

    /** The message with this subject to this address, waiting for it. */
    static CapturedMessage awaitMail(String email, String subject) {
        return Mailbox.awaitSubject(email, subject);
    }

    static long received(String email, String subject) {
        return Mailbox.to(email).stream().filter(m -> m.subject().equals(subject)).count();
    }

    /** Delivery rows of this step for this subscriber. */
    static long deliveries(DataSource db, long step, long subscriber) {
        return Db.count(db, "SELECT count(*) FROM delivery d JOIN sequence_step st ON st.send_id = d.send_id "
                + "WHERE st.id = ? AND d.subscriber_id = ?", step, subscriber);
    }

    static long subscriberId(DataSource db, String email) {
        return Db.count(db, "SELECT id FROM subscriber WHERE email = ?", email);
    }

    static void later(DataSource db, MovableClock clock, Duration by) {
        clock.forwardWhenSettled(db, by);
    }

    static void settled(DataSource db) {
        MovableClock.settled(db);
    }
}
