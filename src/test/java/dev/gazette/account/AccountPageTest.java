package dev.gazette.account;

import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static dev.gazette.testing.StudioForms.session;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.StudioForms.Page;

/**
 * The account menu and its settings page: the name in every studio page's bar, a new password
 * (ending the other sessions and tokens), API tokens made and revoked, and the language switch
 * that every page then speaks.
 */
@QuarkusTest
class AccountPageTest {

    private static final Pattern TOKEN = Pattern.compile("id=\"new-token-value\">([^<]+)<");

    @Inject
    DataSource db;

    @Test
    void everyStudioAndAdminPageHasTheAccountMenu() {
        Api.Account writer = Api.writer("MenuWriter");
        String slug = Api.publication(writer.token());
        for (String path : new String[]{"/studio", "/studio/publications/" + slug + "/comments",
                "/studio/publications/" + slug + "/subscribers", "/studio/account"}) {
            assertThat(open(writer, path, "en").html()).contains("id=\"account-menu\"").contains(writer.email())
                    .contains("href=\"/studio/account\"").contains("action=\"/language\"").contains("action=\"/logout\"");
        }
        Api.Account admin = Api.admin();
        assertThat(open(admin, "/admin/accounts", "en").html()).contains("id=\"account-menu\"")
                .contains(admin.email());
    }

    @Test
    void aNewPasswordEndsTheOtherSessionsAndAWrongOneChangesNothing() {
        Api.Account writer = Api.writer("PasswordWriter");
        String other = Api.login(writer.email(), Api.PASSWORD);
        Page page = open(writer, "/studio/account", "en");

        Response wrong = post(writer, page, "/studio/account/password",
                Map.of("currentPassword", "not my password", "newPassword", "a brand new password"), "en");
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.asString()).contains("This is not your current password.").contains("aria-invalid=\"true\"");
        Response shortOne = post(writer, page, "/studio/account/password",
                Map.of("currentPassword", Api.PASSWORD, "newPassword", "short"), "ko");
        assertThat(shortOne.statusCode()).isEqualTo(422);
        assertThat(shortOne.asString()).contains("비밀번호는 10자 이상이어야 해요.");
        post(writer, page.withoutToken(), "/studio/account/password",
                Map.of("currentPassword", Api.PASSWORD, "newPassword", "a brand new password"), "en").then()
                .statusCode(403);
        given().header("Authorization", "Bearer " + other).get("/api/v1/me").then().statusCode(200);

        Response changed = post(writer, page, "/studio/account/password",
                Map.of("currentPassword", Api.PASSWORD, "newPassword", "a brand new password"), "en");
        changed.then().statusCode(303);
        assertThat(changed.header("Location")).endsWith("/studio/account?done=password");
        String session = changed.getCookie("gazette_session");
        assertThat(session).isNotBlank();
        given().header("Authorization", "Bearer " + other).get("/api/v1/me").then().statusCode(401);
        given().header("Authorization", "Bearer " + writer.token()).get("/api/v1/me").then().statusCode(401);
        given().cookie("gazette_session", session).get("/studio/account").then().statusCode(200);
        Api.login(writer.email(), "a brand new password");
    }

    @Test
    void anApiTokenIsShownOnceWorksAndIsRevoked() {
        Api.Account writer = Api.writer("TokenWriter");
        Page page = open(writer, "/studio/account", "en");
        Response refused = post(writer, page, "/studio/account/tokens", Map.of("name", " ", "expiresInDays", "30"), "en");
        assertThat(refused.statusCode()).isEqualTo(422);
        Response badDays = post(writer, page, "/studio/account/tokens", Map.of("name", "deploy", "expiresInDays", "0"),
                "en");
        assertThat(badDays.statusCode()).isEqualTo(422);
        assertThat(Db.count(db, "SELECT count(*) FROM access_token t JOIN account a ON a.id = t.account_id "
                + "WHERE a.email = ? AND t.kind = 'api'", writer.email())).isZero();

        Response made = post(writer, page, "/studio/account/tokens", Map.of("name", "deploy", "expiresInDays", "30"), "en");
        assertThat(made.statusCode()).isEqualTo(200);
        Matcher m = TOKEN.matcher(made.asString());
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(200);
        // shown once: the page never shows it again
        assertThat(open(writer, "/studio/account", "en").html()).doesNotContain(token).contains("deploy");

        long id = Db.count(db, "SELECT t.id FROM access_token t JOIN account a ON a.id = t.account_id "
                + "WHERE a.email = ? AND t.kind = 'api'", writer.email());
        Api.Account other = Api.writer("NotTheirs");
        post(other, open(other, "/studio/account", "en"), "/studio/account/tokens/" + id + "/revoke", Map.of(), "en")
                .then().statusCode(404);
        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(200);
        post(writer, page, "/studio/account/tokens/" + id + "/revoke", Map.of(), "en").then().statusCode(303);
        given().header("Authorization", "Bearer " + token).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void theLanguageSwitchIsKeptAndEveryPageSpeaksIt() {
        Api.Account writer = Api.writer("LanguageWriter");
        Page page = open(writer, "/studio", "en");
        assertThat(page.html()).contains("Your publications");
        post(writer, page.withoutToken(), "/language", Map.of("lang", "ko", "back", "/studio"), "en").then()
                .statusCode(403);

        Response chosen = post(writer, page, "/language", Map.of("lang", "ko", "back", "/studio/account?x=1"), "en");
        chosen.then().statusCode(303);
        assertThat(chosen.header("Location")).endsWith("/studio/account?x=1");
        assertThat(chosen.header("Set-Cookie")).contains("gazette_lang=ko").contains("Max-Age=31536000")
                .contains("SameSite=Lax");
        // the browser still asks for English; the choice wins
        String korean = session(writer, "en").cookie("gazette_lang", "ko").get("/studio").then().statusCode(200)
                .extract().asString();
        assertThat(korean).contains("lang=\"ko\"").contains("<option value=\"ko\" lang=\"ko\" selected>");
        assertThat(session(writer, "ko").cookie("gazette_lang", "en").get("/studio/account").then().statusCode(200)
                .extract().asString()).contains("Account settings");

        // never away from this site
        for (String away : new String[]{"//evil.example/x", "https://evil.example/", "/\\evil.example", "studio"}) {
            Response back = post(writer, page, "/language", Map.of("lang", "en", "back", away), "en");
            back.then().statusCode(303);
            assertThat(back.header("Location")).endsWith("/studio").doesNotContain("evil");
        }
    }
}
