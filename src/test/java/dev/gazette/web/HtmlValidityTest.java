package dev.gazette.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import nu.validator.validation.SimpleDocumentValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.PublicPages;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.Sends;
import dev.gazette.testing.StudioForms;

/**
 * Every public page passes the Nu Html Checker (the validator behind validator.w3.org/nu), run
 * in-process. To check a new page, add it to {@link PublicPages#pages()}.
 */
@QuarkusTest
class HtmlValidityTest {

    @Inject
    DataSource db;

    @Inject
    dev.gazette.core.SignedTokens tokens;

    /** The checker's errors for the document being checked (warnings are advice, not errors). */
    private static final List<String> errors = new ArrayList<>();
    private static SimpleDocumentValidator checker;

    @BeforeAll
    static void setUpChecker() throws Exception {
        ErrorHandler handler = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                error(e);
            }
        };
        checker = new SimpleDocumentValidator(true, false, false);
        checker.setUpMainSchema("http://s.validator.nu/html5-rdfalite.rnc", handler);
        checker.setUpValidatorAndParsers(handler, true, false);
    }

    private static List<String> check(byte[] html) throws Exception {
        errors.clear();
        InputSource source = new InputSource(new ByteArrayInputStream(html));
        source.setEncoding("UTF-8");
        checker.checkHtmlInputSource(source);
        return List.copyOf(errors);
    }

    @Test
    void theCheckerFindsAnError() throws Exception {
        // the checker is really at work: the web page's old <time> with six fractional digits
        assertThat(check("""
                <!DOCTYPE html><html lang="ko"><head><meta charset="UTF-8"><title>t</title></head>
                <body><time datetime="2026-12-01T10:00:00.123456Z">1일</time></body></html>
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .anySatisfy(error -> assertThat(error).contains("datetime"));
    }

    @Test
    void everyPublicPagePassesTheChecker() throws Exception {
        PublicPages data = PublicPages.create("ko");
        Map<String, List<String>> invalid = new LinkedHashMap<>();
        for (Map.Entry<String, String> page : data.pages().entrySet()) {
            byte[] html = given().get(page.getValue()).then().statusCode(200).extract().asByteArray();
            List<String> found = check(html);
            if (!found.isEmpty()) {
                invalid.put(page.getKey() + " " + page.getValue(), found);
            }
        }
        assertThat(invalid).as("pages with errors").isEmpty();
    }

    @Test
    void everyStudioPagePassesTheChecker() throws Exception {
        Scenario writer = Scenario.writer("Checked").subscribers(1);
        long draft = writer.issue(java.util.Map.of("title", "초안 <&> \"따옴표\"", "bodyMarkdown", PublicPages.BODY));
        long sentIssue = writer.issue(java.util.Map.of("title", "보낸 레터"));
        writer.sendAndAwait(sentIssue);
        // an issue sent with an A/B subject test, whose page shows its results
        long tested = writer.issue(java.util.Map.of("title", "시험한 레터"));
        Api.as(writer.token()).body(Map.of("variants", List.of(Map.of("subject", "제목 <&> 하나", "preheader", "미리 <&>"),
                Map.of("subject", "제목 둘")), "samplePercent", 20, "waitMinutes", 60, "metric", "opens"))
                .put(writer.issuePath(tested) + "/subject-test").then().statusCode(200);
        writer.sendAndAwait(tested);
        String studio = "/studio/publications/" + writer.slug();
        // the comments page with a comment in its queue and a blocked address
        Api.as(writer.token()).body(Map.of("issueId", sentIssue, "body", "작가의 *댓글* <&>"))
                .post("/api/v1/publications/" + writer.slug() + "/comments").then().statusCode(201);
        Api.as(writer.token()).body(Map.of("email", Api.uniqueEmail("blocked")))
                .post("/api/v1/publications/" + writer.slug() + "/comment-blocks").then().statusCode(201);
        // a webhook endpoint, and a sequence with a step
        long hook = ((Number) Api.as(writer.token())
                .body(Map.of("url", "http://127.0.0.1:9/hook?a=1&b=2", "eventTypes", List.of("subscriber.confirmed")))
                .post("/api/v1/publications/" + writer.slug() + "/webhooks").then().statusCode(201).extract().path("id"))
                .longValue();
        long sequence = ((Number) Api.as(writer.token()).body(Map.of("name", "환영 <&>", "trigger", "confirmed"))
                .post("/api/v1/publications/" + writer.slug() + "/sequences").then().statusCode(201).extract().path("id"))
                .longValue();
        Api.as(writer.token()).body(Map.of("subject", "첫 편지 <&>", "bodyMarkdown", "안녕하세요", "delayMinutes", 0))
                .post("/api/v1/publications/" + writer.slug() + "/sequences/" + sequence + "/steps").then()
                .statusCode(201);
        long template = ((Number) Api.as(writer.token())
                .body(Map.of("name", "레이아웃 <&>", "source", "<h1>{issue.title}</h1>\n{issue.body}"))
                .post("/api/v1/publications/" + writer.slug() + "/templates").then().statusCode(201).extract().path("id"))
                .longValue();
        // a followed feed (never fetched: nothing listens on port 9)
        long feed = ((Number) Api.as(writer.token()).body(Map.of("url", "http://127.0.0.1:9/feed.xml?a=1&b=2", "mode",
                "digest", "digestEvery", "weekly", "digestTime", "08:00", "digestWeekday", 1))
                .post("/api/v1/publications/" + writer.slug() + "/feeds").then().statusCode(201).extract().path("id"))
                .longValue();
        // a paid plan, a paying member and a comp
        long plan = ((Number) Api.as(writer.token()).body(Map.of("name", "월간 <&>", "interval", "month", "price", 5000,
                "trialDays", 7)).post("/api/v1/publications/" + writer.slug() + "/plans").then().statusCode(201).extract()
                .path("id")).longValue();
        Api.as(writer.token()).body(Map.of("name", "Yearly", "interval", "year", "price", 50000))
                .post("/api/v1/publications/" + writer.slug() + "/plans").then().statusCode(201);
        Api.as(writer.token()).post("/api/v1/publications/" + writer.slug() + "/plans/" + plan + "/retire").then()
                .statusCode(200);
        long subscriber = ((Number) Api.as(writer.token()).get("/api/v1/publications/" + writer.slug() + "/subscribers")
                .then().statusCode(200).extract().path("items[0].id")).longValue();
        Api.as(writer.token()).body(Map.of("reason", "친구 <&>"))
                .post("/api/v1/publications/" + writer.slug() + "/members/" + subscriber + "/comp").then().statusCode(201);
        // a charge refunded in part, for the member's charges page and its refund form; checkouts with Toss and Stripe
        Db.execute(db, "INSERT INTO membership_charge (membership_id, idempotency_key, period_start, period_end, amount,"
                + " currency, provider, provider_ref, status, created_at, refunded) SELECT id, 'html-' || id, now(),"
                + " now() + interval '1 month', 5000, 'KRW', 'sandbox', 'sandbox_html', 'paid', now(), 1000"
                + " FROM membership WHERE subscriber_id = ?", subscriber);
        String checkout = "chk_html" + java.util.UUID.randomUUID().toString().substring(0, 8);
        for (String provider : List.of("toss", "stripe")) {
            Db.execute(db, "INSERT INTO membership_checkout (public_id, publication_id, subscriber_id, plan_id, provider,"
                    + " status, created_at) SELECT ?, publication_id, ?, id, ?, 'pending', now() FROM plan WHERE id = ?",
                    checkout + provider, subscriber, provider, plan);
        }
        // a sender domain, half published
        String domain = "d" + java.util.UUID.randomUUID().toString().substring(0, 8) + ".example.org";
        Api.as(writer.token()).body(Map.of("domain", domain)).post("/api/v1/domains").then().statusCode(201);
        // a segment with a group, for the segment pages and the send page's segment choice
        long segment = ((Number) Api.as(writer.token()).body(Map.of("name", "서울 <&>", "filter", Map.of("match", "all",
                "conditions", List.of(Map.of("kind", "status", "op", "in", "values", List.of("active")), Map.of("kind",
                        "group", "match", "any", "conditions", List.of(Map.of("kind", "engagement", "op", "opened",
                                "issues", 3),
                                Map.of("kind", "attribute", "key", "city", "op", "equals", "value", "\"서울\"")))))))
                .post("/api/v1/publications/" + writer.slug() + "/segments").then().statusCode(201).extract().path("id"))
                .longValue();
        Map<String, List<String>> invalid = new LinkedHashMap<>();
        for (String language : List.of("ko", "en")) {
            for (String path : List.of(studio + "/segments", studio + "/segments/new", studio + "/segments/" + segment,
                    "/studio", "/studio/publications/new", "/studio/domains", "/studio/domains/" + domain,
                    studio + "/settings", studio + "/comments",
                    studio + "/topics", studio + "/issues", studio + "/issues/" + draft + "/edit",
                    studio + "/issues/" + draft + "/send", studio + "/issues/" + draft + "/progress",
                    studio + "/templates", studio + "/templates/new", studio + "/templates/" + template, studio + "/notes",
                    studio + "/tips", "/studio/account", studio + "/webhooks", studio + "/webhooks/" + hook,
                    studio + "/sequences", studio + "/sequences/" + sequence, studio + "/sequences/" + sequence + "/steps/new",
                    studio + "/advertising", studio + "/issues/" + draft + "/subject-test",
                    studio + "/issues/" + tested + "/subject-test", studio + "/feeds", studio + "/feeds/" + feed,
                    studio + "/plans", studio + "/members", studio + "/members/" + subscriber + "/charges",
                    "/checkout/membership/" + checkout + "toss/toss",
                    "/checkout/membership/" + checkout + "toss/toss/fail?code=PAY_PROCESS_CANCELED&message=%3C%26%3E",
                    "/checkout/membership/" + checkout + "stripe/done",
                    studio + "/plans", studio + "/members", studio + "/plans/" + plan + "/price",
                    "/publications/" + writer.slug() + "/stats/members",
                    "/publications/" + writer.slug() + "/issues/" + tested + "/stats", "/signup")) {
                byte[] html = StudioForms.session(writer.account(), language).get(path).then().statusCode(200).extract()
                        .asByteArray();
                List<String> found = check(html);
                if (!found.isEmpty()) {
                    invalid.put(language + " " + path, found);
                }
            }
        }
        // the send page of a publication no one can be mailed from yet offers publishing on the web only
        Scenario unread = Scenario.writer("Unread");
        String firstSend = "/studio/publications/" + unread.slug() + "/issues/"
                + unread.issue(java.util.Map.of("title", "첫 레터")) + "/send";
        for (String language : List.of("ko", "en")) {
            String html = StudioForms.session(unread.account(), language).get(firstSend).then().statusCode(200).extract()
                    .asString();
            assertThat(html).contains("id=\"publish-web-only\"");
            List<String> found = check(html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (!found.isEmpty()) {
                invalid.put(language + " " + firstSend, found);
            }
        }
        assertThat(invalid).as("studio pages with errors").isEmpty();
    }

    @Test
    void theBillingPagesOfAMemberPassTheChecker() throws Exception {
        // a past-due member of a monthly plan, with a yearly one to switch to: the card page and the
        // preferences page with its plan change
        Scenario writer = Scenario.writer("Billed").subscribers(1);
        long publication = Long.parseLong(dev.gazette.testing.Db.text(db,
                "SELECT CAST(id AS text) FROM publication WHERE slug = ?", writer.slug()));
        long monthly = ((Number) Api.as(writer.token()).body(Map.of("name", "월간 <&>", "interval", "month", "price", 5000))
                .post("/api/v1/publications/" + writer.slug() + "/plans").then().statusCode(201).extract().path("id"))
                .longValue();
        Api.as(writer.token()).body(Map.of("name", "연간 <&>", "interval", "year", "price", 50000))
                .post("/api/v1/publications/" + writer.slug() + "/plans").then().statusCode(201);
        long subscriber = ((Number) Api.as(writer.token()).get("/api/v1/publications/" + writer.slug() + "/subscribers")
                .then().statusCode(200).extract().path("items[0].id")).longValue();
        long membership = Long.parseLong(dev.gazette.testing.Db.text(db, "INSERT INTO membership (publication_id,"
                + " subscriber_id, plan_id, kind, state, provider, provider_ref, price, currency, current_period_start,"
                + " current_period_end, started_at, updated_at, past_due_since, next_retry_at) VALUES (?, ?, ?, 'paid',"
                + " 'past_due', 'sandbox', 'sandbox_card_4000000000000341', 5000, 'KRW', now() - interval '31 days', now(),"
                + " now() - interval '31 days', now(), now(), now() + interval '1 day') RETURNING CAST(id AS text)",
                publication, subscriber, monthly));
        Map<String, List<String>> invalid = new LinkedHashMap<>();
        for (String path : List.of(
                "/membership/card/" + tokens.sign("membership-card", Long.toString(membership),
                        java.time.Instant.now().plusSeconds(3600)),
                "/preferences/" + tokens.sign("subscriber-preferences", subscriber))) {
            String html = given().get(path).then().statusCode(200).extract().asString();
            assertThat(html).containsAnyOf("id=\"card-failed\"", "id=\"plan-change\"");
            List<String> found = check(html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (!found.isEmpty()) {
                invalid.put(path, found);
            }
        }
        assertThat(invalid).as("billing pages with errors").isEmpty();
    }

    @Test
    void everyAdminPagePassesTheChecker() throws Exception {
        Scenario writer = Scenario.writer("Administered").subscribers(1);
        Sends.hold(db, writer.issue(java.util.Map.of("title", "보내는 중 <&>")));
        Api.as(writer.token()).body(Map.of("scheduledAt", java.time.OffsetDateTime.now().plusDays(2).toString()))
                .post(writer.issuePath(writer.issue(java.util.Map.of("title", "예약 <&>"))) + "/send").then().statusCode(202);
        String admin = Api.admin().token();
        Api.as(writer.token()).body(Map.of("domain", "d" + java.util.UUID.randomUUID().toString().substring(0, 8)
                + ".example.org")).post("/api/v1/domains").then().statusCode(201);
        Scenario suspended = Scenario.writer("Suspended");
        Api.as(admin).body(Map.of("reason", "스팸 <신고>")).post("/api/v1/admin/publications/" + suspended.slug() + "/suspend")
                .then().statusCode(200);
        Api.as(admin).body(Map.of("title", "Terms <&>", "bodyMarkdown", "# Terms\n\nBe **kind**."))
                .put("/api/v1/admin/legal/terms").then().statusCode(200);
        Map<String, List<String>> invalid = new LinkedHashMap<>();
        for (String language : List.of("ko", "en")) {
            for (String path : List.of("/admin", "/admin/accounts", "/admin/publications",
                    "/admin/publications/" + writer.slug() + "/suspend", "/admin/sends", "/admin/legal",
                    "/admin/legal/terms", "/admin/audit", "/admin/audit?action=publication_suspended", "/admin/webhooks",
                    "/admin/domains",
                    "/admin/stats", "/admin/outbox", "/admin/stats/members")) {
                byte[] html = StudioForms.session(new Api.Account(Api.ADMIN_EMAIL, admin), language).get(path).then()
                        .statusCode(200).extract().asByteArray();
                List<String> found = check(html);
                if (!found.isEmpty()) {
                    invalid.put(language + " " + path, found);
                }
            }
        }
        assertThat(invalid).as("admin pages with errors").isEmpty();
    }
}
