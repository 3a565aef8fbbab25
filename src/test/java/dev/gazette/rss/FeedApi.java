package dev.gazette.rss;

import static dev.gazette.testing.Api.as;

import java.util.Map;

import io.restassured.path.json.JsonPath;

import dev.gazette.testing.Scenario;

/** The feed API as tests call it. */
final class FeedApi {

    private FeedApi() {
    }

    static String path(Scenario writer) {
        return "/api/v1/publications/" + writer.slug() + "/feeds";
    }

    static String path(Scenario writer, long feed) {
        return path(writer) + "/" + feed;
    }

    /** Follows a feed (201) and returns its id. */
    static long follow(Scenario writer, Map<String, Object> body) {
        return ((Number) as(writer.token()).body(body).post(path(writer)).then().statusCode(201).extract().path("id"))
                .longValue();
    }

    /** Fetches the feed now (200) and returns the feed as it is afterwards. */
    static JsonPath fetch(Scenario writer, long feed) {
        return as(writer.token()).post(path(writer, feed) + "/fetch").then().statusCode(200).extract().jsonPath();
    }
}
