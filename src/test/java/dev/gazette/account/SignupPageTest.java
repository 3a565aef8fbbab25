package dev.gazette.account;

import static dev.gazette.testing.Api.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

/** The web signup form as a browser uses it: its form cookie and token, its language. */
@QuarkusTest
class SignupPageTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @Inject
    DataSource db;

    @Test
    void aNewAddressGetsAnAccountAndLandsInTheStudioLoggedIn() {
        String email = Api.uniqueEmail("Newcomer");
        Response signedUp = submit(open("en"), "en", Map.of("name", "New Writer", "email", email, "password", PASSWORD));
        assertThat(signedUp.statusCode()).isEqualTo(303);
        assertThat(signedUp.header("Location")).endsWith("/studio");
        String session = signedUp.getCookie("gazette_session");
        assertThat(session).isNotBlank();
        assertThat(signedUp.getDetailedCookie("gazette_session").isHttpOnly()).isTrue();
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE email = ? AND name = 'New Writer' AND role = 'writer'",
                email)).isOne();
        given().cookie("gazette_session", session).redirects().follow(false).get("/studio").then().statusCode(200);
    }

    @Test
    void aFormWithoutItsTokenCreatesNoAccount() {
        String email = Api.uniqueEmail("Forged");
        Page page = open("en");
        Response forged = submit(new Page(page.cookie(), null), "en",
                Map.of("name", "Forged", "email", email, "password", PASSWORD));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.getCookie("gazette_session")).isNull();
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE email = ?", email)).isZero();
    }

    @Test
    void refusedFieldsComeBackWithNotesAndWhatWasTypedButThePassword() {
        Response refused = submit(open("en"), "en", Map.of("name", "Typo", "email", "typo@", "password", "secret pass 42"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("id=\"e-email\"").contains("Email is not a valid email address")
                .contains("value=\"Typo\"").contains("value=\"typo@\"").doesNotContain("secret pass 42");
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE email LIKE 'typo@%'")).isZero();

        String email = Api.uniqueEmail("Short");
        Response shortPassword = submit(open("en"), "en", Map.of("name", "", "email", email, "password", "short"));
        assertThat(shortPassword.statusCode()).isEqualTo(422);
        assertThat(shortPassword.asString()).contains("id=\"e-password\"")
                .contains("Password must have at least 10 characters").contains("id=\"e-name\"")
                .contains("Your name is required");
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE email = ?", email)).isZero();
    }

    @Test
    void aKnownAddressWithAnotherPasswordGetsOnlyAMessageAndItsOwnerTheMail() {
        Api.Account owner = Api.writer("Owner");
        Response neutral = submit(open("en"), "en",
                Map.of("name", "Someone", "email", owner.email(), "password", "not the owner's password"));
        assertThat(neutral.statusCode()).isEqualTo(200);
        assertThat(neutral.asString()).contains("Check your inbox").contains("sent a message to this address")
                .doesNotContain("already").doesNotContain("exists");
        assertThat(neutral.getCookie("gazette_session")).isNull();
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE email = ? AND name = 'Owner'", owner.email()))
                .isOne();
        CapturedMessage notice = Mailbox.awaitTo(owner.email());
        assertThat(notice.textPart()).get().asString().contains("already has an account");

        // with the owner's own password, the owner is simply logged in
        Response owners = submit(open("en"), "en", Map.of("name", "Owner", "email", owner.email(), "password", PASSWORD));
        assertThat(owners.statusCode()).isEqualTo(303);
        assertThat(owners.header("Location")).endsWith("/studio");
        assertThat(owners.getCookie("gazette_session")).isNotBlank();
    }

    @Test
    void thePageSpeaksKoreanToAKoreanBrowser() {
        Page page = open("ko");
        assertThat(page.html()).contains("<html lang=\"ko\">").contains("계정 만들기").contains("비밀번호")
                .contains("href=\"/login\">로그인</a>");
        Response refused = submit(page, "ko", Map.of("name", "지은", "email", "지은@", "password", PASSWORD));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("이메일이(가) 올바른 이메일 주소가 아니에요").contains("value=\"지은\"");

        String login = given().get("/login").then().statusCode(200).extract().asString();
        assertThat(login).contains("href=\"/signup\"");
    }

    /** The signup page as the browser got it: the form cookie it set and the form's token. */
    private record Page(String cookie, String csrf, String html) {
        Page(String cookie, String csrf) {
            this(cookie, csrf, "");
        }
    }

    private static Page open(String language) {
        Response response = browser(language).get("/signup");
        response.then().statusCode(200);
        Matcher m = CSRF.matcher(response.asString());
        return new Page(response.getCookie("gazette_form"), m.find() ? m.group(1) : null, response.asString());
    }

    private static Response submit(Page page, String language, Map<String, String> fields) {
        RequestSpecification request = browser(language).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie("gazette_form", page.cookie());
        if (page.csrf() != null) {
            request.formParam("csrf", page.csrf());
        }
        fields.forEach(request::formParam);
        return request.post("/signup");
    }

    private static RequestSpecification browser(String language) {
        return given().header("Accept-Language", language).header("X-Forwarded-For", Api.randomClient()).redirects()
                .follow(false);
    }
}
