package dev.gazette.stats;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/** The rollups kept by the triggers are what a full recount from the raw rows gives. */
@QuarkusTest
class StatsRebuildTest {

    @Inject
    DataSource db;

    /** Every rollup row of one publication, as text (rows that count nothing left out). */
    private List<String> rollups(long publication) {
        String issues = "(SELECT id FROM issue WHERE publication_id = " + publication + ")";
        return rows(
                "SELECT 'issue', s.* FROM stats_issue s WHERE issue_id IN " + issues + " ORDER BY 2",
                "SELECT 'hour', h.* FROM stats_issue_hour h WHERE issue_id IN " + issues
                        + " AND (sent, opens, machine_opens, unique_opens, clicks, unique_clicks) <> (0, 0, 0, 0, 0, 0) ORDER BY 2, 3",
                "SELECT 'link', l.* FROM stats_link l WHERE issue_id IN " + issues + " AND clicks <> 0 ORDER BY 2",
                "SELECT 'touch', t.* FROM stats_touch t JOIN delivery d ON d.id = t.delivery_id JOIN send s "
                        + "ON s.id = d.send_id WHERE s.publication_id = " + publication + " ORDER BY 2, 3",
                "SELECT 'tip', t.* FROM stats_issue_tip t WHERE issue_id IN " + issues + " AND tips <> 0 ORDER BY 2, 3",
                "SELECT 'month', t.* FROM stats_tip_month t WHERE publication_id = " + publication
                        + " AND tips <> 0 ORDER BY 3, 4",
                // the subscriber counters are kept in shards (V29): what must agree is their sums
                "SELECT 'day', day, sum(new), sum(confirmed), sum(unsubscribed) FROM stats_publication_day WHERE "
                        + "publication_id = " + publication + " GROUP BY day HAVING (sum(new), sum(confirmed), "
                        + "sum(unsubscribed)) <> (0, 0, 0) ORDER BY 2",
                "SELECT 'status', status, sum(subscribers) FROM stats_publication_status WHERE publication_id = "
                        + publication + " GROUP BY status HAVING sum(subscribers) <> 0 ORDER BY 2",
                "SELECT 'source', source, sum(subscribers) FROM stats_publication_source WHERE publication_id = "
                        + publication + " GROUP BY source HAVING sum(subscribers) <> 0 ORDER BY 2",
                "SELECT 'subscriber', t.* FROM stats_subscriber t WHERE publication_id = " + publication
                        + " AND (source IS NOT NULL OR unsubscribed_issue_id IS NOT NULL) ORDER BY 2");
    }

    private List<String> rows(String... queries) {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String query : queries) {
                try (ResultSet r = s.executeQuery(query)) {
                    ResultSetMetaData meta = r.getMetaData();
                    while (r.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.append(meta.getColumnName(i)).append('=').append(r.getString(i)).append(' ');
                        }
                        rows.add(row.toString().trim());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Test
    void theRollupsAgreeWithAFullRecount() {
        String token = Api.writer("Rebuild").token();
        String slug = Api.publication(token);
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug);
        StatsScenario scenario = new StatsScenario(db, publication);
        List<String> kept = rollups(publication);
        assertThat(kept).hasSizeGreaterThan(20).anyMatch(r -> r.startsWith("?column?=issue issue_id=" + scenario.issueId
                + " publication_id=" + publication + " recipients=9 sent=7 failed=2"));

        // drift on purpose: the rebuild puts it right
        scenario.exec("UPDATE stats_issue SET opens = 999, unique_opens = 0 WHERE issue_id = ?", scenario.issueId);
        scenario.exec("DELETE FROM stats_touch WHERE delivery_id = ?", scenario.delivery(1));
        assertThat(rollups(publication)).isNotEqualTo(kept);

        as(Api.admin().token()).post("/api/v1/admin/stats/rebuild").then().statusCode(200)
                .body("millis", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
        assertThat(rollups(publication)).isEqualTo(kept);
        as(token).get("/api/v1/publications/" + slug + "/issues/" + scenario.issueId + "/stats").then()
                .body("opens", equalTo(3)).body("uniqueOpens", equalTo(2));
    }
}
