package dev.gazette.testing;

import static dev.gazette.testing.Api.as;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import dev.gazette.embedded.CapturedMessage;

/**
 * The one way tests build "a writer, their publication, its subscribers, an issue, its send"
 * through the public API. Every name is unique, so a test reads only its own data:
 *
 * <pre>
 * Scenario s = Scenario.writer("Jieun").subscribers(2);
 * long issue = s.issue(Map.of("title", "Hello"));
 * s.sendAndAwait(issue);
 * </pre>
 */
public final class Scenario {

    /** Long enough for a loaded 2-core machine; the engine polls every 100 ms in tests. */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final Api.Account writer;
    private final String slug;
    private final List<String> subscribers = new ArrayList<>();

    private Scenario(Api.Account writer, String slug) {
        this.writer = writer;
        this.slug = slug;
    }

    /** A new writer (signed up and logged in) with one new publication of the default fields ({@link Api#publicationBody}). */
    public static Scenario writer(String who) {
        Api.Account writer = Api.writer(who);
        return new Scenario(writer, Api.publication(writer.token()));
    }

    /** The scenario of a writer and publication a test already made. */
    public static Scenario of(String token, String slug) {
        return new Scenario(new Api.Account(null, token), slug);
    }

    public Api.Account account() {
        return writer;
    }

    public String token() {
        return writer.token();
    }

    /** The publication's slug. */
    public String slug() {
        return slug;
    }

    /** The addresses of the subscribers this scenario added, in order. */
    public List<String> subscriberEmails() {
        return List.copyOf(subscribers);
    }

    /** Changes the publication's fields (PATCH). */
    public Scenario publication(Map<String, Object> fields) {
        as(token()).body(fields).patch("/api/v1/publications/" + slug).then().statusCode(200);
        return this;
    }

    /** Adds this many active subscribers through the writer's API (attested consent, no mail). */
    public Scenario subscribers(int count) {
        for (int i = 0; i < count; i++) {
            subscriber("Reader " + (subscribers.size() + 1));
        }
        return this;
    }

    /** Adds one active subscriber of this name through the writer's API and returns their unique address. */
    public String subscriber(String name) {
        String email = Api.uniqueEmail("reader");
        as(token()).body(Map.of("email", email, "name", name)).post(subscribersPath()).then().statusCode(201);
        subscribers.add(email);
        return email;
    }

    public String subscribersPath() {
        return "/api/v1/publications/" + slug + "/subscribers";
    }

    /** A new draft with a unique title and slug unless {@code fields} give them; returns its id. */
    public long issue(Map<String, Object> fields) {
        String unique = "letter-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Letter " + unique);
        body.put("slug", unique);
        body.put("bodyMarkdown", "Hello **readers**.");
        body.putAll(fields);
        return draft(body);
    }

    /** A new draft of exactly these fields (the slug, if absent, comes from the title); returns its id. */
    public long draft(Map<String, Object> body) {
        return ((Number) as(token()).body(body).post("/api/v1/publications/" + slug + "/issues").then().statusCode(201)
                .extract().path("id")).longValue();
    }

    public String issuePath(long issue) {
        return "/api/v1/publications/" + slug + "/issues/" + issue;
    }

    /** Starts the send now (202); the publication needs a subscriber who can be mailed. */
    public void send(long issue) {
        as(token()).body(Map.of()).post(issuePath(issue) + "/send").then().statusCode(202);
    }

    /** Publishes the issue now on the web only, mailing no one ({@code webOnly}, 202), whoever subscribes. */
    public void publishOnWeb(long issue) {
        as(token()).body(Map.of("webOnly", true)).post(issuePath(issue) + "/send").then().statusCode(202);
    }

    /** Starts the send and waits until its progress says {@code sent}. */
    public void sendAndAwait(long issue) {
        send(issue);
        awaitSendStatus(issue, "sent");
    }

    /** Waits until the send's progress shows this status. */
    public void awaitSendStatus(long issue, String status) {
        Awaitility.await("the send of issue " + issue + " is " + status).atMost(SEND_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(as(token()).get(issuePath(issue) + "/progress").then().statusCode(200).extract()
                        .path("status")));
    }

    /** The issue's message to this subscriber, as the SMTP server received it. */
    public static CapturedMessage awaitIssueMail(String email, String subject) {
        return Mailbox.catcher().await(m -> m.recipients().contains(email) && m.subject().equals(subject), SEND_TIMEOUT)
                .orElseThrow(() -> new AssertionError("the issue \"" + subject + "\" did not reach " + email));
    }
}
