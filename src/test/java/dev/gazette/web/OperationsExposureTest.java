package dev.gazette.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;

/** What only operators may see stays off the public port; what only admins may read needs an admin. */
@QuarkusTest
class OperationsExposureTest {

    // relative to the management interface's root, /q
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "/openapi", management = true)
    URL openapi;

    @Test
    void metricsAndTheApiDocumentAreOnTheManagementInterfaceOnly() {
        RestAssured.get("/q/metrics").then().statusCode(404);
        RestAssured.get("/q/openapi").then().statusCode(404);
        RestAssured.get("/q/swagger-ui/").then().statusCode(404);
        RestAssured.get(metrics).then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        RestAssured.get(openapi).then().statusCode(200).body(containsString("/api/v1/auth/login"));
        // health stays where load balancers and the container's healthcheck look
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void onlyAnAdminReadsTheFooterPagesVersions() {
        Api.Account writer = Api.writer("Curious");
        Api.as(writer.token()).get("/api/v1/admin/legal/terms").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
        Api.as(Api.admin().token()).get("/api/v1/admin/legal/terms").then().statusCode(200);
    }
}
