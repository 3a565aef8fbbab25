package dev.gazette.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;

@QuarkusTest
class SubscriberApiTest {

    @Inject
    DataSource db;

    @Test
    void aWriterAddsASubscriberWhoIsActiveAtOnceWithTheAttestationInTheLedger() {
        Api.Account writer = Api.writer("Adder");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("Added");
        Response added = Api.as(writer.token()).body(Map.of("email", "  " + email.toUpperCase() + " ", "name", "Ann",
                "tags", List.of("VIP", "books", "vip"), "attributes", Map.of("city", "Seoul", "plan", Map.of("tier", 2)),
                "consentNote", "Signed up at the 2026 book fair"))
                .post("/api/v1/publications/" + slug + "/subscribers");
        added.then().statusCode(201).header("Location", containsString("/subscribers/"))
                .body("email", equalTo(email)).body("status", equalTo("active")).body("name", equalTo("Ann"))
                .body("tags", equalTo(List.of("vip", "books"))).body("attributes.city", equalTo("Seoul"))
                .body("attributes.plan.tier", equalTo(2)).body("createdAt", notNullValue())
                .body("confirmedAt", nullValue());
        assertThat(Db.count(db, "SELECT count(*) FROM consent c JOIN subscriber s ON s.id = c.subscriber_id "
                + "WHERE s.email = ? AND c.source = 'api' AND c.method = 'writer_attested' "
                + "AND c.note = 'Signed up at the 2026 book fair'", email)).isOne();
        Mailbox.assertNoneTo(email);

        Api.as(writer.token()).body(Map.of("email", email)).post("/api/v1/publications/" + slug + "/subscribers")
                .then().statusCode(409).body("code", equalTo("subscriber_exists"));
    }

    @Test
    void doubleOptInOnRequestLeavesTheSubscriberPendingUntilConfirmed() {
        Api.Account writer = Api.writer("Optin");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("optin");
        Api.as(writer.token()).body(Map.of("email", email, "doubleOptIn", true))
                .post("/api/v1/publications/" + slug + "/subscribers").then().statusCode(201)
                .body("status", equalTo("pending"));
        CapturedMessage confirmation = Mailbox.awaitTo(email);
        SubscribeFlowTest.assertListHeaders(confirmation);
        Subscribing.confirm(Subscribing.link(confirmation, "confirm")).then().statusCode(200);
        assertThat(Subscribing.status(db, email)).isEqualTo("active");
    }

    @Test
    void listFiltersByStatusTagAndTextAndPages() {
        Api.Account writer = Api.writer("Lister");
        String slug = Api.publication(writer.token());
        String base = "/api/v1/publications/" + slug + "/subscribers";
        for (int i = 0; i < 7; i++) {
            Api.as(writer.token()).body(Map.of("email", "list" + i + "-" + slug + "@example.com", "name", "Person " + i,
                    "tags", i % 2 == 0 ? List.of("even") : List.of("odd"))).post(base).then().statusCode(201);
        }
        Api.as(writer.token()).body(Map.of("email", "pending-" + slug + "@example.com", "doubleOptIn", true)).post(base)
                .then().statusCode(201);

        Api.as(writer.token()).get(base).then().statusCode(200).body("total", equalTo(8)).body("items", hasSize(8))
                .body("items[0].email", equalTo("list0-" + slug + "@example.com"));
        Api.as(writer.token()).queryParam("status", "pending").get(base).then().body("total", equalTo(1));
        Api.as(writer.token()).queryParam("tag", "even").get(base).then().body("total", equalTo(4));
        Api.as(writer.token()).queryParam("tag", "even").queryParam("status", "active").queryParam("q", "person 4")
                .get(base).then().body("total", equalTo(1)).body("items[0].name", equalTo("Person 4"));
        Api.as(writer.token()).queryParam("q", "100%").get(base).then().body("total", equalTo(0));
        Api.as(writer.token()).queryParam("page", 1).queryParam("size", 3).get(base).then()
                .body("total", equalTo(8)).body("page", equalTo(1)).body("size", equalTo(3)).body("items", hasSize(3))
                .body("items[0].email", equalTo("list3-" + slug + "@example.com"));
        Api.as(writer.token()).queryParam("status", "gone").get(base).then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("errors[0].code", equalTo("invalid_status"));
        Api.as(writer.token()).queryParam("size", 100_000).get(base).then().statusCode(400)
                .body("code", equalTo("validation_failed"));
    }

    @Test
    void aWriterUpdatesAndDeletesASubscriber() {
        Api.Account writer = Api.writer("Editor");
        String slug = Api.publication(writer.token());
        String base = "/api/v1/publications/" + slug + "/subscribers";
        int id = Api.as(writer.token()).body(Map.of("email", Api.uniqueEmail("edit"), "name", "Old")).post(base)
                .then().statusCode(201).extract().path("id");
        Api.as(writer.token()).body(Map.of("name", "New", "tags", List.of("a"), "attributes", Map.of("k", "v")))
                .patch(base + "/" + id).then().statusCode(200).body("name", equalTo("New"))
                .body("tags", equalTo(List.of("a"))).body("attributes.k", equalTo("v"));
        Api.as(writer.token()).body(Map.of("tags", List.of("bad,tag"))).patch(base + "/" + id).then().statusCode(400)
                .body("code", equalTo("validation_failed"));
        Api.as(writer.token()).body(Map.of("name", "line\r\nbreak")).patch(base + "/" + id).then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("errors[0].code", equalTo("line_break"));
        Api.as(writer.token()).get(base + "/" + id).then().statusCode(200).body("name", equalTo("New"));
        Api.as(writer.token()).delete(base + "/" + id).then().statusCode(204);
        Api.as(writer.token()).get(base + "/" + id).then().statusCode(404).body("code", equalTo("subscriber_not_found"));
        assertThat(Db.count(db, "SELECT count(*) FROM consent WHERE subscriber_id = ?", (long) id)).isZero();
    }

    @Test
    void malformedAddressesAreRefusedAndNothingIsStored() {
        Api.Account writer = Api.writer("Bad");
        String slug = Api.publication(writer.token());
        String base = "/api/v1/publications/" + slug + "/subscribers";
        for (String bad : List.of("a@b", "a@@b.com", "x".repeat(250) + "@example.com", "x@example.com.",
                "x@example.com\r\nBcc: y@example.com", "")) {
            Api.as(writer.token()).body(Map.of("email", bad)).post(base).then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("validation_failed"))
                    .body("errors[0].field", equalTo("email"));
        }
        Api.as(writer.token()).get(base).then().body("total", equalTo(0));
    }

    @Test
    void everyRouteRefusesAnonymousCallersHidesOtherWritersAndAllowsAdmins() {
        Api.Account owner = Api.writer("Owner");
        Api.Account other = Api.writer("Other");
        String slug = Api.publication(owner.token());
        String base = "/api/v1/publications/" + slug;
        int id = Api.as(owner.token()).body(Map.of("email", Api.uniqueEmail("owned"))).post(base + "/subscribers")
                .then().statusCode(201).extract().path("id");
        String added = Api.uniqueEmail("x");
        List<Route> routes = List.of(
                new Route("GET", base + "/subscribers", r -> r),
                new Route("GET", base + "/subscribers/", r -> r),
                new Route("POST", base + "/subscribers", r -> r.body(Map.of("email", added))),
                new Route("GET", base + "/subscribers/" + id, r -> r),
                new Route("PATCH", base + "/subscribers/" + id, r -> r.body(Map.of("name", "x"))),
                new Route("POST", base + "/subscribers/import", r -> r.contentType("text/csv").body("email\n")),
                new Route("GET", base + "/subscribers/export", r -> r),
                new Route("GET", base + "/topics", r -> r),
                new Route("PUT", base + "/topics", r -> r.body(Map.of("topics", List.of()))),
                new Route("DELETE", base + "/subscribers/" + id, r -> r));
        List<Integer> adminAnswers = List.of(200, 200, 201, 200, 200, 200, 200, 200, 200, 204);
        String admin = Api.admin().token();
        for (Route route : routes) {
            route.send(Api.anonymous()).then().statusCode(401).body("code", equalTo("unauthenticated"));
            route.send(Api.as(other.token())).then().statusCode(404).body("code", equalTo("publication_not_found"));
        }
        // nothing the others tried changed anything: one subscriber, as the owner added them
        String own = "SELECT count(*) FROM subscriber s JOIN publication p ON p.id = s.publication_id WHERE p.slug = ?";
        assertThat(Db.count(db, own, slug)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE id = ? AND name IS NULL", (long) id)).isOne();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            assertThat(route.send(Api.as(admin)).statusCode()).as(route.method() + " " + route.path())
                    .isEqualTo(adminAnswers.get(i));
        }
        // the admin's changes happened: one added, the owner's deleted
        assertThat(Subscribing.status(db, added)).isEqualTo("active");
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE id = ?", (long) id)).isZero();
        // the subscriber of another publication is not reachable through one's own publication
        String mine = Api.publication(other.token());
        Api.as(other.token()).get("/api/v1/publications/" + mine + "/subscribers/" + id).then().statusCode(404)
                .body("code", equalTo("subscriber_not_found"));
    }

    @Test
    void theExportStreamsEverySubscriberAsCsv() {
        Api.Account writer = Api.writer("Exporter");
        String slug = Api.publication(writer.token());
        String base = "/api/v1/publications/" + slug + "/subscribers";
        Api.as(writer.token()).body(Map.of("email", "csv1-" + slug + "@example.com", "name", "=HYPERLINK(\"x\")",
                "tags", List.of("a", "b"))).post(base).then().statusCode(201);
        Api.as(writer.token()).body(Map.of("email", "csv2-" + slug + "@example.com", "name", "Kim, \"Jay\" 김"))
                .post(base).then().statusCode(201);
        String csv = Api.as(writer.token()).get(base + "/export").then().statusCode(200)
                .contentType(containsString("text/csv")).header("Content-Disposition", containsString(slug))
                .extract().asString();
        assertThat(csv.lines().toList()).hasSize(3);
        assertThat(csv).startsWith("email,name,tags,status,created_at,confirmed_at,unsubscribed_at");
        assertThat(csv).contains("csv1-" + slug + "@example.com,\"'=HYPERLINK(\"\"x\"\")\",a;b,active,");
        assertThat(csv).contains("csv2-" + slug + "@example.com,\"Kim, \"\"Jay\"\" 김\",,active,");
    }

    record Route(String method, String path, Function<RequestSpecification, RequestSpecification> body) {
        Response send(RequestSpecification request) {
            return body.apply(request).request(method, path);
        }
    }
}
