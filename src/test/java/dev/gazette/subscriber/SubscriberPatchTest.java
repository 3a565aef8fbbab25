package dev.gazette.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;

/** A subscriber's PATCH: {@code ""} clears the name, fields left out stay as they were. */
@QuarkusTest
class SubscriberPatchTest {

    @Inject
    DataSource db;

    @Test
    void anEmptyNameClearsItAndKeepsTagsAndAttributes() {
        Scenario scenario = Scenario.writer("Patcher");
        String base = scenario.subscribersPath();
        int id = Api.as(scenario.token()).body(Map.of("email", Api.uniqueEmail("named"), "name", "Old Name",
                "tags", List.of("a"), "attributes", Map.of("city", "Seoul"))).post(base).then().statusCode(201)
                .extract().path("id");

        Api.as(scenario.token()).body(Map.of("name", "")).patch(base + "/" + id).then().statusCode(200)
                .body("name", nullValue()).body("tags", equalTo(List.of("a"))).body("attributes.city", equalTo("Seoul"));
        Api.as(scenario.token()).get(base + "/" + id).then().statusCode(200).body("name", nullValue());
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE id = ? AND name IS NULL AND tags = '{a}'", id))
                .isOne();
    }
}
