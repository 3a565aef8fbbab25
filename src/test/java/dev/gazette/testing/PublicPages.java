package dev.gazette.testing;

import static dev.gazette.testing.Api.as;
import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;

import dev.gazette.embedded.CapturedMessage;

/**
 * Realistic data behind every public page, made the way readers and writers make it: a Korean
 * publication that takes tips, an issue with headings, a table, code and an image sent to a
 * subscriber over SMTP, a comment, a reply and a like, a pending subscription and a pending tip.
 * {@link #pages()} names each page with its path; add a page there and every test over the
 * public pages checks it.
 */
public final class PublicPages {

    public static final String BODY = """
            ## 1. 이번 주의 소식

            딥시크의 **새 모델**을 써 봤습니다. 자세한 내용은 <https://example.com/deepseek> 에서.

            ![모델 비교 그림](https://example.com/chart.png)

            | 모델 | 점수 |
            |------|-----:|
            | A    | 91   |

            ## 2. 코드

            ```java
            System.out.println("안녕");
            ```

            > 인용문도 하나.
            """;

    private static final Pattern LINK = Pattern
            .compile("https?://[^/\\s]+(/(?:unsubscribe|preferences|confirm|feedback)/[A-Za-z0-9_\\-.]+)");
    private static final Pattern READER = Pattern.compile("\\?r=([A-Za-z0-9_\\-.]+)");

    public final Api.Account writer;
    public final String publication;
    public final String issueSlug;
    public final String readerToken;
    private final Map<String, String> pages = new LinkedHashMap<>();

    private PublicPages(Api.Account writer, String publication, String issueSlug, String readerToken) {
        this.writer = writer;
        this.publication = publication;
        this.issueSlug = issueSlug;
        this.readerToken = readerToken;
    }

    /** Each public page by name, to its path on this application. */
    public Map<String, String> pages() {
        return pages;
    }

    /** Makes the data in a publication of this language ({@code ko} or {@code en}). */
    public static PublicPages create(String locale) {
        Api.Account writer = Api.writer("Pages");
        String publication = Api.publication(writer.token());
        as(writer.token()).body(Map.of("locale", locale, "tipPrice", 5000)).patch("/api/v1/publications/" + publication)
                .then().statusCode(200);
        String email = Api.uniqueEmail("reader");
        as(writer.token()).body(Map.of("email", email, "name", "민지"))
                .post("/api/v1/publications/" + publication + "/subscribers").then().statusCode(201);
        String slug = "letter-" + UUID.randomUUID().toString().substring(0, 8);
        String title = "AI 주간 소식 " + slug;
        long issue = ((Number) as(writer.token())
                .body(Map.of("title", title, "slug", slug, "subtitle", "딥시크와 이번 주의 도구들", "category", "AI",
                        "bodyMarkdown", BODY))
                .post("/api/v1/publications/" + publication + "/issues").then().statusCode(201).extract().path("id"))
                .longValue();
        as(writer.token()).body(Map.of()).post("/api/v1/publications/" + publication + "/issues/" + issue + "/send")
                .then().statusCode(202);
        CapturedMessage mail = Mailbox.catcher().await(m -> m.recipients().contains(email) && m.subject().equals(title),
                Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("the issue did not reach " + email));
        String text = mail.textPart().orElseThrow();
        String feedback = link(text, "/feedback/");
        Response web = given().redirects().follow(false).get(feedback + "/comments");
        Matcher reader = READER.matcher(web.then().statusCode(303).extract().header("Location"));
        if (!reader.find()) {
            throw new AssertionError("the comment link names no reader");
        }
        String token = reader.group(1);
        PublicPages data = new PublicPages(writer, publication, slug, token);
        String page = "/p/" + publication + "/" + slug;

        long comment = ((Number) Api.anonymous().body(Map.of("body", "첫 댓글: **멋진** 레터! <https://example.com>", "token", token))
                .post(page + "/comments").then().statusCode(201).extract().path("id")).longValue();
        as(writer.token()).body(Map.of("issueId", issue, "parentId", comment, "body", "읽어 주셔서 고마워요"))
                .post("/api/v1/publications/" + publication + "/comments").then().statusCode(201);
        Api.anonymous().body(Map.of("token", token)).post(page + "/like").then().statusCode(200);
        String checkout = Api.anonymous().body(Map.of("coffees", 2, "token", token, "message", "잘 읽었어요"))
                .post(page + "/tips").then().statusCode(201).extract().path("checkoutUrl");

        String pending = Api.uniqueEmail("pending");
        given().header("X-Forwarded-For", Api.randomClient()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("email", pending)
                .post("/p/" + publication + "/subscribe").then().statusCode(200);
        String confirm = link(Mailbox.awaitTo(pending).textPart().orElseThrow(), "/confirm/");

        // a paid plan (the publication page offers it, the preferences page shows the reader's
        // membership), an issue with a paywall published on the web, and a sandbox membership checkout
        long plan = ((Number) as(writer.token()).body(Map.of("name", "월간 <&>", "interval", "month", "price", 5000))
                .post("/api/v1/publications/" + publication + "/plans").then().statusCode(201).extract().path("id"))
                .longValue();
        String paywalled = "paid-" + UUID.randomUUID().toString().substring(0, 8);
        long paidIssue = ((Number) as(writer.token()).body(Map.of("title", "유료 " + paywalled, "slug", paywalled,
                "bodyMarkdown", "무료 부분.\n\n<!-- paywall -->\n\n유료 부분."))
                .post("/api/v1/publications/" + publication + "/issues").then().statusCode(201).extract().path("id"))
                .longValue();
        as(writer.token()).body(Map.of("webOnly", true))
                .post("/api/v1/publications/" + publication + "/issues/" + paidIssue + "/send").then().statusCode(202);
        String membership = Api.anonymous().body(Map.of("r", token, "plan", plan, "acceptTerms", true))
                .post("/p/" + publication + "/join").then().statusCode(201).extract().path("checkoutUrl");

        data.pages.put("front page", "/");
        data.pages.put("login page", "/login");
        data.pages.put("publication page and archive", "/p/" + publication);
        data.pages.put("issue web version", page);
        data.pages.put("issue web version as its reader", page + "?r=" + token);
        data.pages.put("subscription confirmation", confirm);
        data.pages.put("unsubscribe page", link(text, "/unsubscribe/"));
        data.pages.put("preferences page", link(text, "/preferences/"));
        data.pages.put("feedback thanks", feedback + "?rating=good");
        data.pages.put("checkout sandbox page", checkout.replaceFirst("^https?://[^/]+", ""));
        data.pages.put("terms", "/terms");
        data.pages.put("privacy policy", "/privacy");
        data.pages.put("recurring payment terms", "/terms/recurring");
        data.pages.put("issue web version with a paywall", "/p/" + publication + "/" + paywalled);
        data.pages.put("membership join page as its reader", "/p/" + publication + "/join?r=" + token + "&issue=" + slug);
        data.pages.put("membership join page for a stranger", "/p/" + publication + "/join");
        data.pages.put("membership sandbox checkout page", membership);
        return data;
    }

    private static String link(String text, String prefix) {
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            if (m.group(1).startsWith(prefix)) {
                return m.group(1);
            }
        }
        throw new AssertionError("no " + prefix + " link in " + text);
    }
}
