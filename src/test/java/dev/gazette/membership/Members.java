package dev.gazette.membership;

import static dev.gazette.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.gazette.core.SignedTokens;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;

/** Test steps of paid memberships: a publication with a plan, its readers, their checkout in the sandbox. */
final class Members {

    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private Members() {
    }

    /** A writer's publication with one plan, and what a test needs of it. */
    record Pub(Scenario scenario, long planId) {

        String slug() {
            return scenario.slug();
        }

        Api.Account writer() {
            return scenario.account();
        }
    }

    /** A reader: an active subscriber, their id and their issue-page token. */
    record Reader(String email, long id, String token) {
    }

    static Pub publication(String who, Map<String, Object> plan) {
        Scenario scenario = Scenario.writer(who);
        Number id = as(scenario.token()).body(plan).post("/api/v1/publications/" + scenario.slug() + "/plans").then()
                .statusCode(201).extract().path("id");
        return new Pub(scenario, id.longValue());
    }

    static Pub monthly(String who) {
        return publication(who, Map.of("name", "Monthly", "interval", "month", "price", 5000, "currency", "KRW"));
    }

    static Reader reader(DataSource db, SignedTokens tokens, Pub pub) {
        String email = pub.scenario().subscriber("민지");
        long id = Long.parseLong(Db.text(db, "SELECT CAST(id AS text) FROM subscriber WHERE email = ?", email));
        return new Reader(email, id, tokens.sign(MemberAccess.READER_TOKEN, id));
    }

    /** A browser: its own address, its user agent, no redirects followed. */
    static RequestSpecification browser(String client) {
        return given().header("X-Forwarded-For", client).header("User-Agent", BROWSER).redirects().follow(false);
    }

    record Page(String html, String cookie, String csrf) {

        /** The same page with its token left out, as a forged cross-site form would be. */
        Page withoutToken() {
            return new Page(html, cookie, null);
        }
    }

    static Page open(String client, String path, String cookie) {
        RequestSpecification request = browser(client);
        if (cookie != null) {
            request.cookie("gazette_form", cookie);
        }
        Response response = request.get(path);
        response.then().statusCode(200);
        String html = response.asString();
        String set = response.getCookie("gazette_form");
        Matcher m = CSRF.matcher(html);
        return new Page(html, set != null ? set : cookie, m.find() ? m.group(1) : null);
    }

    static Response post(String client, Page page, String path, Map<String, String> fields) {
        RequestSpecification request = browser(client).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie("gazette_form", page.cookie());
        if (page.csrf() != null) {
            request.formParam("csrf", page.csrf());
        }
        fields.forEach(request::formParam);
        return request.post(path);
    }

    /** Walks the join form and the sandbox page with this card; returns the checkout's public id. */
    static String checkout(Pub pub, Reader reader, String card) {
        String client = Api.randomClient();
        Page join = open(client, "/p/" + pub.slug() + "/join?r=" + reader.token(), null);
        assertThat(join.html()).contains("id=\"join-form\"");
        String location = post(client, join, "/p/" + pub.slug() + "/join",
                Map.of("r", reader.token(), "plan", Long.toString(pub.planId()), "acceptTerms", "true")).then()
                .statusCode(303).extract().header("Location");
        String path = java.net.URI.create(location).getRawPath();
        assertThat(path).startsWith("/checkout/membership/chk_");
        Page pay = open(client, path, join.cookie());
        post(client, pay, path + "/confirm", Map.of("card", card)).then().statusCode(200);
        return path.substring("/checkout/membership/".length());
    }

    static String state(DataSource db, Reader reader) {
        return Db.text(db, "SELECT state FROM membership WHERE subscriber_id = ?", reader.id());
    }

    static long membershipId(DataSource db, Reader reader) {
        return Long.parseLong(Db.text(db, "SELECT CAST(id AS text) FROM membership WHERE subscriber_id = ?", reader.id()));
    }

    static java.util.List<String> ledger(DataSource db, Reader reader) {
        return Db
                .texts(db,
                        "SELECT l.action || ':' || coalesce(l.from_state, '-') || '>' || l.to_state FROM membership_ledger l "
                                + "JOIN membership m ON m.id = l.membership_id WHERE m.subscriber_id = ? ORDER BY l.id",
                        reader.id());
    }
}
