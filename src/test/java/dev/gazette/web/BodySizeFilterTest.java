package dev.gazette.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;

@QuarkusTest
class BodySizeFilterTest {

    @Test
    void aJsonBodyWithoutADeclaredLengthIsRefusedBeforeItIsRead() throws Exception {
        byte[] body = "{\"email\":\"x@example.com\",\"password\":\"whatever\"}".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", Api.randomClient())
                // a stream of unknown length goes out chunked, without Content-Length
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(411);
        assertThat(response.headers().firstValue("Content-Type")).contains(Problem.MEDIA_TYPE);
        assertThat(response.body()).contains("\"code\":\"length_required\"");
    }

    @Test
    void aNonCsvBodyOverTheGeneralLimitIsRefusedByItsDeclaredLength() {
        Api.anonymous().contentType("application/octet-stream").body(new byte[21 * 1024 * 1024])
                .post("/api/v1/auth/login").then().statusCode(413).contentType(Problem.MEDIA_TYPE);
    }
}
