package dev.gazette.account;

import static dev.gazette.testing.Api.PASSWORD;
import static dev.gazette.testing.Api.anonymous;
import static dev.gazette.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/**
 * How long a login and an API token live, the HTML login form and its {@code next=}, and the
 * signup limit. Expiry is shown by moving a token's expiry into the past in the database (the
 * application compares it with its clock on every request); the real passing of a short session
 * TTL is in {@code ConfiguredInstancesIT}.
 */
@QuarkusTest
class AccountLifetimeTest {

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([a-z]+)\" value=\"([^\"]*)\"");

    @Inject
    DataSource db;

    @ConfigProperty(name = "gazette.auth.session-ttl")
    Duration sessionTtl;

    @ConfigProperty(name = "gazette.auth.signup-per-minute")
    int signupPerMinute;

    /** The cookies the login form set, sent back with the form as a browser would. */
    private final Map<String, String> cookies = new java.util.HashMap<>();

    @Test
    void anApiTokenLivesItsDaysAndNotASecondLonger() {
        Api.Account writer = Api.writer("Tokens");
        Response created = as(writer.token()).body(Map.of("name", "ci", "expiresInDays", 2)).post("/api/v1/me/tokens");
        created.then().statusCode(201);
        String token = created.path("token");
        assertThat(Instant.parse(created.path("expiresAt")))
                .isCloseTo(Instant.now().plus(Duration.ofDays(2)), within(5, ChronoUnit.MINUTES));
        as(writer.token()).body(Map.of("name", "forever")).post("/api/v1/me/tokens").then().statusCode(201)
                .body("expiresAt", nullValue());
        as(token).get("/api/v1/me").then().statusCode(200);

        expireNow(token);
        as(token).get("/api/v1/me").then().statusCode(401).body("code", equalTo("unauthenticated"));
        // the writer's session is another token and lives on
        as(writer.token()).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void aSessionLivesTheConfiguredTtlAsTokenAndAsCookie() {
        Api.Account writer = Api.writer("Session");
        Response login = anonymous().body(Map.of("email", writer.email(), "password", PASSWORD)).post("/api/v1/auth/login");
        login.then().statusCode(200);
        String token = login.path("token");
        assertThat(Instant.parse(login.path("expiresAt")))
                .isCloseTo(Instant.now().plus(sessionTtl), within(5, ChronoUnit.MINUTES));
        assertThat((long) login.getDetailedCookie("gazette_session").getMaxAge())
                .isCloseTo(sessionTtl.toSeconds(), within(300L));
        anonymous().cookie("gazette_session", token).get("/api/v1/me").then().statusCode(200);

        expireNow(token);
        as(token).get("/api/v1/me").then().statusCode(401).body("code", equalTo("unauthenticated"));
        anonymous().cookie("gazette_session", token).get("/api/v1/me").then().statusCode(401);
        // a page sends the expired session back to the login form
        anonymous().cookie("gazette_session", token).redirects().follow(false).get("/dashboard").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/login?next=%2Fdashboard"));
    }

    @Test
    void theLoginFormLogsInAndGoesBackToNext() {
        Api.Account writer = Api.writer("Form");
        String client = Api.randomClient();
        Map<String, String> form = form(client, "/login?next=/publications/x/stats?range=7");
        assertThat(form).containsEntry("next", "/publications/x/stats?range=7");

        Response in = post(client, form, writer.email(), PASSWORD);
        in.then().statusCode(303).header("Location", endsWithPath("/publications/x/stats?range=7"));
        String session = in.getDetailedCookie("gazette_session").getValue();
        assertThat(session).isNotBlank();
        as(session).get("/api/v1/me").then().statusCode(200).body("email", equalTo(writer.email()));

        // a wrong password answers the form again, with no session
        Response wrong = post(client, form(client, "/login?next=/dashboard"), writer.email(), "not the password");
        wrong.then().statusCode(401).contentType("text/html");
        assertThat(wrong.getDetailedCookie("gazette_session")).isNull();
    }

    @Test
    void nextNeverLeadsOffTheSite() {
        Api.Account writer = Api.writer("Redirect");
        for (String next : new String[]{"https://evil.example/", "//evil.example/x", "/\\evil.example", "evil.example",
                "/\r\nLocation: https://evil.example/", "javascript:alert(1)"}) {
            String client = Api.randomClient();
            Map<String, String> form = form(client, "/login");
            form.put("next", next);
            Response answer = post(client, form, writer.email(), PASSWORD);
            assertThat(answer.statusCode()).as(next).isEqualTo(303);
            assertThat(answer.header("Location")).as(next).matches("(https?://(localhost|127\\.0\\.0\\.1)(:\\d+)?)?/studio");
        }
    }

    @Test
    void signupIsRateLimitedPerClientAndTheRefusedOneStoresNothing() {
        String client = Api.randomClient();
        for (int i = 0; i < signupPerMinute; i++) {
            signup(client, Api.uniqueEmail("burst")).then().statusCode(201);
        }
        String refused = Api.uniqueEmail("refused");
        signup(client, refused).then().statusCode(429).body("code", equalTo("rate_limited"));
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE email = ?", refused)).isZero();
        // another client is not affected
        signup(Api.randomClient(), refused).then().statusCode(201);
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE email = ?", refused)).isOne();
    }

    private void expireNow(String token) {
        try (var c = db.getConnection();
                var s = c.prepareStatement("UPDATE access_token SET expires_at = now() - interval '1 second' "
                        + "WHERE token_hash = ?")) {
            s.setString(1, Tokens.hash(token));
            assertThat(s.executeUpdate()).isOne();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response signup(String client, String email) {
        return given().header("X-Forwarded-For", client).contentType("application/json")
                .body(Map.of("email", email, "password", PASSWORD, "name", "Burst")).post("/api/v1/auth/signup");
    }

    /** The login form's hidden fields (next, and any others the form carries); its cookies go to {@link #cookies}. */
    private Map<String, String> form(String client, String path) {
        Response page = given().header("X-Forwarded-For", client).get(path);
        page.then().statusCode(200).contentType("text/html");
        cookies.putAll(page.getCookies());
        Map<String, String> fields = new java.util.HashMap<>();
        Matcher m = HIDDEN.matcher(page.asString());
        while (m.find()) {
            fields.put(m.group(1), org.jsoup.parser.Parser.unescapeEntities(m.group(2), true));
        }
        return fields;
    }

    private Response post(String client, Map<String, String> hidden, String email, String password) {
        RequestSpecification request = given().header("X-Forwarded-For", client).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").cookies(cookies)
                .formParam("email", email).formParam("password", password);
        hidden.forEach(request::formParam);
        return request.post("/login");
    }

    private static org.hamcrest.Matcher<String> endsWithPath(String path) {
        // rest-assured shows a relative Location as it came; a client resolves it on this host
        return org.hamcrest.Matchers.anyOf(equalTo(path), org.hamcrest.Matchers.matchesRegex("https?://[^/]+"
                + Pattern.quote(path)));
    }
}
