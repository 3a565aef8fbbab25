package dev.gazette.engagement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.Scenario;

/**
 * Test steps of a reader's journey: a writer's publication with a subscriber who received a sent
 * issue, the reader's own links from that email, and a browser-like client that keeps the page's
 * form cookie and token.
 */
public final class Readers {

    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";
    private static final Pattern READER = Pattern.compile("\\?r=([A-Za-z0-9_\\-.]+)#");
    private static final Pattern FEEDBACK = Pattern.compile("https?://[^/\\s\"]+(/feedback/[A-Za-z0-9_\\-.]+)\\?rating=good");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private Readers() {
    }

    /** A sent issue and one subscriber who received it. */
    public record Sent(Api.Account writer, String publication, String issueSlug, long issueId, String email, String readerToken,
            String feedbackPath) {

        public String page() {
            return "/p/" + publication + "/" + issueSlug;
        }
    }

    public static Sent sentIssue(String who) {
        return sentIssue(who, Map.of());
    }

    /** A writer, a publication (with {@code publicationFields} patched in), a subscriber, and an issue sent to them. */
    public static Sent sentIssue(String who, Map<String, Object> publicationFields) {
        Scenario scenario = Scenario.writer(who);
        if (!publicationFields.isEmpty()) {
            scenario.publication(publicationFields);
        }
        String email = scenario.subscriber("민지");
        String slug = "letter-" + UUID.randomUUID().toString().substring(0, 8);
        String title = "Letter " + slug;
        long issue = scenario.issue(Map.of("title", title, "slug", slug));
        scenario.send(issue);
        CapturedMessage mail = Scenario.awaitIssueMail(email, title);
        String publication = scenario.slug();
        Api.Account writer = scenario.account();
        String feedback = find(FEEDBACK, mail.textPart().orElseThrow()); // the HTML part's links go through click tracking
        // the email's comment link opens the web version as this reader: their token is in its redirect
        String location = browser(Api.randomClient()).get(feedback + "/comments").then().statusCode(303).extract()
                .header("Location");
        assertThat(location).contains("/p/" + publication + "/" + slug + "?r=").endsWith("#comments");
        return new Sent(writer, publication, slug, issue, email, find(READER, location), feedback);
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no match for " + pattern + " in the mail");
        }
        return m.group(1);
    }

    /** A browser: its own address, its user agent, no redirects followed. */
    static RequestSpecification browser(String client) {
        return given().header("X-Forwarded-For", client).header("User-Agent", BROWSER).redirects().follow(false);
    }

    /** A page as a browser gets it: its HTML, the form cookie it set (if any) and the forms' token. */
    record Page(String html, String cookie, String csrf) {
    }

    static Page open(String client, String path, String cookie) {
        RequestSpecification request = browser(client);
        if (cookie != null) {
            request.cookie("gazette_form", cookie);
        }
        Response response = request.get(path);
        response.then().statusCode(200);
        String html = response.asString();
        String set = response.getCookie("gazette_form");
        Matcher m = CSRF.matcher(html);
        if (m.find()) {
            return new Page(html, set != null ? set : cookie, m.group(1));
        }
        if (html.contains("id=\"reader-state\"")) {
            // the shared page: its script asks for this browser's token, as a browser runs it
            RequestSpecification beacon = browser(client);
            if (cookie != null) {
                beacon.cookie("gazette_form", cookie);
            }
            Response seen = beacon.post(path.replaceAll("[?#].*$", "") + "/seen");
            seen.then().statusCode(200).header("Cache-Control", "no-store");
            String seenCookie = seen.getCookie("gazette_form");
            return new Page(html, seenCookie != null ? seenCookie : cookie, seen.jsonPath().getString("csrf"));
        }
        return new Page(html, set != null ? set : cookie, null);
    }

    /** Posts a form the way the page's browser would: with its cookie and token. */
    static Response postForm(String client, Page page, String path, Map<String, String> fields) {
        RequestSpecification request = browser(client).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie("gazette_form", page.cookie()).formParam("csrf", page.csrf());
        fields.forEach(request::formParam);
        return request.post(path);
    }

    /** The first message to this address that matches, waiting long enough for a loaded machine. */
    static CapturedMessage mail(String address, java.util.function.Predicate<String> text) {
        return Mailbox.catcher().await(m -> m.recipients().contains(address) && text.test(m.textPart().orElse("")),
                Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("no such mail reached " + address));
    }

    /** The path of the first link to this path prefix in a message's text part. */
    static String link(CapturedMessage message, String prefix) {
        Matcher m = Pattern.compile("https?://[^/\\s]+(" + Pattern.quote(prefix) + "[A-Za-z0-9_\\-.]+)")
                .matcher(message.textPart().orElseThrow());
        if (!m.find()) {
            throw new AssertionError("no " + prefix + " link in the message");
        }
        return m.group(1);
    }
}
