package dev.gazette.publication;

import static dev.gazette.testing.Api.as;
import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static dev.gazette.testing.StudioForms.session;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.StudioForms.Page;

/**
 * The studio's publication pages as a browser uses them: a logged-in writer creates a publication
 * from the form and changes its settings; a refused form shows why next to each field, keeps what
 * was typed and changes nothing; a form without its token, or another writer's page, gets nothing.
 */
@QuarkusTest
class StudioPublicationPagesTest {

    @Inject
    DataSource db;

    @Test
    void aWriterCreatesAPublicationFromTheFormAndLandsOnItsSettings() {
        Api.Account writer = Api.writer("Studio");
        String slug = slug();
        Page page = open(writer, "/studio/publications/new", "ko");
        assertThat(page.html()).contains("새 뉴스레터").contains("name=\"slug\"");

        Response created = post(writer, page, "/studio/publications", fields(slug, Map.of("tipPrice", "3,000")), "ko");

        assertThat(created.statusCode()).as(created.asString()).isEqualTo(303);
        assertThat(created.header("Location")).endsWith("/studio/publications/" + slug + "/settings?saved=1");
        assertThat(Db.count(db, "SELECT count(*) FROM publication p JOIN account a ON a.id = p.owner_id WHERE p.slug = ? "
                + "AND a.email = ? AND p.name = '내일의 기술' AND p.locale = 'ko' AND p.time_zone = 'Asia/Seoul' "
                + "AND p.sender_email = 'letters@tomorrow.example.com' AND p.tip_price = 3000 AND p.tip_currency = 'KRW' "
                + "AND p.tracking", slug, writer.email())).isOne();
        Page settings = open(writer, "/studio/publications/" + slug + "/settings?saved=1", "ko");
        assertThat(settings.html()).contains("저장했습니다.").contains("value=\"내일의 기술\"").contains("value=\"3000\"");
        Page home = open(writer, "/studio", "ko");
        assertThat(home.html()).contains("내일의 기술").contains("/studio/publications/" + slug + "/settings");
    }

    @Test
    void settingsChangeEveryFieldAndAnEmptyPriceStopsTips() {
        Api.Account writer = Api.writer("Settings");
        String slug = slug();
        Page page = open(writer, "/studio/publications/new", "en");
        assertThat(post(writer, page, "/studio/publications", fields(slug, Map.of("tipPrice", "2.50", "tipCurrency",
                "USD", "locale", "en")), "en").statusCode()).isEqualTo(303);

        Page settings = open(writer, "/studio/publications/" + slug + "/settings", "en");
        Map<String, String> changed = new HashMap<>(Map.of("name", "Tomorrow Tech", "tagline", "Weekly", "description",
                "Every week", "category", "tech", "locale", "en", "timeZone", "Europe/Berlin", "senderName", "Ji-eun",
                "senderEmail", "news@tomorrow.example.com", "replyTo", "", "copyrightNotice", "(c) Tomorrow"));
        changed.put("tipPrice", "");
        changed.put("tipCurrency", "EUR");
        Response saved = post(writer, settings, "/studio/publications/" + slug + "/settings", changed, "en");

        assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(303);
        assertThat(Db.count(db, "SELECT count(*) FROM publication WHERE slug = ? AND name = 'Tomorrow Tech' "
                + "AND tagline = 'Weekly' AND category = 'tech' AND time_zone = 'Europe/Berlin' AND sender_name = 'Ji-eun' "
                + "AND sender_email = 'news@tomorrow.example.com' AND reply_to IS NULL AND copyright_notice = '(c) Tomorrow' "
                + "AND tip_price IS NULL AND tip_currency = 'EUR' AND NOT tracking", slug)).isOne();
    }

    @Test
    void aRefusedFormSaysWhyNextToEachFieldKeepsWhatWasTypedAndChangesNothing() {
        Api.Account writer = Api.writer("Typo");
        String slug = slug();
        Page page = open(writer, "/studio/publications/new", "ko");
        Response refused = post(writer, page, "/studio/publications",
                fields(slug, Map.of("name", "", "senderEmail", "not-an-address", "tagline", "지켜야 할 한 줄")), "ko");

        assertThat(refused.statusCode()).isEqualTo(422);
        String html = refused.asString();
        assertThat(html).contains("id=\"e-name\"").contains("이름을(를) 입력해 주세요")
                .contains("id=\"e-senderEmail\"").contains("보내는 주소이(가) 올바른 이메일 주소가 아니에요")
                .contains("value=\"not-an-address\"").contains("value=\"지켜야 할 한 줄\"").contains("value=\"" + slug + "\"")
                .doesNotContain("id=\"e-slug\"");
        assertThat(Db.count(db, "SELECT count(*) FROM publication WHERE slug = ?", slug)).isZero();

        Response taken = post(writer, page, "/studio/publications", fields(Api.publication(writer.token()), Map.of()),
                "en");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.asString()).contains("id=\"e-slug\"").contains("Address (slug) is taken by another publication");

        Page settings = open(writer, "/studio/publications/" + postCreated(writer, slug) + "/settings", "en");
        Response bad = post(writer, settings, "/studio/publications/" + slug + "/settings",
                Map.of("name", "Renamed", "senderName", "X", "senderEmail", "x@example.com", "timeZone", "Mars/Base",
                        "locale", "ko"),
                "en");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.asString()).contains("Time zone is not a known time zone").contains("value=\"Renamed\"");
        assertThat(Db.count(db, "SELECT count(*) FROM publication WHERE slug = ? AND name = '내일의 기술'", slug)).isOne();
    }

    @Test
    void aFormWithoutItsTokenIsRefusedAndChangesNothing() {
        Api.Account writer = Api.writer("Forged");
        String slug = slug();
        Page page = open(writer, "/studio/publications/new", "en");
        Page forged = page.withoutToken();
        Response refused = post(writer, forged, "/studio/publications", fields(slug, Map.of()), "en");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.asString()).contains("csrf_failed");
        Page otherBrowser = new Page(page.html(), "another-browser", page.csrf());
        assertThat(post(writer, otherBrowser, "/studio/publications", fields(slug, Map.of()), "en").statusCode())
                .isEqualTo(403);
        assertThat(Db.count(db, "SELECT count(*) FROM publication WHERE slug = ?", slug)).isZero();

        postCreated(writer, slug);
        Response change = post(writer, forged, "/studio/publications/" + slug + "/settings",
                Map.of("name", "Hijacked", "senderName", "X", "senderEmail", "x@example.com", "locale", "ko"), "en");
        assertThat(change.statusCode()).isEqualTo(403);
        assertThat(Db.count(db, "SELECT count(*) FROM publication WHERE slug = ? AND name = '내일의 기술'", slug)).isOne();
    }

    @Test
    void anotherWritersPublicationPagesDoNotExistForThem() {
        Api.Account owner = Api.writer("Owner");
        String slug = slug();
        postCreated(owner, slug);
        Api.Account other = Api.writer("Other");
        Page page = open(other, "/studio/publications/new", "en");

        session(other, "en").get("/studio/publications/" + slug + "/settings").then().statusCode(404);
        Response change = post(other, page, "/studio/publications/" + slug + "/settings",
                Map.of("name", "Taken over", "senderName", "X", "senderEmail", "x@example.com", "locale", "ko"), "en");
        assertThat(change.statusCode()).isEqualTo(404);
        assertThat(Db.count(db, "SELECT count(*) FROM publication WHERE slug = ? AND name = '내일의 기술'", slug)).isOne();
        assertThat(session(other, "en").get("/studio").then().statusCode(200).extract().asString()).doesNotContain(slug);
        // without a session: the login form, and back afterwards
        given().redirects().follow(false).get("/studio/publications/" + slug + "/settings").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.containsString("/login?next="));
    }

    @Test
    void theStudioListsEachPublicationWithItsSubscribersAndLatestIssue() {
        Api.Account writer = Api.writer("Lister");
        String slug = slug();
        postCreated(writer, slug);
        for (int i = 0; i < 3; i++) {
            as(writer.token()).body(Map.of("email", Api.uniqueEmail("reader")))
                    .post("/api/v1/publications/" + slug + "/subscribers").then().statusCode(201);
        }
        as(writer.token()).body(Map.of("title", "첫 레터", "slug", "first", "bodyMarkdown", "안녕"))
                .post("/api/v1/publications/" + slug + "/issues").then().statusCode(201);

        String html = session(writer, "ko").get("/studio").then().statusCode(200).extract().asString();
        Matcher row = Pattern.compile("<tr id=\"publication-" + slug + "\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertThat(row.find()).isTrue();
        assertThat(row.group(1)).contains("<td>3</td>").contains("첫 레터").contains("초안");
    }

    @Test
    void theLogOutButtonEndsTheSessionAndOnlyFromThisSite() {
        Api.Account writer = Api.writer("Leaving");
        Page home = open(writer, "/studio", "en");
        assertThat(home.html()).contains("action=\"/logout\"");

        Response forged = post(writer, home.withoutToken(), "/logout", Map.of(), "en");
        assertThat(forged.statusCode()).isEqualTo(403);
        session(writer, "en").get("/studio").then().statusCode(200);

        Response out = post(writer, home, "/logout", Map.of(), "en");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Location")).endsWith("/login");
        assertThat(out.getDetailedCookie("gazette_session").getMaxAge()).isZero();
        session(writer, "en").get("/studio").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.containsString("/login?next="));
    }

    /** Creates a publication through the form; returns its slug. */
    private String postCreated(Api.Account writer, String slug) {
        Page page = open(writer, "/studio/publications/new", "ko");
        assertThat(post(writer, page, "/studio/publications", fields(slug, Map.of()), "ko").statusCode()).isEqualTo(303);
        return slug;
    }

    private static Map<String, String> fields(String slug, Map<String, String> overrides) {
        // as a browser sends the form: every field, the empty ones too
        Map<String, String> fields = new HashMap<>(Map.of("slug", slug, "name", "내일의 기술", "locale", "ko",
                "senderName", "지은", "senderEmail", "letters@tomorrow.example.com", "tracking", "on", "replyTo", "",
                "tagline", "", "timeZone", "", "tipCurrency", ""));
        fields.putAll(Map.of("description", "", "category", "", "copyrightNotice", "", "tipPrice", ""));
        fields.putAll(overrides);
        return fields;
    }

    private static String slug() {
        return "studio-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
