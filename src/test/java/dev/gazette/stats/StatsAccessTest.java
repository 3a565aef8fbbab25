package dev.gazette.stats;

import static dev.gazette.testing.Api.anonymous;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;

/** Who sees which stats: nobody anonymous, a writer only their own, an admin everything. */
@QuarkusTest
class StatsAccessTest {

    private static long issue(String token, String slug) {
        return as(token).body(Map.of("title", "Private numbers", "bodyMarkdown", "Body"))
                .post("/api/v1/publications/" + slug + "/issues").then().statusCode(201).extract().<Number>path("id")
                .longValue();
    }

    @Test
    void anonymousCallersGet401() {
        String token = Api.writer("Owner").token();
        String slug = Api.publication(token);
        long id = issue(token, slug);
        for (String path : new String[]{"/api/v1/publications/" + slug + "/stats",
                "/api/v1/publications/" + slug + "/issues/" + id + "/stats", "/api/v1/admin/stats",
                "/api/v1/publications/" + slug + "/stats/issues.csv", "/api/v1/admin/stats/publications.csv"}) {
            anonymous().get(path).then().statusCode(401).contentType("application/problem+json")
                    .body("code", equalTo("unauthenticated"));
        }
        // the dashboards send a person to the login form, and back afterwards
        for (String page : new String[]{"/dashboard", "/publications/" + slug + "/stats",
                "/publications/" + slug + "/issues/" + id + "/stats", "/admin/stats"}) {
            anonymous().redirects().follow(false).get(page).then().statusCode(303)
                    .header("Location", org.hamcrest.Matchers.containsString("/login?next="));
        }
        anonymous().post("/api/v1/admin/stats/rebuild").then().statusCode(401).body("code", equalTo("unauthenticated"));
    }

    @Test
    void aWriterSeesOnlyTheirOwnPublicationsAndNeverThePlatform() {
        String owner = Api.writer("Owner").token();
        String slug = Api.publication(owner);
        long id = issue(owner, slug);
        String other = Api.writer("Other").token();
        String otherSlug = Api.publication(other);
        long otherIssue = issue(other, otherSlug);

        as(owner).get("/api/v1/publications/" + slug + "/stats").then().statusCode(200)
                .body("subscribers.total", equalTo(0)).body("topIssues", org.hamcrest.Matchers.empty());
        as(owner).get("/api/v1/publications/" + slug + "/issues/" + id + "/stats").then().statusCode(200)
                .body("recipients", equalTo(0)).body("issueId", equalTo((int) id));
        as(other).get("/api/v1/publications/" + slug + "/stats").then().statusCode(404)
                .body("code", equalTo("publication_not_found"));
        as(other).get("/api/v1/publications/" + slug + "/issues/" + id + "/stats").then().statusCode(404)
                .body("code", equalTo("publication_not_found"));
        as(other).get("/api/v1/publications/" + slug + "/stats/issues.csv").then().statusCode(404)
                .body("code", equalTo("publication_not_found"));
        assertThat(as(other).get("/publications/" + slug + "/issues/" + id + "/stats").then().statusCode(404).extract()
                .asString()).doesNotContain("Private numbers");
        // another's issue under one's own publication is no issue of it
        as(owner).get("/api/v1/publications/" + slug + "/issues/" + otherIssue + "/stats").then().statusCode(404)
                .body("code", equalTo("issue_not_found"));
        // the dashboards' index lists one's own publications, not another's
        String index = as(owner).get("/dashboard").then().statusCode(200).extract().asString();
        assertThat(index).contains("/publications/" + slug + "/stats").doesNotContain(otherSlug)
                .doesNotContain("/admin/stats");
        as(owner).get("/api/v1/admin/stats").then().statusCode(403).body("code", equalTo("forbidden"));
        assertThat(as(owner).get("/admin/stats").then().statusCode(403).extract().asString()).doesNotContain(slug);
        as(owner).post("/api/v1/admin/stats/rebuild").then().statusCode(403).body("code", equalTo("forbidden"));
    }

    @Test
    void anAdminSeesEverything() {
        String owner = Api.writer("Owner").token();
        String slug = Api.publication(owner);
        long id = issue(owner, slug);
        String admin = Api.admin().token();
        as(admin).get("/api/v1/publications/" + slug + "/stats").then().statusCode(200)
                .body("subscribers.total", equalTo(0));
        as(admin).get("/api/v1/publications/" + slug + "/issues/" + id + "/stats").then().statusCode(200)
                .body("issueId", equalTo((int) id)).body("recipients", equalTo(0));
        as(admin).get("/api/v1/admin/stats").then().statusCode(200).body("volume", org.hamcrest.Matchers.hasSize(30));
        assertThat(as(admin).get("/admin/stats").then().statusCode(200).extract().asString()).contains("Platform");
        assertThat(as(admin).get("/dashboard").then().statusCode(200).extract().asString())
                .contains("/publications/" + slug + "/stats").contains("/admin/stats");
        assertThat(as(admin).get("/publications/" + slug + "/stats").then().statusCode(200).extract().asString())
                .contains("AI 뉴스레터");
    }
}
