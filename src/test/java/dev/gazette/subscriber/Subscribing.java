package dev.gazette.subscriber;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Mailbox;

/** Test steps of a subscriber's journey, through the public HTTP endpoints and the mailbox. */
final class Subscribing {

    private static final Pattern LINK = Pattern
            .compile("https?://[^/\\s]+(/(confirm|unsubscribe|preferences)/[A-Za-z0-9_.-]+)");

    private Subscribing() {
    }

    /** The status of the subscriber with this address (tests use each address in one publication only). */
    static String status(javax.sql.DataSource db, String email) {
        try (java.sql.Connection c = db.getConnection();
                java.sql.PreparedStatement s = c.prepareStatement("SELECT status FROM subscriber WHERE email = ?")) {
            s.setString(1, email);
            try (java.sql.ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A browser-like client: its own address, no cookies. */
    static RequestSpecification browser() {
        return given().header("X-Forwarded-For", Api.randomClient()).redirects().follow(false);
    }

    static Response subscribeByForm(String slug, String email, String name) {
        RequestSpecification request = browser().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("email", email);
        if (name != null) {
            request.formParam("name", name);
        }
        return request.post("/p/" + slug + "/subscribe");
    }

    static Response subscribeByJson(String slug, String email) {
        return Api.anonymous().body(Map.of("email", email)).post("/p/" + slug + "/subscribe");
    }

    /** Posts raw bytes, which rest-assured will not do for a form; returns status and body. */
    static java.net.http.HttpResponse<String> postRaw(String path, String contentType, byte[] body) {
        try {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + path))
                    .header("Content-Type", contentType).header("X-Forwarded-For", Api.randomClient())
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
            return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The path (with token) of the first link of this kind in the text part of a message. */
    static String link(CapturedMessage message, String kind) {
        Matcher m = LINK.matcher(message.textPart().orElseThrow());
        while (m.find()) {
            if (m.group(2).equals(kind)) {
                return m.group(1);
            }
        }
        throw new AssertionError("no " + kind + " link in the message");
    }

    /**
     * What a person does with the confirmation link: opens its page (which sets the form cookie)
     * and presses its button; returns the answer to the button.
     */
    static Response confirm(String path) {
        String client = Api.randomClient();
        Response page = given().header("X-Forwarded-For", client).redirects().follow(false).get(path);
        page.then().statusCode(200);
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.asString());
        if (!csrf.find()) {
            return page; // nothing to press: the page already says how it stands
        }
        return given().header("X-Forwarded-For", client).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie("gazette_form", page.getCookie("gazette_form")).formParam("csrf", csrf.group(1)).post(path);
    }

    /** Subscribes by form and follows the link from the confirmation email; returns the welcome email. */
    static CapturedMessage subscribeAndConfirm(String slug, String email) {
        subscribeByForm(slug, email, null).then().statusCode(200);
        CapturedMessage confirmation = Mailbox.awaitTo(email);
        confirm(link(confirmation, "confirm")).then().statusCode(200);
        return Mailbox.catcher()
                .await(m -> m.recipients().contains(email) && m.id() > confirmation.id(), java.time.Duration.ofSeconds(5))
                .orElseThrow(() -> new AssertionError("no welcome email reached " + email));
    }
}
