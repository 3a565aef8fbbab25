package dev.gazette.account;

import static dev.gazette.testing.Api.PASSWORD;
import static dev.gazette.testing.Api.anonymous;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;

@QuarkusTest
class AuthTest {

    @Inject
    DataSource db;

    @ConfigProperty(name = "gazette.auth.login-per-minute")
    int loginPerMinute;

    @Test
    void signupThenLoginGivesATokenAndASessionCookie() {
        String email = Api.uniqueEmail("Writer");
        anonymous().body(Map.of("email", email, "password", PASSWORD, "name", "Writer"))
                .post("/api/v1/auth/signup")
                .then().statusCode(201).body("email", equalTo(email.toLowerCase())).body("status", equalTo("created"));

        Response login = anonymous().body(Map.of("email", email.toUpperCase(), "password", PASSWORD))
                .post("/api/v1/auth/login");
        login.then().statusCode(200).body("token", notNullValue()).body("account.role", equalTo("writer"));
        String token = login.path("token");
        assertThat(login.getDetailedCookie("gazette_session").getValue()).isEqualTo(token);
        assertThat(login.getDetailedCookie("gazette_session").isHttpOnly()).isTrue();
        assertThat(login.getDetailedCookie("gazette_session").getSameSite()).isEqualToIgnoringCase("lax");

        as(token).get("/api/v1/me").then().statusCode(200)
                .body("email", equalTo(email.toLowerCase())).body("name", equalTo("Writer"));
        // the token is stored only as a hash
        assertThat(Db.count(db, "SELECT count(*) FROM access_token WHERE token_hash = ?", token)).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM access_token WHERE token_hash = ?", Tokens.hash(token))).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE email = ? AND password_hash LIKE '$2%'",
                email.toLowerCase())).isOne();
    }

    @Test
    void withoutATokenTheApiAnswers401Problem() {
        anonymous().get("/api/v1/me").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthenticated"));
        as("gz_not-a-real-token").get("/api/v1/me").then().statusCode(401).body("code", equalTo("unauthenticated"));
        as(Tokens.newToken()).get("/api/v1/me").then().statusCode(401).body("code", equalTo("unauthenticated"));
    }

    @Test
    void wrongPasswordAndUnknownAddressGetTheSameAnswer() {
        Api.Account writer = Api.writer("Known");
        Response wrongPassword = anonymous().body(Map.of("email", writer.email(), "password", "not the password"))
                .post("/api/v1/auth/login");
        Response unknown = anonymous().body(Map.of("email", Api.uniqueEmail("nobody"), "password", "not the password"))
                .post("/api/v1/auth/login");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.asString()).isEqualTo(unknown.asString());
        assertThat(wrongPassword.<String>path("code")).isEqualTo("invalid_credentials");
    }

    @Test
    void signupWithAKnownAddressAnswersAlikeChangesNothingAndTellsTheOwner() {
        Api.Account writer = Api.writer("Owner");
        String fresh = Api.uniqueEmail("Fresh");
        String existing = anonymous().body(Map.of("email", writer.email(), "password", "another password!", "name", "Intruder"))
                .post("/api/v1/auth/signup").then().statusCode(201).extract().asString();
        String created = anonymous().body(Map.of("email", fresh, "password", "another password!", "name", "Fresh"))
                .post("/api/v1/auth/signup").then().statusCode(201).extract().asString();
        assertThat(existing.replace(writer.email(), "X")).isEqualTo(created.replace(fresh.toLowerCase(), "X"));

        // nothing changed for the owner: still one account, old password still works, name kept
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE email = ?", writer.email())).isOne();
        String token = Api.login(writer.email(), PASSWORD);
        as(token).get("/api/v1/me").then().body("name", equalTo("Owner"));

        CapturedMessage notice = Mailbox.awaitTo(writer.email());
        assertThat(notice.subject()).contains("Gazette 계정 안내");
        assertThat(notice.textPart()).get().asString().contains("already has an account");
        assertThat(notice.htmlPart()).get().asString().contains("이미 계정이 있어");
    }

    @Test
    void logoutRevokesTheToken() {
        Api.Account writer = Api.writer("Leaving");
        as(writer.token()).post("/api/v1/auth/logout").then().statusCode(204);
        as(writer.token()).get("/api/v1/me").then().statusCode(401);
        assertThat(Db.count(db, "SELECT count(*) FROM access_token WHERE token_hash = ? AND revoked_at IS NOT NULL",
                Tokens.hash(writer.token()))).isOne();
    }

    @Test
    void passwordChangeRevokesEverySessionAndToken() {
        Api.Account writer = Api.writer("Changer");
        String otherSession = Api.login(writer.email(), PASSWORD);
        String apiToken = as(writer.token()).body(Map.of("name", "ci"))
                .post("/api/v1/me/tokens").then().statusCode(201).extract().path("token");
        as(apiToken).get("/api/v1/me").then().statusCode(200);

        as(writer.token()).body(Map.of("currentPassword", "wrong password!", "newPassword", "brand new password"))
                .post("/api/v1/me/password").then().statusCode(400)
                .body("errors[0].field", equalTo("currentPassword")).body("errors[0].code", equalTo("wrong_password"));
        as(writer.token()).get("/api/v1/me").then().statusCode(200); // a failed change revokes nothing

        String fresh = as(writer.token())
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "brand new password"))
                .post("/api/v1/me/password").then().statusCode(200).extract().path("token");

        for (String old : new String[]{writer.token(), otherSession, apiToken}) {
            as(old).get("/api/v1/me").then().statusCode(401);
        }
        as(fresh).get("/api/v1/me").then().statusCode(200);
        anonymous().body(Map.of("email", writer.email(), "password", PASSWORD)).post("/api/v1/auth/login")
                .then().statusCode(401);
        Api.login(writer.email(), "brand new password");
    }

    @Test
    void apiTokensCanBeListedAndRevoked() {
        Api.Account writer = Api.writer("Tokens");
        Response created = as(writer.token()).body(Map.of("name", "deploy", "expiresInDays", 30)).post("/api/v1/me/tokens");
        created.then().statusCode(201).body("kind", equalTo("api")).body("expiresAt", notNullValue());
        long id = created.<Number>path("id").longValue();
        String apiToken = created.path("token");

        as(writer.token()).get("/api/v1/me/tokens").then().statusCode(200)
                .body("find { it.name == 'deploy' }.current", equalTo(false))
                .body("find { it.name == 'login' }.current", equalTo(true))
                .body("token", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));

        Api.Account other = Api.writer("Other");
        as(other.token()).delete("/api/v1/me/tokens/" + id).then().statusCode(404).body("code", equalTo("token_not_found"));
        as(apiToken).get("/api/v1/me").then().statusCode(200);

        as(writer.token()).delete("/api/v1/me/tokens/" + id).then().statusCode(204);
        as(apiToken).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void theSessionCookieAuthenticatesReadsButNotCrossSiteWrites() {
        Api.Account writer = Api.writer("Cookie");
        anonymous().cookie("gazette_session", writer.token()).get("/api/v1/me").then().statusCode(200);
        // a form posted from another site carries the cookie but cannot add X-Requested-With
        anonymous().cookie("gazette_session", writer.token()).body(Map.of("name", "x"))
                .post("/api/v1/me/tokens").then().statusCode(401);
        anonymous().cookie("gazette_session", writer.token()).header("X-Requested-With", "fetch")
                .body(Map.of("name", "x")).post("/api/v1/me/tokens").then().statusCode(201);
    }

    @Test
    void loginIsRateLimitedPerClient() {
        String client = Api.randomClient();
        Map<String, String> body = Map.of("email", Api.uniqueEmail("nobody"), "password", "whatever password");
        for (int i = 0; i < loginPerMinute; i++) {
            io.restassured.RestAssured.given().header("X-Forwarded-For", client).contentType("application/json")
                    .body(body).post("/api/v1/auth/login").then().statusCode(401);
        }
        io.restassured.RestAssured.given().header("X-Forwarded-For", client).contentType("application/json")
                .body(body).post("/api/v1/auth/login")
                .then().statusCode(429).body("code", equalTo("rate_limited")).header("Retry-After", notNullValue());
        // another client is not affected
        anonymous().body(body).post("/api/v1/auth/login").then().statusCode(401);
    }

    @Test
    void signupRefusesBadInputAndStoresNothing() {
        String email = Api.uniqueEmail("Bad");
        anonymous().body(Map.of("email", email, "password", "short", "name", "Bad"))
                .post("/api/v1/auth/signup").then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("errors[0].code", equalTo("password_too_short"));
        anonymous().body(Map.of("email", email, "password", "가".repeat(25), "name", "Bad"))
                .post("/api/v1/auth/signup").then().statusCode(400).body("errors[0].code", equalTo("password_too_long"));
        anonymous().body(Map.of("email", "a@b", "password", PASSWORD, "name", "Bad"))
                .post("/api/v1/auth/signup").then().statusCode(400)
                .body("errors[0].field", equalTo("email")).body("errors[0].code", equalTo("invalid_email"));
        anonymous().body(Map.of("email", email, "password", PASSWORD, "name", "Bad\r\nBcc: victim@example.com"))
                .post("/api/v1/auth/signup").then().statusCode(400)
                .body("errors[0].field", equalTo("name")).body("errors[0].code", equalTo("line_break"));
        anonymous().body(Map.of("email", email, "password", PASSWORD))
                .post("/api/v1/auth/signup").then().statusCode(400)
                .body("errors[0].field", equalTo("name")).body("errors[0].code", equalTo("required"));
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE email = ?", email.toLowerCase())).isZero();
    }

    @Test
    void theConfiguredAdminExistsAndIsAdmin() {
        as(Api.admin().token()).get("/api/v1/me").then().statusCode(200).body("role", equalTo("admin"));
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE role = 'admin'")).isOne();
    }
}
