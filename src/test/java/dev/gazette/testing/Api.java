package dev.gazette.testing;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Builds API calls for tests. Every call poses as its own client address (X-Forwarded-For, trusted
 * in the test profile) so that per-client rate limits only bite the tests that aim at them.
 */
public final class Api {

    public static final String PASSWORD = "correct horse battery";

    private Api() {
    }

    public static RequestSpecification anonymous() {
        return given().header("X-Forwarded-For", randomClient()).contentType(ContentType.JSON);
    }

    public static RequestSpecification as(String token) {
        return anonymous().header("Authorization", "Bearer " + token);
    }

    /** A fresh, unique address on a reserved test domain. */
    public static String uniqueEmail(String who) {
        return who.toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static String randomClient() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "2001:db8:" + Integer.toHexString(r.nextInt(0x10000)) + ":" + Integer.toHexString(r.nextInt(0x10000))
                + "::" + Integer.toHexString(r.nextInt(1, 0x10000));
    }

    /** Signs a new writer up and logs them in. */
    public static Account writer(String who) {
        String email = uniqueEmail(who);
        anonymous().body(Map.of("email", email, "password", PASSWORD, "name", who))
                .post("/api/v1/auth/signup").then().statusCode(201);
        return new Account(email, login(email, PASSWORD));
    }

    public static String login(String email, String password) {
        return anonymous().body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("token");
    }

    /** The admin configured for tests in application.properties. */
    public static Account admin() {
        return new Account(ADMIN_EMAIL, login(ADMIN_EMAIL, ADMIN_PASSWORD));
    }

    public static final String ADMIN_EMAIL = "admin@test.example.com";
    public static final String ADMIN_PASSWORD = "admin password for tests";

    /** Creates a publication with a unique slug for this writer and returns the slug. */
    public static String publication(String token) {
        String slug = "pub-" + UUID.randomUUID().toString().substring(0, 8);
        as(token).body(publicationBody(slug)).post("/api/v1/publications").then().statusCode(201);
        return slug;
    }

    public static Map<String, Object> publicationBody(String slug) {
        return Map.of(
                "slug", slug,
                "name", "AI 뉴스레터",
                "tagline", "매주 읽는 AI 소식",
                "description", "A weekly letter about AI",
                "category", "Tech",
                "locale", "ko",
                "senderName", "지은",
                "senderEmail", "letters@example.com",
                "replyTo", "reply@example.com",
                "copyrightNotice", "© 2026 AI 뉴스레터");
    }

    public record Account(String email, String token) {
    }
}
