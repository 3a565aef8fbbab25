package dev.gazette.subscriber;

import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static dev.gazette.testing.StudioForms.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.engagement.Readers;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.StudioForms.Page;

/** The studio's subscriber table, one subscriber's page and its actions, as a writer's browser uses them. */
@QuarkusTest
class SubscribersPageTest {

    private static final Pattern ROW = Pattern.compile("<tr id=\"subscriber-(\\d+)\">");

    @Inject
    DataSource db;

    @Test
    void theTablePagesByKeysetSearchesByPrefixAndFilters() {
        Scenario s = Scenario.writer("Table");
        long publication = publicationId(s.slug());
        // 120 subscribers, three tagged "vip", one named 지은
        Db.execute(db, "INSERT INTO subscriber (publication_id, email, email_hash, name, status, tags, created_at, updated_at) "
                + "SELECT ?, 'person' || lpad(g::text, 3, '0') || '@example.com', md5(g::text) || md5(g::text), "
                + "CASE WHEN g = 7 THEN '지은' ELSE 'Person ' || g END, CASE WHEN g % 10 = 0 THEN 'unsubscribed' ELSE 'active' END, "
                + "CASE WHEN g IN (3, 4, 5) THEN ARRAY['vip'] ELSE '{}' END, now() - (g || ' days')::interval, now() "
                + "FROM generate_series(1, 120) g", publication);
        String path = "/studio/publications/" + s.slug() + "/subscribers";

        String first = open(s.account(), path, "en").html();
        assertThat(ids(first)).hasSize(50);
        assertThat(first).contains("person120@example.com").doesNotContain("person070@example.com")
                .contains("id=\"count-active\">108<").contains("id=\"count-unsubscribed\">12<");
        Matcher older = Pattern.compile("href=\"\\?after=(\\d+)\"").matcher(first);
        assertThat(older.find()).isTrue();
        String second = open(s.account(), path + "?after=" + older.group(1), "en").html();
        assertThat(ids(second)).hasSize(50).doesNotContainAnyElementsOf(ids(first));
        assertThat(second).contains("person070@example.com").contains("?before=");

        assertThat(ids(open(s.account(), path + "?q=person11", "en").html())).hasSize(10);
        assertThat(open(s.account(), path + "?q=지", "ko").html()).contains("person007@example.com")
                .doesNotContain("person008@example.com");
        assertThat(ids(open(s.account(), path + "?q=Person 1", "en").html())).hasSize(32); // 1, 10-19, 100-120
        assertThat(ids(open(s.account(), path + "?tag=VIP", "en").html())).hasSize(3);
        assertThat(ids(open(s.account(), path + "?status=unsubscribed", "en").html())).hasSize(12);
        assertThat(ids(open(s.account(), path + "?q=person%", "en").html())).isEmpty(); // % is a character, not a wildcard

        Response wrong = session(s.account(), "en").get(path + "?status=gone&from=yesterday");
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.asString()).contains("This filter is not valid: Status, Added from");
    }

    @Test
    void filtersBySourceAndDateAdded() {
        Scenario s = Scenario.writer("Sources");
        String byApi = s.subscriber("By API");
        Api.as(s.token()).contentType("text/csv; charset=UTF-8").body("email\nimported@example.com\n")
                .post(s.subscribersPath() + "/import").then().statusCode(200);
        String path = "/studio/publications/" + s.slug() + "/subscribers";
        assertThat(open(s.account(), path + "?source=import", "en").html()).contains("imported@example.com")
                .doesNotContain(byApi);
        assertThat(open(s.account(), path + "?source=api", "en").html()).contains(byApi)
                .doesNotContain("imported@example.com");
        assertThat(ids(open(s.account(), path + "?from=2000-01-01&to=2000-12-31", "en").html())).isEmpty();
        assertThat(ids(open(s.account(), path + "?from=2000-01-01", "en").html())).hasSize(2);

        // the page's export link downloads every subscriber as CSV with the browser's session
        String export = "/api/v1/publications/" + s.slug() + "/subscribers/export";
        assertThat(open(s.account(), path, "en").html()).contains("href=\"" + export + "\"");
        Response csv = session(s.account(), "en").get(export);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.asString()).startsWith("email,").contains("imported@example.com").contains(byApi);
    }

    @Test
    void theWriterAddsTagsAndUnsubscribesOneSubscriber() {
        Api.Account writer = Api.writer("Adder");
        String slug = Api.publication(writer.token());
        String base = "/studio/publications/" + slug + "/subscribers";
        Page form = open(writer, base + "/new", "ko");

        Response added = post(writer, form, base + "/new", Map.of("email", "Min@Example.com", "name", "민", "tags",
                "ai, weekly", "consentNote", "met at the meetup"), "ko");
        assertThat(added.statusCode()).isEqualTo(303);
        long id = Db.count(db, "SELECT id FROM subscriber WHERE email = 'min@example.com' AND status = 'active' "
                + "AND tags = '{ai,weekly}' AND name = '민'");
        assertThat(added.header("Location")).endsWith(base + "/" + id + "?done=added");
        assertThat(Db.text(db, "SELECT source || ' ' || method || ' ' || note FROM consent WHERE subscriber_id = ?", id))
                .isEqualTo("api writer_attested met at the meetup");

        Response again = post(writer, form, base + "/new", Map.of("email", "min@example.com"), "ko");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.asString()).contains("이미 구독 중인 주소예요.");
        Response bad = post(writer, form, base + "/new", Map.of("email", "not an address", "name", "x"), "en");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.asString()).contains("Enter a valid email address.").contains("value=\"not an address\"");

        Page page = open(writer, base + "/" + id, "en");
        assertThat(page.html()).contains("min@example.com").contains("met at the meetup").contains("Attested by the writer")
                .contains("value=\"ai, weekly\"");
        assertThat(post(writer, page, base + "/" + id + "/tags", Map.of("tags", "news, AI"), "en").statusCode())
                .isEqualTo(303);
        assertThat(Db.text(db, "SELECT array_to_string(tags, ',') FROM subscriber WHERE id = ?", id)).isEqualTo("news,ai");
        Response badTag = post(writer, page, base + "/" + id + "/tags", Map.of("tags", "ok, !!"), "en");
        assertThat(badTag.statusCode()).isEqualTo(422);
        assertThat(badTag.asString()).contains("value=\"ok, !!\"");
        assertThat(Db.text(db, "SELECT array_to_string(tags, ',') FROM subscriber WHERE id = ?", id)).isEqualTo("news,ai");

        assertThat(post(writer, page, base + "/" + id + "/unsubscribe", Map.of(), "en").statusCode()).isEqualTo(303);
        assertThat(Db.text(db, "SELECT status FROM subscriber WHERE id = ?", id)).isEqualTo("unsubscribed");
        assertThat(Db.text(db, "SELECT target FROM audit_log WHERE action = 'subscriber_unsubscribed' AND target = ?",
                "subscriber " + id)).isEqualTo("subscriber " + id);
        assertThat(Db.count(db, "SELECT count(*) FROM consent WHERE subscriber_id = ? AND withdrawn_at IS NOT NULL", id))
                .isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM suppression x JOIN subscriber s ON s.email_hash = x.email_hash "
                + "AND s.publication_id = x.publication_id WHERE s.id = ? AND x.reason = 'unsubscribed'", id)).isOne();
        assertThat(open(writer, base + "/" + id + "?done=unsubscribed", "en").html())
                .contains("They are unsubscribed").doesNotContain("/unsubscribe\"");
    }

    @Test
    void addingWithDoubleOptInMailsAConfirmationAndKeepsThemPending() {
        Api.Account writer = Api.writer("Confirming");
        String slug = Api.publication(writer.token());
        String base = "/studio/publications/" + slug + "/subscribers";
        String email = Api.uniqueEmail("confirm");
        Page form = open(writer, base + "/new", "en");
        assertThat(post(writer, form, base + "/new", Map.of("email", email, "doubleOptIn", "1"), "en").statusCode())
                .isEqualTo(303);
        assertThat(Db.text(db, "SELECT s.status || ' ' || c.method FROM subscriber s JOIN consent c ON c.subscriber_id = s.id "
                + "WHERE s.email = ?", email)).isEqualTo("pending double_opt_in");
        assertThat(Mailbox.awaitTo(email).subject()).contains("구독을 확인해 주세요");
    }

    @Test
    void oneSubscribersPageShowsWhatTheyReceivedAndWroteAndErasingAnonymizesTheirComment() {
        Readers.Sent sent = Readers.sentIssue("Profile");
        Api.anonymous().body(Map.of("body", "좋은 글이에요", "name", "민지", "token", sent.readerToken()))
                .post(sent.page() + "/comments").then().statusCode(201);
        long id = Db.count(db, "SELECT id FROM subscriber WHERE email = ?", sent.email());
        String base = "/studio/publications/" + sent.publication() + "/subscribers/" + id;

        String profile = open(sent.writer(), base, "en").html();
        assertThat(profile).contains(sent.email()).contains(sent.issueSlug()).contains("좋은 글이에요")
                .contains("id=\"deliveries\"");

        Page confirm = open(sent.writer(), base + "/erase", "en");
        assertThat(confirm.html()).contains("Erase " + sent.email() + "?").contains("1 comment stays")
                .contains("The consent record (1 entry)").contains("1 delivery");
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE id = ?", id)).isOne(); // the GET erased nothing

        Response erased = post(sent.writer(), confirm, base + "/erase", Map.of(), "en");
        assertThat(erased.statusCode()).isEqualTo(303);
        assertThat(erased.header("Location")).endsWith("/subscribers?done=erased");
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE id = ?", id)).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM consent WHERE subscriber_id = ?", id)).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE issue_id = ? AND body_markdown = '좋은 글이에요' "
                + "AND author_name = '' AND subscriber_id IS NULL", sent.issueId())).isOne();
        assertThat(session(sent.writer(), "en").get(base).statusCode()).isEqualTo(404);
    }

    private long publicationId(String slug) {
        return Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug);
    }

    private static java.util.List<String> ids(String html) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
