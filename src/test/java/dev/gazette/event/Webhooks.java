package dev.gazette.event;

import static dev.gazette.testing.Api.as;

import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/** Endpoints made through the API for tests: the endpoint's id and its secret. */
final class Webhooks {

    record Made(long id, String secret, String path) {
    }

    private Webhooks() {
    }

    /** A new endpoint of the publication for these event types; {@code path} is the endpoint's API path. */
    static Made endpoint(String token, String slug, String url, String... types) {
        String base = "/api/v1/publications/" + slug + "/webhooks";
        JsonPath created = as(token).body(Map.of("url", url, "eventTypes", List.of(types))).post(base).then()
                .statusCode(201).extract().jsonPath();
        long id = created.getLong("id");
        return new Made(id, created.getString("secret"), base + "/" + id);
    }
}
