package dev.gazette.event;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.StudioForms;

/**
 * Who reaches which endpoints, by the API and the pages: a writer their publications' only (another
 * writer's are 404, by every route), the platform's admins only (403); every form needs its CSRF
 * token; refused input is a problem with a stable code and changes nothing.
 */
@QuarkusTest
class WebhookAccessTest {

    private static final String URL = "http://127.0.0.1:9/hook";

    @Inject
    DataSource db;

    @Test
    void anotherWritersEndpointsAreNotFoundByAnyRoute() {
        Scenario owner = Scenario.writer("Owner");
        Scenario stranger = Scenario.writer("Stranger");
        Webhooks.Made endpoint = Webhooks.endpoint(owner.token(), owner.slug(), URL, "subscriber.created");

        for (String path : List.of(endpoint.path(), endpoint.path() + "/", endpoint.path() + "/deliveries",
                "/api/v1/publications/" + owner.slug() + "/webhooks")) {
            as(stranger.token()).get(path).then().statusCode(404);
        }
        as(stranger.token()).body(Map.of("enabled", false)).patch(endpoint.path()).then().statusCode(404);
        as(stranger.token()).post(endpoint.path() + "/rotate-secret").then().statusCode(404);
        as(stranger.token()).post(endpoint.path() + "/test").then().statusCode(404);
        as(stranger.token()).delete(endpoint.path()).then().statusCode(404);
        // through the stranger's own publication, the owner's endpoint is no more found
        as(stranger.token()).get("/api/v1/publications/" + stranger.slug() + "/webhooks/" + endpoint.id()).then()
                .statusCode(404).body("code", org.hamcrest.Matchers.equalTo("webhook_not_found"));
        assertThat(Db.text(db, "SELECT secret FROM webhook_endpoint WHERE id = ?", endpoint.id())).isEqualTo(endpoint.secret());
        assertThat(Db.count(db, "SELECT count(*) FROM webhook_endpoint WHERE id = ? AND enabled", endpoint.id())).isEqualTo(1);

        as(Api.admin().token()).get(endpoint.path()).then().statusCode(200);
        as(owner.token()).get("/api/v1/publications/" + owner.slug() + "/webhooks").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains((int) endpoint.id()));
    }

    @Test
    void platformWideEndpointsAreForAdminsOnly() {
        Scenario writer = Scenario.writer("NotAdmin");
        as(writer.token()).get("/api/v1/admin/webhooks").then().statusCode(403);
        as(writer.token()).body(Map.of("url", URL, "eventTypes", List.of("subscriber.created")))
                .post("/api/v1/admin/webhooks").then().statusCode(403);
        StudioForms.session(writer.account(), "en").get("/admin/webhooks").then().statusCode(403);

        String admin = Api.admin().token();
        long id = ((Number) as(admin).body(Map.of("url", URL, "eventTypes", List.of("issue.sent")))
                .post("/api/v1/admin/webhooks").then().statusCode(201).extract().path("id")).longValue();
        as(admin).get("/api/v1/admin/webhooks/" + id).then().statusCode(200);
        // a platform endpoint is no publication's
        as(writer.token()).get("/api/v1/publications/" + writer.slug() + "/webhooks/" + id).then().statusCode(404);
        as(admin).delete("/api/v1/admin/webhooks/" + id).then().statusCode(204);
    }

    @Test
    void badInputIsAProblemWithACodeAndChangesNothing() {
        Scenario writer = Scenario.writer("Careless");
        String base = "/api/v1/publications/" + writer.slug() + "/webhooks";
        expectProblem(as(writer.token()).body(Map.of("url", "ftp://example.com/", "eventTypes", List.of("issue.sent")))
                .post(base), 422, "webhook_url_invalid");
        expectProblem(as(writer.token()).body(Map.of("url", URL, "eventTypes", List.of("issue.exploded"))).post(base),
                400, "validation_failed");
        expectProblem(as(writer.token()).body(Map.of("url", URL, "eventTypes", List.of())).post(base), 400,
                "validation_failed");
        expectProblem(as(writer.token()).body(Map.of("url", URL, "eventTypes", List.of("webhook.test"))).post(base), 400,
                "validation_failed");
        assertThat(Db.count(db, "SELECT count(*) FROM webhook_endpoint e JOIN publication p ON p.id = e.publication_id "
                + "WHERE p.slug = ?", writer.slug())).isZero();

        Webhooks.Made endpoint = Webhooks.endpoint(writer.token(), writer.slug(), URL, "issue.sent");
        expectProblem(as(writer.token()).body(Map.of("url", "http://user:pw@example.com/")).patch(endpoint.path()), 422,
                "webhook_url_invalid");
        assertThat(Db.text(db, "SELECT url FROM webhook_endpoint WHERE id = ?", endpoint.id())).isEqualTo(URL);
        expectProblem(as(writer.token()).post(endpoint.path() + "/deliveries/999999999/replay"), 404, "delivery_not_found");
    }

    @Test
    void theStudioPagesNeedTheirFormsTokenAndShowOnlyTheWritersOwn() {
        Scenario writer = Scenario.writer("Studio");
        Scenario stranger = Scenario.writer("Peeker");
        String page = "/studio/publications/" + writer.slug() + "/webhooks";
        StudioForms.Page list = StudioForms.open(writer.account(), page, "ko");
        assertThat(list.html()).contains("웹훅").contains("name=\"types\"").contains("subscriber.confirmed");
        StudioForms.session(stranger.account(), "en").get(page).then().statusCode(404);

        Map<String, String> fields = Map.of("url", URL, "types", "subscriber.confirmed");
        Response forged = StudioForms.post(writer.account(), list.withoutToken(), page, fields, "en");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.jsonPath().getString("code")).isEqualTo("csrf_failed");
        assertThat(endpoints(writer.slug())).isZero();

        Response refused = StudioForms.post(writer.account(), list, page, Map.of("url", "not a url", "types",
                "subscriber.confirmed"), "en");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("not a url");
        assertThat(endpoints(writer.slug())).isZero();

        Response created = StudioForms.post(writer.account(), list, page, fields, "en");
        assertThat(created.statusCode()).isEqualTo(303);
        String endpointPage = created.header("Location").replaceFirst("^https?://[^/]+", "");
        assertThat(endpoints(writer.slug())).isEqualTo(1);
        StudioForms.Page shown = StudioForms.open(writer.account(), endpointPage, "en");
        assertThat(shown.html()).contains("whsec_").contains(URL);
        StudioForms.session(stranger.account(), "en").get(endpointPage).then().statusCode(404);

        for (String action : List.of("/rotate", "/test", "/delete")) {
            Response noToken = StudioForms.post(writer.account(), shown.withoutToken(), endpointPage + action, Map.of(), "en");
            assertThat(noToken.statusCode()).as(action).isEqualTo(403);
        }
        assertThat(endpoints(writer.slug())).isEqualTo(1);
        assertThat(StudioForms.post(writer.account(), shown, endpointPage + "/test", Map.of(), "en").statusCode())
                .isEqualTo(303);
        assertThat(StudioForms.post(writer.account(), shown, endpointPage + "/delete", Map.of(), "en").statusCode())
                .isEqualTo(303);
        assertThat(endpoints(writer.slug())).isZero();
    }

    @Test
    void theAdminsPageManagesPlatformWideEndpoints() {
        Api.Account admin = Api.admin();
        StudioForms.Page list = StudioForms.open(admin, "/admin/webhooks", "en");
        Response created = StudioForms.post(admin, list, "/admin/webhooks", Map.of("url", "http://127.0.0.1:9/platform",
                "types", "issue.sent"), "en");
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(Db.count(db, "SELECT count(*) FROM webhook_endpoint WHERE publication_id IS NULL AND url = ?",
                "http://127.0.0.1:9/platform")).isEqualTo(1);
        String page = created.header("Location").replaceFirst("^https?://[^/]+", "");
        StudioForms.Page shown = StudioForms.open(admin, page, "en");
        assertThat(StudioForms.post(admin, shown, page + "/delete", Map.of(), "en").statusCode()).isEqualTo(303);
    }

    private long endpoints(String slug) {
        return Db.count(db, "SELECT count(*) FROM webhook_endpoint e JOIN publication p ON p.id = e.publication_id "
                + "WHERE p.slug = ?", slug);
    }

    private static void expectProblem(Response response, int status, String code) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("code")).isEqualTo(code);
    }
}
