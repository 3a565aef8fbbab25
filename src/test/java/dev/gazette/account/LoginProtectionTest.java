package dev.gazette.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/** A guesser with many addresses is stopped per account, and the login form cannot be posted from another site. */
@QuarkusTest
class LoginProtectionTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @Inject
    DataSource db;

    @Test
    void tenWrongPasswordsFromAnywhereLockTheAccountsPasswordLogins() {
        Api.Account writer = Api.writer("Guessed");
        Api.Account bystander = Api.writer("Bystander");
        for (int i = 0; i < 10; i++) {
            // each guess from its own address: per-client limits never bite
            login(writer.email(), "guess " + i).then().statusCode(401).body("code", equalTo("invalid_credentials"));
        }
        // locked: the right password is answered exactly like a wrong one
        login(writer.email(), Api.PASSWORD).then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("invalid_credentials"));
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE email = ? AND login_locked_until > now()",
                writer.email())).isOne();
        // another account, and the sessions already issued, are untouched
        login(bystander.email(), Api.PASSWORD).then().statusCode(200);
        Api.as(writer.token()).get("/api/v1/me").then().statusCode(200);

        // once the lock is over, the right password works and the count starts again
        Db.count(db, "WITH unlocked AS (UPDATE account SET login_locked_until = now() - interval '1 second'"
                + " WHERE email = ? RETURNING 1) SELECT count(*) FROM unlocked", writer.email());
        login(writer.email(), Api.PASSWORD).then().statusCode(200);
        assertThat(Db.count(db, "SELECT failed_logins FROM account WHERE email = ?", writer.email())).isZero();
    }

    @Test
    void fewerWrongPasswordsThanTheLimitLockNothing() {
        Api.Account writer = Api.writer("Forgetful");
        for (int i = 0; i < 9; i++) {
            login(writer.email(), "guess " + i).then().statusCode(401);
        }
        login(writer.email(), Api.PASSWORD).then().statusCode(200);
    }

    @Test
    void theLoginFormLogsInOnlyWithItsOwnCookieAndToken() {
        Api.Account writer = Api.writer("Formal");
        Response form = RestAssured.given().header("X-Forwarded-For", Api.randomClient()).get("/login");
        form.then().statusCode(200);
        String cookie = form.getCookie("gazette_form");
        Matcher token = CSRF.matcher(form.asString());
        assertThat(cookie).isNotBlank();
        assertThat(token.find()).isTrue();

        // another site's post: no cookie, or a token made for someone else's cookie
        post(writer.email(), null, null).then().statusCode(403);
        post(writer.email(), token.group(1), null).then().statusCode(403);
        Response forged = post(writer.email(), token.group(1), "someone-elses-cookie");
        forged.then().statusCode(403);
        assertThat(forged.getCookie("gazette_session")).isNull();

        Response own = post(writer.email(), token.group(1), cookie);
        own.then().statusCode(303);
        assertThat(own.getCookie("gazette_session")).isNotBlank();
    }

    private static Response login(String email, String password) {
        return Api.anonymous().body(Map.of("email", email, "password", password)).post("/api/v1/auth/login");
    }

    private static Response post(String email, String csrf, String cookie) {
        var request = RestAssured.given().header("X-Forwarded-For", Api.randomClient()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("email", email)
                .formParam("password", Api.PASSWORD).formParam("next", "/dashboard");
        if (csrf != null) {
            request.formParam("csrf", csrf);
        }
        if (cookie != null) {
            request.cookie("gazette_form", cookie);
        }
        return request.post("/login");
    }
}
