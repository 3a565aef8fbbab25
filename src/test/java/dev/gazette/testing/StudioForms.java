package dev.gazette.testing;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The studio's pages as a writer's browser uses them: the session cookie, the browser's language,
 * and forms posted with the cookie and token their page set.
 */
public final class StudioForms {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** A page as the browser got it: its HTML, the form cookie it set and the form's token. */
    public record Page(String html, String cookie, String csrf) {

        /** The same page with its token left out of the forms, as a forged cross-site form would be. */
        public Page withoutToken() {
            return new Page(html, cookie, null);
        }
    }

    private StudioForms() {
    }

    public static RequestSpecification session(Api.Account writer, String language) {
        return given().cookie("gazette_session", writer.token()).header("Accept-Language", language)
                .header("X-Forwarded-For", Api.randomClient()).redirects().follow(false);
    }

    public static Page open(Api.Account writer, String path, String language) {
        Response response = session(writer, language).get(path);
        response.then().statusCode(200);
        String html = response.asString();
        Matcher m = CSRF.matcher(html);
        return new Page(html, response.getCookie("gazette_form"), m.find() ? m.group(1) : null);
    }

    public static Response post(Api.Account writer, Page page, String path, Map<String, String> fields,
            String language) {
        RequestSpecification request = session(writer, language)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").cookie("gazette_form", page.cookie());
        if (page.csrf() != null) {
            request.formParam("csrf", page.csrf());
        }
        fields.forEach(request::formParam);
        return request.post(path);
    }
}
