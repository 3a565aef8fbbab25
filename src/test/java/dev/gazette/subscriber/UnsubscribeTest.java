package dev.gazette.subscriber;

import static dev.gazette.subscriber.Subscribing.browser;
import static dev.gazette.subscriber.Subscribing.link;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

@QuarkusTest
class UnsubscribeTest {

    @Inject
    DataSource db;

    @Inject
    Audience audience;

    @Inject
    dev.gazette.core.SignedTokens tokens;

    @Test
    void getShowsAButtonAndChangesNothingWhileTheOneClickPostUnsubscribesWithoutACookie() {
        Api.Account writer = Api.writer("One");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("leaver");
        CapturedMessage welcome = Subscribing.subscribeAndConfirm(slug, email);
        String unsubscribe = link(welcome, "unsubscribe");
        String header = welcome.header("List-Unsubscribe").orElseThrow();
        assertThat(header).contains(unsubscribe);
        long id = subscriberId(email);

        for (int i = 0; i < 3; i++) {
            browser().get(unsubscribe).then().statusCode(200).body(containsString("method=\"post\""))
                    .body(containsString("action=\"" + unsubscribe + "\""));
            browser().head(unsubscribe).then().statusCode(200);
        }
        assertThat(status(email)).isEqualTo("active");
        assertThat(audienceIds(slug)).contains(id);

        // RFC 8058: exactly what a mailbox provider sends, no cookie, no page
        browser().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post(unsubscribe).then().statusCode(200);
        assertThat(status(email)).isEqualTo("unsubscribed");
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ? AND unsubscribed_at IS NOT NULL", email))
                .isOne();
        // the consent ledger is kept, marked withdrawn
        assertThat(Db.count(db, "SELECT count(*) FROM consent c JOIN subscriber s ON s.id = c.subscriber_id "
                + "WHERE s.email = ? AND c.withdrawn_at IS NOT NULL AND c.confirmed_at IS NOT NULL", email)).isOne();
        assertThat(audienceIds(slug)).doesNotContain(id);
        assertThat(audience.isSendable(publicationId(slug), id)).isFalse();

        // idempotent, whatever the body
        browser().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post(unsubscribe).then().statusCode(200);
        browser().post(unsubscribe).then().statusCode(200);
        assertThat(status(email)).isEqualTo("unsubscribed");
        browser().get(unsubscribe).then().statusCode(200).body(containsString("이미 구독이 해지되었습니다"));
    }

    @Test
    void tamperedAndWrongPurposeTokensAreRefused() {
        Api.Account writer = Api.writer("Tokens");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("victim");
        CapturedMessage welcome = Subscribing.subscribeAndConfirm(slug, email);
        String unsubscribeToken = token(link(welcome, "unsubscribe"));
        String preferencesToken = token(link(welcome, "preferences"));

        // change the subject (another subscriber id) but keep the signature
        String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString((subscriberId(email) + 1 + "|").getBytes())
                + unsubscribeToken.substring(unsubscribeToken.indexOf('.'));
        String flipped = unsubscribeToken.substring(0, unsubscribeToken.length() - 2)
                + (unsubscribeToken.endsWith("AA") ? "BB" : "AA");
        for (String bad : List.of(forged, flipped, "nonsense", preferencesToken)) {
            browser().post("/unsubscribe/" + bad).then().statusCode(404).contentType("application/problem+json")
                    .body("code", equalTo("invalid_token"));
            browser().get("/unsubscribe/" + bad).then().statusCode(404).body("code", equalTo("invalid_token"));
        }
        for (String bad : List.of(unsubscribeToken, forged)) {
            browser().get("/preferences/" + bad).then().statusCode(404).body("code", equalTo("invalid_token"));
            browser().get("/preferences/" + bad + "/export").then().statusCode(404).body("code", equalTo("invalid_token"));
            browser().post("/preferences/" + bad + "/erase").then().statusCode(404).body("code", equalTo("invalid_token"));
        }
        for (String bad : List.of(unsubscribeToken, preferencesToken)) {
            browser().get("/confirm/" + bad).then().statusCode(404).body("code", equalTo("invalid_token"));
        }
        assertThat(status(email)).isEqualTo("active");
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ?", email)).isOne();
    }

    @Test
    void anExpiredConfirmationLinkIsRefused() {
        Api.Account writer = Api.writer("Expiry");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("late");
        Subscribing.subscribeByForm(slug, email, null).then().statusCode(200);
        long id = subscriberId(email);
        long consent = Db.count(db, "SELECT max(id) FROM consent WHERE subscriber_id = ?", id);
        String expired = tokens.sign(SubscriberLinks.CONFIRM, id + ":" + consent, java.time.Instant.now().minusSeconds(60));
        browser().get("/confirm/" + expired).then().statusCode(404).body("code", equalTo("invalid_token"));
        assertThat(status(email)).isEqualTo("pending");
        String valid = tokens.sign(SubscriberLinks.CONFIRM, id + ":" + consent, java.time.Instant.now().plusSeconds(60));
        Subscribing.confirm("/confirm/" + valid).then().statusCode(200);
        assertThat(status(email)).isEqualTo("active");
    }

    @Test
    void anUnsubscribedAddressIsNeverRevivedByTheWriter() {
        Api.Account writer = Api.writer("Revive");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("gone");
        CapturedMessage welcome = Subscribing.subscribeAndConfirm(slug, email);
        browser().post(link(welcome, "unsubscribe")).then().statusCode(200);

        Api.as(writer.token()).body(Map.of("email", email)).post("/api/v1/publications/" + slug + "/subscribers")
                .then().statusCode(409).body("code", equalTo("address_suppressed"));
        Api.as(writer.token()).contentType("text/csv").body("email,name\n" + email + ",Back\n")
                .post("/api/v1/publications/" + slug + "/subscribers/import")
                .then().statusCode(200).body("created", equalTo(0)).body("updated", equalTo(0)).body("skipped", equalTo(1));
        assertThat(status(email)).isEqualTo("unsubscribed");

        // even after the writer deletes the row, the suppression keeps the address out
        Api.as(writer.token()).delete("/api/v1/publications/" + slug + "/subscribers/" + subscriberId(email))
                .then().statusCode(204);
        Api.as(writer.token()).body(Map.of("email", email)).post("/api/v1/publications/" + slug + "/subscribers")
                .then().statusCode(409).body("code", equalTo("address_suppressed"));
        Api.as(writer.token()).contentType("text/csv").body("email\n" + email + "\n")
                .post("/api/v1/publications/" + slug + "/subscribers/import")
                .then().statusCode(200).body("created", equalTo(0)).body("skipped", equalTo(1));
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ?", email)).isZero();
    }

    static String token(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private List<Long> audienceIds(String slug) {
        return audience.batch(publicationId(slug), List.of(), 0, 10_000).stream().map(Audience.Member::subscriberId).toList();
    }

    private long publicationId(String slug) {
        return Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug);
    }

    private long subscriberId(String email) {
        return Db.count(db, "SELECT id FROM subscriber WHERE email = ?", email);
    }

    private String status(String email) {
        return Subscribing.status(db, email);
    }
}
