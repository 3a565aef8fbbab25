package dev.gazette.subscriber;

import static dev.gazette.subscriber.Subscribing.browser;
import static dev.gazette.subscriber.Subscribing.confirm;
import static dev.gazette.subscriber.Subscribing.link;
import static dev.gazette.subscriber.Subscribing.subscribeByForm;
import static dev.gazette.subscriber.Subscribing.subscribeByJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;

@QuarkusTest
class SubscribeFlowTest {

    @Inject
    DataSource db;

    @ConfigProperty(name = "gazette.subscriber.subscribe-per-minute")
    int subscribePerMinute;

    @Test
    void doubleOptInRoundTripOverSmtp() {
        Api.Account writer = Api.writer("Jieun");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("Reader");

        subscribeByForm(slug, email.toUpperCase(), "민수").then().statusCode(200).contentType(containsString("text/html"));
        assertThat(status(slug, email)).isEqualTo("pending");
        assertThat(Db.count(db, "SELECT count(*) FROM consent c JOIN subscriber s ON s.id = c.subscriber_id "
                + "WHERE s.email = ? AND c.source = 'form' AND c.method = 'double_opt_in' AND c.ip IS NOT NULL "
                + "AND c.wording LIKE '%AI 뉴스레터%' AND c.policy_version = '2026-11' AND c.confirmed_at IS NULL", email))
                .isOne();

        CapturedMessage confirmation = Mailbox.awaitTo(email);
        assertThat(confirmation.subject()).contains("AI 뉴스레터").contains("구독");
        assertThat(confirmation.from()).contains("지은").contains("no-reply@gazette.localhost"); // no verified domain: the platform's
        assertThat(confirmation.header("Reply-To")).hasValueSatisfying(v -> assertThat(v).contains("reply@example.com"));
        assertListHeaders(confirmation);
        assertThat(confirmation.htmlPart()).hasValueSatisfying(html -> assertThat(html).contains("/confirm/").contains("민수"));

        confirm(link(confirmation, "confirm")).then().statusCode(200).body(containsString("구독이 확인되었습니다"));
        assertThat(status(slug, email)).isEqualTo("active");
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ? AND confirmed_at IS NOT NULL AND name = '민수'",
                email)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM consent c JOIN subscriber s ON s.id = c.subscriber_id "
                + "WHERE s.email = ? AND c.confirmed_at IS NOT NULL AND c.confirmation_ip IS NOT NULL", email)).isOne();

        CapturedMessage welcome = Mailbox.catcher().await(m -> m.recipients().contains(email) && m.id() != confirmation.id(),
                java.time.Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError("no welcome email"));
        assertThat(welcome.subject()).contains("감사합니다");
        assertListHeaders(welcome);
        assertThat(welcome.textPart()).hasValueSatisfying(text -> assertThat(text).contains("/unsubscribe/"));

        // following the link again changes nothing and sends nothing more
        confirm(link(confirmation, "confirm")).then().statusCode(200).body(containsString("이미 확인된"));
        assertThat(Mailbox.to(email)).hasSize(2);
    }

    static void assertListHeaders(CapturedMessage message) {
        String listUnsubscribe = message.header("List-Unsubscribe").orElseThrow();
        assertThat(listUnsubscribe).matches("<https?://[^>]+/unsubscribe/[A-Za-z0-9_.-]+>, <mailto:[^>]+>");
        assertThat(message.header("List-Unsubscribe-Post")).contains("List-Unsubscribe=One-Click");
        assertThat(message.header("List-Id")).isPresent();
        assertThat(message.htmlPart().orElseThrow()).contains("/unsubscribe/");
        assertThat(message.textPart().orElseThrow()).contains("/unsubscribe/");
    }

    @Test
    void theAnswerIsTheSameForNewPendingActiveUnsubscribedAndSuppressedAddresses() {
        Api.Account writer = Api.writer("Same");
        String slug = Api.publication(writer.token());
        String pending = Api.uniqueEmail("pending");
        subscribeByForm(slug, pending, null).then().statusCode(200);
        String active = Api.uniqueEmail("active");
        Subscribing.subscribeAndConfirm(slug, active);
        String unsubscribed = Api.uniqueEmail("unsubscribed");
        CapturedMessage welcome = Subscribing.subscribeAndConfirm(slug, unsubscribed);
        browser().post(link(welcome, "unsubscribe")).then().statusCode(200);
        assertThat(status(slug, unsubscribed)).isEqualTo("unsubscribed");

        List<String> addresses = List.of(Api.uniqueEmail("new"), pending, active, unsubscribed);
        List<Response> forms = addresses.stream().map(a -> subscribeByForm(slug, a, null)).toList();
        List<Response> jsons = addresses.stream().map(a -> subscribeByJson(slug, a)).toList();
        for (int i = 1; i < addresses.size(); i++) {
            assertThat(forms.get(i).statusCode()).isEqualTo(forms.get(0).statusCode()).isEqualTo(200);
            assertThat(forms.get(i).asString()).isEqualTo(forms.get(0).asString());
            assertThat(jsons.get(i).statusCode()).isEqualTo(jsons.get(0).statusCode()).isEqualTo(202);
            assertThat(jsons.get(i).asString()).isEqualTo(jsons.get(0).asString());
        }
        // an unsubscribed address stays unsubscribed until its owner confirms again
        assertThat(status(slug, unsubscribed)).isEqualTo("unsubscribed");
        assertThat(status(slug, active)).isEqualTo("active");
    }

    @Test
    void anUnsubscribedReaderWhoSubscribesAgainAndConfirmsIsActiveAgain() {
        Api.Account writer = Api.writer("Again");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("again");
        CapturedMessage welcome = Subscribing.subscribeAndConfirm(slug, email);
        browser().post(link(welcome, "unsubscribe")).then().statusCode(200);

        subscribeByForm(slug, email, null).then().statusCode(200);
        CapturedMessage second = Mailbox.catcher().await(m -> m.recipients().contains(email) && m.id() > welcome.id(),
                java.time.Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError("no second confirmation"));
        confirm(link(second, "confirm")).then().statusCode(200);
        assertThat(status(slug, email)).isEqualTo("active");
        assertThat(Db.count(db, "SELECT count(*) FROM consent c JOIN subscriber s ON s.id = c.subscriber_id WHERE s.email = ?",
                email)).isEqualTo(2);
    }

    @Test
    void theHoneypotAnswersAlikeAndStoresAndSendsNothing() {
        Api.Account writer = Api.writer("Honey");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("bot");
        String human = subscribeByForm(slug, Api.uniqueEmail("human"), null).asString();
        String bot = browser().contentType("application/x-www-form-urlencoded").formParam("email", email)
                .formParam("website", "http://spam.example.com").post("/p/" + slug + "/subscribe")
                .then().statusCode(200).extract().asString();
        assertThat(bot).isEqualTo(human);
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ?", email)).isZero();
        Mailbox.assertNoneTo(email);
    }

    @Test
    void malformedAddressesAreRefusedWithACodeAndNothingIsStoredOrSent() {
        Api.Account writer = Api.writer("Strict");
        String slug = Api.publication(writer.token());
        String local = "x" + java.util.UUID.randomUUID().toString().replace("-", "");
        List<String> bad = List.of("a@b", "a@@b.com", local + "@example.com.",
                local + "@example.com\r\nBcc: victim@example.com",
                "x".repeat(250) + "@example.com", local + "\n@example.com");
        for (String address : bad) {
            subscribeByJson(slug, address).then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("validation_failed"));
            browser().contentType("application/x-www-form-urlencoded").formParam("email", address)
                    .post("/p/" + slug + "/subscribe").then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("validation_failed"));
        }
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber s JOIN publication p ON p.id = s.publication_id "
                + "WHERE p.slug = ?", slug)).isZero();
        Mailbox.assertNoneSince(
                m -> m.recipients().stream().anyMatch(r -> r.contains(local) || r.equals("victim@example.com")));
    }

    @Test
    void aBrowserPostingABadAddressGetsAPageInsteadOfJson() {
        Api.Account writer = Api.writer("Browser");
        String slug = Api.publication(writer.token());
        browser().header("Accept", "text/html,application/xhtml+xml").contentType("application/x-www-form-urlencoded")
                .formParam("email", "a@b").post("/p/" + slug + "/subscribe").then().statusCode(400)
                .contentType(containsString("text/html")).body(containsString("email"));
    }

    @Test
    void invalidUtf8InTheFormIsRefusedAndNothingIsStored() {
        Api.Account writer = Api.writer("Bytes");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("bytes");
        byte[] body = ("email=" + email + "&name=").getBytes(StandardCharsets.US_ASCII);
        byte[] withBadBytes = java.util.Arrays.copyOf(body, body.length + 2);
        withBadBytes[body.length] = (byte) 0xC3; // a lead byte without its continuation
        withBadBytes[body.length + 1] = (byte) 0x28;
        var raw = Subscribing.postRaw("/p/" + slug + "/subscribe", "application/x-www-form-urlencoded", withBadBytes);
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(raw.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(raw.body()).contains("\"code\":\"invalid_encoding\"");
        var escaped = Subscribing.postRaw("/p/" + slug + "/subscribe", "application/x-www-form-urlencoded",
                ("email=" + email + "&name=%FF%FE").getBytes(StandardCharsets.US_ASCII));
        assertThat(escaped.statusCode()).isEqualTo(400);
        assertThat(escaped.body()).contains("\"code\":\"invalid_encoding\"");
        byte[] json = ("{\"email\":\"" + email + "\",\"name\":\"\u00FF\u00FE\"}").getBytes(StandardCharsets.ISO_8859_1);
        browser().contentType("application/json").body(json).post("/p/" + slug + "/subscribe").then().statusCode(400)
                .contentType("application/problem+json");
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ?", email)).isZero();
    }

    @Test
    void subscribingIsRateLimitedPerClient() {
        Api.Account writer = Api.writer("Limit");
        String slug = Api.publication(writer.token());
        String client = Api.randomClient();
        for (int i = 0; i < subscribePerMinute; i++) {
            io.restassured.RestAssured.given().header("X-Forwarded-For", client).contentType("application/json")
                    .body(Map.of("email", Api.uniqueEmail("burst"))).post("/p/" + slug + "/subscribe")
                    .then().statusCode(202);
        }
        io.restassured.RestAssured.given().header("X-Forwarded-For", client).contentType("application/json")
                .body(Map.of("email", Api.uniqueEmail("burst"))).post("/p/" + slug + "/subscribe")
                .then().statusCode(429).body("code", equalTo("rate_limited"));
        // another client is not affected
        subscribeByJson(slug, Api.uniqueEmail("other")).then().statusCode(202);
    }

    @Test
    void unknownOrSuspendedPublicationsHaveNoPageAndTakeNoSubscribers() {
        browser().get("/p/no-such-publication").then().statusCode(404);
        subscribeByJson("no-such-publication", Api.uniqueEmail("x")).then().statusCode(404)
                .body("code", equalTo("publication_not_found"));
        Api.Account writer = Api.writer("Suspended");
        String slug = Api.publication(writer.token());
        Api.as(Api.admin().token()).body(Map.of("reason", "spam")).post("/api/v1/admin/publications/" + slug + "/suspend")
                .then().statusCode(200);
        browser().get("/p/" + slug).then().statusCode(404);
        subscribeByJson(slug, Api.uniqueEmail("x")).then().statusCode(404).body("code", equalTo("publication_not_found"));
    }

    @Test
    void thePublicationPageShowsTheProfileAndTheSubscribeFormInItsLanguage() {
        Api.Account writer = Api.writer("Page");
        String korean = Api.publication(writer.token());
        browser().get("/p/" + korean).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("lang=\"ko\""), containsString("AI 뉴스레터"), containsString("매주 읽는 AI 소식"),
                        containsString("action=\"/p/" + korean + "/subscribe\""), containsString("name=\"website\""),
                        containsString("구독하기"), containsString("언제든 구독을 해지할 수 있습니다"));

        String english = "en-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new java.util.HashMap<>(Api.publicationBody(english));
        body.put("locale", "en");
        body.put("name", "Weekly <Letters>");
        Api.as(writer.token()).body(body).post("/api/v1/publications").then().statusCode(201);
        browser().get("/p/" + english).then().statusCode(200)
                .body(containsString("lang=\"en\""), containsString("Weekly &lt;Letters&gt;"), containsString("Subscribe"),
                        containsString("unsubscribe at any time"));
    }

    private String status(String slug, String email) {
        return Api.as(Api.admin().token()).queryParam("q", email).get("/api/v1/publications/" + slug + "/subscribers")
                .then().statusCode(200).extract().path("items[0].status");
    }
}
