package dev.gazette.engagement;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;

/** The footer pages: versioned by the admin, the newest shown, linked from every public page. */
@QuarkusTest
class LegalPagesTest {

    @Test
    void anAdminPublishesVersionsAndTheNewestIsShown() {
        String admin = Api.admin().token();
        String marker = java.util.UUID.randomUUID().toString();
        int before = as(admin).get("/api/v1/admin/legal/privacy").then().statusCode(200).extract().path("size()");
        as(admin).body(Map.of("title", "Privacy policy", "bodyMarkdown", "## We keep little\n\nold " + marker))
                .put("/api/v1/admin/legal/privacy").then().statusCode(200).body("version", equalTo(before + 1));
        as(admin).body(Map.of("title", "Privacy policy", "bodyMarkdown", "## We keep little\n\nnew " + marker
                + " <script>alert(1)</script>")).put("/api/v1/admin/legal/privacy").then().statusCode(200)
                .body("version", equalTo(before + 2));

        String page = Readers.browser(Api.randomClient()).get("/privacy").then().statusCode(200).extract().asString();
        assertThat(page).contains("new " + marker).doesNotContain("old " + marker).doesNotContain("<script>alert")
                .contains("<h2>We keep little</h2>");
        as(admin).get("/api/v1/admin/legal/privacy").then().body("size()", equalTo(before + 2));

        as(Api.writer("Lawyer").token()).body(Map.of("title", "Mine", "bodyMarkdown", "x"))
                .put("/api/v1/admin/legal/terms").then().statusCode(403);
        as(admin).body(Map.of("title", "x", "bodyMarkdown", "x")).put("/api/v1/admin/legal/cookies").then().statusCode(404);
    }

    @Test
    void everyPublicPageLinksTheFooterPages() {
        Readers.Sent sent = Readers.sentIssue("Footer");
        for (String path : new String[]{sent.page(), "/p/" + sent.publication(), "/terms", "/terms/recurring",
                sent.feedbackPath() + "?rating=okay"}) {
            String page = Readers.browser(Api.randomClient()).get(path).then().statusCode(200).extract().asString();
            assertThat(page).as(path).contains("href=\"/terms\"").contains("href=\"/privacy\"")
                    .contains("href=\"/terms/recurring\"");
        }
    }
}
