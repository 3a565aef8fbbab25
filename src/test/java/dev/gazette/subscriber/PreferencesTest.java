package dev.gazette.subscriber;

import static dev.gazette.subscriber.Subscribing.browser;
import static dev.gazette.subscriber.Subscribing.link;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;

@QuarkusTest
class PreferencesTest {

    @Inject
    DataSource db;

    @Inject
    AddressHashes hashes;

    @Inject
    ErasedEvents erasedEvents;

    @Test
    void aSubscriberChangesTheirNameAndPicksOnlyPublicTopics() {
        Api.Account writer = Api.writer("Topics");
        String slug = Api.publication(writer.token());
        Api.as(writer.token()).body(Map.of("topics", List.of(Map.of("tag", "AI", "label", "인공지능"),
                Map.of("tag", "books", "label", "책")))).put("/api/v1/publications/" + slug + "/topics")
                .then().statusCode(200).body("tag", equalTo(List.of("ai", "books")));
        String email = Api.uniqueEmail("prefs");
        String preferences = link(Subscribing.subscribeAndConfirm(slug, email), "preferences");
        long id = Db.count(db, "SELECT id FROM subscriber WHERE email = ?", email);
        Api.as(writer.token()).body(Map.of("tags", List.of("vip", "books")))
                .patch("/api/v1/publications/" + slug + "/subscribers/" + id).then().statusCode(200);

        browser().get(preferences).then().statusCode(200).body(containsString("인공지능"), containsString(email),
                containsString("/unsubscribe/"), containsString("/erase"));

        browser().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("name", "새 이름")
                .formParam("topics", "ai").post(preferences).then().statusCode(200).body(containsString("저장했습니다"));
        Api.as(writer.token()).get("/api/v1/publications/" + slug + "/subscribers/" + id).then().statusCode(200)
                .body("name", equalTo("새 이름")).body("tags", equalTo(List.of("vip", "ai")));

        Api.anonymous().body(Map.of("name", "JSON", "topics", List.of("books", "ai"))).post(preferences)
                .then().statusCode(200).body("name", equalTo("JSON")).body("topics.findAll { it.selected }.tag",
                        equalTo(List.of("ai", "books")));
        // a private tag is not a topic a subscriber may pick
        Api.anonymous().body(Map.of("topics", List.of("secret-segment"))).post(preferences)
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        Api.as(writer.token()).get("/api/v1/publications/" + slug + "/subscribers/" + id).then()
                .body("tags", equalTo(List.of("vip", "books", "ai")));
    }

    @Test
    void theExportHoldsTheSubscriberAndTheConsentRecord() {
        Api.Account writer = Api.writer("Export");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("mine");
        CapturedMessage welcome = Subscribing.subscribeAndConfirm(slug, email);
        browser().get(link(welcome, "preferences") + "/export").then().statusCode(200)
                .contentType(containsString("application/json"))
                .header("Content-Disposition", containsString("attachment"))
                .body("publication.slug", equalTo(slug))
                .body("subscriber.email", equalTo(email))
                .body("subscriber.status", equalTo("active"))
                .body("consents", hasSize(1))
                .body("consents[0].source", equalTo("form"))
                .body("consents[0].method", equalTo("double_opt_in"))
                .body("consents[0].wording", containsString("AI 뉴스레터"))
                .body("consents[0].policyVersion", equalTo("2026-11"))
                .body("consents[0].ip", org.hamcrest.Matchers.notNullValue())
                .body("consents[0].givenAt", org.hamcrest.Matchers.notNullValue())
                .body("consents[0].confirmedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void eraseLeavesNoTraceOfTheAddressExceptItsSaltedHash() throws Exception {
        Api.Account writer = Api.writer("Erase");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("forget-me");
        CapturedMessage welcome = Subscribing.subscribeAndConfirm(slug, email);
        String preferences = link(welcome, "preferences");
        assertThat(tablesMentioning(email)).contains("subscriber");

        long id = Db.count(db, "SELECT id FROM subscriber WHERE email = ?", email);
        browser().post(preferences + "/erase").then().statusCode(200);

        // the features holding comments and tips hear of it, with what they need to anonymize
        assertThat(erasedEvents.seen()).anySatisfy(event -> {
            assertThat(event.subscriberId()).isEqualTo(id);
            assertThat(event.email()).isEqualTo(email);
            assertThat(event.emailHash()).isEqualTo(hashes.of(email));
        });

        assertThat(tablesMentioning(email)).isEmpty();
        assertThat(tablesMentioning(email.substring(0, email.indexOf('@')))).isEmpty();
        assertThat(Db.count(db, "SELECT count(*) FROM suppression s JOIN publication p ON p.owner_id = s.owner_id "
                + "AND p.slug = s.publication_slug WHERE p.slug = ? AND s.reason = 'erased' AND s.email_hash = ?", slug,
                hashes.of(email))).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM suppression WHERE email_hash = ?",
                java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(email.getBytes()))))
                .as("the hash is salted, not a plain digest").isZero();
        // the links now lead nowhere, and the one-click unsubscribe is simply done
        browser().get(preferences).then().statusCode(404).body("code", equalTo("subscriber_not_found"));
        browser().post(link(welcome, "unsubscribe")).then().statusCode(200);

        // subscribing again is answered alike, but stores and sends nothing
        Subscribing.subscribeByForm(slug, email, null).then().statusCode(200);
        assertThat(tablesMentioning(email)).isEmpty();
        Mailbox.assertNoneSince(m -> m.recipients().contains(email) && m.id() > welcome.id());
        // and the writer cannot bring it back
        Api.as(writer.token()).body(Map.of("email", email)).post("/api/v1/publications/" + slug + "/subscribers")
                .then().statusCode(409).body("code", equalTo("address_suppressed"));
        assertThat(tablesMentioning(email)).isEmpty();
    }

    /** Every table with a text-like column holding this string anywhere. */
    private List<String> tablesMentioning(String needle) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT table_name, column_name FROM information_schema.columns "
                    + "WHERE table_schema = 'public' AND data_type IN ('character varying', 'text', 'character', 'jsonb', "
                    + "'json', 'ARRAY', 'bytea')"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    columns.add(new String[]{r.getString(1), r.getString(2)});
                }
            }
            assertThat(columns).extracting(col -> col[0]).contains("subscriber", "consent", "suppression");
            for (String[] column : columns) {
                String sql = "SELECT count(*) FROM \"" + column[0] + "\" WHERE position(lower(?) in lower(\"" + column[1]
                        + "\"::text)) > 0";
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, needle);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        if (r.getLong(1) > 0) {
                            found.add(column[0]);
                        }
                    }
                }
            }
        }
        return found;
    }
}
