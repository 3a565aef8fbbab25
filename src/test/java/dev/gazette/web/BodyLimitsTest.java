package dev.gazette.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;

/**
 * Every body is held to its limit whatever its transfer encoding, and the endpoints other systems
 * call check their secret or signature header before they read a body.
 */
@QuarkusTest
class BodyLimitsTest {

    private static final int MB = 1024 * 1024;
    private static final String BOUNDARY = "gazette-test-boundary";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @Inject
    DataSource db;

    @Test
    void aChunkedBodyIsCountedAsItArrivesAndRefusedOverTheLimit() throws Exception {
        HttpResponse<String> response = postChunked("/api/v1/auth/login", "application/octet-stream", 20 * MB + 64 * 1024,
                Map.of());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).contains(Problem.MEDIA_TYPE);
        assertThat(response.body()).contains("\"code\":\"payload_too_large\"");
    }

    @Test
    void aChunkedBodyUnderTheLimitIsHandedOn() throws Exception {
        // read whole by the filter and handed to the endpoint, which refuses it for its content, not its size
        HttpResponse<String> response = postChunked("/api/v1/auth/login", "text/plain", 64 * 1024, Map.of());
        assertThat(response.statusCode()).isBetween(400, 415).isNotEqualTo(411).isNotEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).contains(Problem.MEDIA_TYPE);
    }

    @Test
    void aCsvBodyIsExemptOnlyOnTheImport() {
        Api.anonymous().contentType("text/csv").body(new byte[21 * MB]).post("/api/v1/auth/login").then().statusCode(413)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aWebhookWithoutItsSignatureIsRefusedBeforeItsBodyIsRead() throws Exception {
        HttpResponse<String> unsigned = postChunked("/api/v1/payments/stripe/webhook", "text/plain", 5 * MB, Map.of());
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(unsigned.body()).contains("\"code\":\"invalid_signature\"");

        HttpResponse<String> large = postChunked("/api/v1/payments/stripe/webhook", "text/plain", MB + 64 * 1024,
                Map.of("Stripe-Signature", "t=1,v1=00"));
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.body()).contains("\"code\":\"payload_too_large\"");
        RestAssured.given().contentType("text/plain").header("Stripe-Signature", "t=1,v1=00").body(new byte[2 * MB])
                .post("/api/v1/payments/stripe/webhook").then().statusCode(413).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aBounceReportIsReadOnlyWithItsSecretAndUpToItsLimit() throws Exception {
        HttpResponse<String> stranger = postChunked("/api/v1/bounces", "message/rfc822", 5 * MB, Map.of());
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(stranger.body()).contains("\"code\":\"invalid_bounce_secret\"");

        HttpResponse<String> large = postChunked("/api/v1/bounces", "message/rfc822", MB + 64 * 1024,
                Map.of("X-Bounce-Secret", "test-bounce-secret"));
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.body()).contains("\"code\":\"payload_too_large\"");
        RestAssured.given().contentType("message/rfc822").header("X-Bounce-Secret", "test-bounce-secret")
                .body(new byte[2 * MB]).post("/api/v1/bounces").then().statusCode(413).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aChunkedUploadIsHeldToTheGeneralLimitAndASmallOneIsStored() throws Exception {
        Scenario writer = Scenario.writer("Uploader");
        long issue = writer.issue(Map.of());
        String path = writer.issuePath(issue) + "/images";
        Map<String, String> auth = Map.of("Authorization", "Bearer " + writer.token());

        HttpResponse<String> huge = postChunked(path, MULTIPART, () -> upload(zeros(20 * MB + 64 * 1024)), auth);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("\"code\":\"payload_too_large\"");

        HttpResponse<String> small = postChunked(path, MULTIPART, () -> upload(new ByteArrayInputStream(PNG)), auth);
        assertThat(small.statusCode()).as(small.body()).isEqualTo(201);
        assertThat(small.body()).contains("\"size\":" + PNG.length);
        assertThat(Db.count(db, "SELECT count(*) FROM issue_image WHERE issue_id = ?", issue)).isOne();
    }

    /** A multipart form whose field {@code file} is the given stream. */
    private static InputStream upload(InputStream file) {
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n";
        String tail = "\r\n--" + BOUNDARY + "--\r\n";
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(head.getBytes(StandardCharsets.US_ASCII)), file,
                new ByteArrayInputStream(tail.getBytes(StandardCharsets.US_ASCII)))));
    }

    /** Posts a body of this many bytes as a stream of unknown length: it goes out chunked. */
    private static HttpResponse<String> postChunked(String path, String contentType, int bytes, Map<String, String> headers)
            throws Exception {
        return postChunked(path, contentType, () -> zeros(bytes), headers);
    }

    private static HttpResponse<String> postChunked(String path, String contentType, Supplier<InputStream> body,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Content-Type", contentType).header("X-Forwarded-For", Api.randomClient())
                .POST(HttpRequest.BodyPublishers.ofInputStream(body));
        headers.forEach(request::header);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static InputStream zeros(int bytes) {
        return new InputStream() {
            private int left = bytes;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 'a');
                left -= n;
                return n;
            }
        };
    }
}
