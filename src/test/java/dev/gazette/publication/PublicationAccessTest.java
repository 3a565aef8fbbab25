package dev.gazette.publication;

import static dev.gazette.testing.Api.anonymous;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/** Who may see and touch which publication, route by route and URL variant by variant. */
@QuarkusTest
class PublicationAccessTest {

    @Inject
    DataSource db;

    /** Every publication route, with its URL variants. */
    private static List<Route> routes(String slug) {
        Map<String, Object> patch = Map.of("name", "Taken over");
        return List.of(
                new Route("GET", "/api/v1/publications/" + slug, null),
                new Route("GET", "/api/v1/publications/" + slug + "/", null),
                new Route("GET", "/api/v1/publications//" + slug, null),
                new Route("GET", "/api/v1/publications/" + slug.toUpperCase(), null),
                new Route("PATCH", "/api/v1/publications/" + slug, patch),
                new Route("PATCH", "/api/v1/publications/" + slug + "/", patch),
                new Route("DELETE", "/api/v1/publications/" + slug, null),
                new Route("DELETE", "/api/v1/publications/" + slug + "/", null),
                new Route("DELETE", "/api/v1/publications/" + slug + "%2F", null));
    }

    @Test
    void anotherWriterGets404OnEveryRouteAndVariantAndChangesNothing() {
        Api.Account a = Api.writer("Alice");
        Api.Account b = Api.writer("Bob");
        String slug = Api.publication(a.token());

        // every variant is the same answer as for a publication that does not exist
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        for (Route route : routes(slug)) {
            io.restassured.response.Response answer = route.call(as(b.token()));
            soft.assertThat(answer.statusCode() + " " + answer.contentType() + " " + answer.path("code"))
                    .as(route.toString()).isEqualTo("404 application/problem+json publication_not_found");
        }
        soft.assertAll();
        as(b.token()).get("/api/v1/publications").then().statusCode(200)
                .body("slug", not(hasItem(slug)));
        // the owner still sees it unchanged
        as(a.token()).get("/api/v1/publications/" + slug).then().statusCode(200).body("name", equalTo("AI 뉴스레터"));
        assertThat(Db.count(db, "SELECT count(*) FROM publication WHERE slug = ?", slug)).isOne();
    }

    @Test
    void anonymousGets401OnEveryRoute() {
        Api.Account a = Api.writer("Alice");
        String slug = Api.publication(a.token());
        for (Route route : routes(slug)) {
            route.call(anonymous()).then().statusCode(401).contentType("application/problem+json")
                    .body("code", equalTo("unauthenticated"));
        }
        anonymous().get("/api/v1/publications").then().statusCode(401);
        anonymous().get("/api/v1/publications/").then().statusCode(401);
        anonymous().body(Api.publicationBody("anon-" + slug)).post("/api/v1/publications").then().statusCode(401);
        assertThat(Db.count(db, "SELECT count(*) FROM publication WHERE slug = ?", "anon-" + slug)).isZero();
    }

    @Test
    void theOwnerReadsUpdatesAndDeletes() {
        Api.Account a = Api.writer("Owner");
        String slug = Api.publication(a.token());
        as(a.token()).get("/api/v1/publications/" + slug).then().statusCode(200)
                .body("slug", equalTo(slug)).body("locale", equalTo("ko")).body("timeZone", equalTo("Asia/Seoul"))
                .body("tipCurrency", equalTo("KRW")).body("status", equalTo("active"))
                .body("senderName", equalTo("지은")).body("copyrightNotice", equalTo("© 2026 AI 뉴스레터"));
        as(a.token()).get("/api/v1/publications").then().statusCode(200).body("slug", hasItem(slug));

        as(a.token()).body(Map.of("tagline", "새 태그라인", "tipPrice", 5000)).patch("/api/v1/publications/" + slug)
                .then().statusCode(200).body("tagline", equalTo("새 태그라인")).body("name", equalTo("AI 뉴스레터"))
                .body("tipPrice", equalTo(5000));
        assertThat(Db.count(db, "SELECT count(*) FROM publication WHERE slug = ? AND tagline = '새 태그라인'", slug)).isOne();

        as(a.token()).delete("/api/v1/publications/" + slug).then().statusCode(204);
        as(a.token()).get("/api/v1/publications/" + slug).then().statusCode(404).body("code", equalTo("publication_not_found"));
        assertThat(Db.count(db, "SELECT count(*) FROM publication WHERE slug = ?", slug)).isZero();
    }

    @Test
    void anAdminSeesEveryPublicationAndSuspendsOne() {
        Api.Account a = Api.writer("Alice");
        Api.Account b = Api.writer("Bob");
        String slugA = Api.publication(a.token());
        String slugB = Api.publication(b.token());
        String admin = Api.admin().token();

        as(admin).get("/api/v1/publications").then().statusCode(200).body("slug", hasItems(slugA, slugB));
        as(admin).get("/api/v1/publications/" + slugA).then().statusCode(200);

        as(a.token()).body(Map.of("reason", "mine")).post("/api/v1/admin/publications/" + slugB + "/suspend")
                .then().statusCode(403).body("code", equalTo("forbidden"));
        anonymous().body(Map.of("reason", "x")).post("/api/v1/admin/publications/" + slugB + "/suspend")
                .then().statusCode(401);
        assertThat(Db.count(db, "SELECT count(*) FROM publication WHERE slug = ? AND status = 'active'", slugB)).isOne();

        as(admin).body(Map.of("reason", "spam complaints")).post("/api/v1/admin/publications/" + slugB + "/suspend")
                .then().statusCode(200).body("status", equalTo("suspended"));
        as(b.token()).get("/api/v1/publications/" + slugB).then().statusCode(200)
                .body("status", equalTo("suspended")).body("suspendedReason", equalTo("spam complaints"));
        as(admin).post("/api/v1/admin/publications/" + slugB + "/reinstate").then().statusCode(200)
                .body("status", equalTo("active"));
        as(admin).body(Map.of("reason", "x")).post("/api/v1/admin/publications/no-such-pub/suspend")
                .then().statusCode(404).body("code", equalTo("publication_not_found"));
    }

    @Test
    void aWriterCannotMakeThemselvesOwnerOrChangeStatusThroughUpdate() {
        Api.Account a = Api.writer("Alice");
        String slug = Api.publication(a.token());
        as(a.token()).body(Map.of("status", "active")).patch("/api/v1/publications/" + slug)
                .then().statusCode(400).body("code", equalTo("unknown_field"));
        as(a.token()).body(Map.of("ownerId", 1)).patch("/api/v1/publications/" + slug)
                .then().statusCode(400).body("code", equalTo("unknown_field"));
    }

    private record Route(String method, String path, Object body) {
        io.restassured.response.Response call(RequestSpecification spec) {
            if (body != null) {
                spec.body(body);
            }
            return spec.urlEncodingEnabled(false).request(method, path);
        }
    }
}
