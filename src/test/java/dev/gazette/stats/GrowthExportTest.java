package dev.gazette.stats;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/** The growth CSV: one line per UTC day of the configured window, the scenario's figures on their days. */
@QuarkusTest
class GrowthExportTest {

    @Inject
    DataSource db;

    @ConfigProperty(name = "gazette.stats.days")
    int days;

    @Test
    void theGrowthCsvHasEveryDayOfTheWindowAndTheScenariosFigures() {
        String token = Api.writer("Grower").token();
        String slug = Api.publication(token);
        StatsScenario s = new StatsScenario(db, Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug));

        var response = as(token).get("/api/v1/publications/" + slug + "/stats/growth.csv");
        response.then().statusCode(200).contentType("text/csv")
                .header("Content-Disposition", org.hamcrest.Matchers.containsString(slug + "-growth.csv"));
        List<String> lines = response.asString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("day,new,confirmed,unsubscribed,net");
        assertThat(lines).hasSize(days + 1);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(lines.get(lines.size() - 1)).startsWith(today + ",");
        assertThat(lines.get(1)).startsWith(today.minusDays(days - 1) + ",");
        assertThat(lines.subList(1, lines.size()).stream().filter(l -> !l.endsWith(",0,0,0,0")).toList()).containsExactly(
                day(s.joinedAt) + ",10,10,0,10", day(s.earlierUnsubscribeAt) + ",0,0,1,-1",
                day(s.unsubscribeAt) + ",0,0,2,-2");

        // another writer gets nothing of it
        as(Api.writer("Stranger").token()).get("/api/v1/publications/" + slug + "/stats/growth.csv").then()
                .statusCode(404).body("code", equalTo("publication_not_found"));
    }

    private static LocalDate day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
