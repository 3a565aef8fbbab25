package dev.gazette.issue;

import static dev.gazette.issue.IssueFixtures.createIssue;
import static dev.gazette.issue.IssueFixtures.publishOnWeb;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/**
 * Views are counted in memory and written every second: still once per reader within the window,
 * and exactly, with several instances writing at the same time.
 */
@QuarkusTest
class ViewCountingTest {

    static final String BROWSER = IssueWebTest.BROWSER;

    @Inject
    DataSource db;

    @Inject
    ViewCounter views;

    @Inject
    IssueConfig config;

    @Inject
    Clock clock;

    @Test
    void aThousandDistinctReadersArrivingTogetherOnTwoInstancesCountExactlyOnceEach() throws Exception {
        Api.Account writer = Api.writer("Viral");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub, Map.of("slug", "viral"));
        publishOnWeb(writer.token(), pub, id);
        String page = "/p/" + pub + "/viral";
        // a second instance on the same database: its own memory, its own writes every moment
        ViewCounter second = new ViewCounter(db, config, clock);
        AtomicBoolean reading = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(33);
        try {
            Future<?> secondWrites = pool.submit(() -> {
                while (reading.get()) {
                    second.flush();
                }
                return second.flush();
            });
            List<Future<?>> readers = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String address = "10.77." + (i / 250) + "." + (i % 250 + 1);
                readers.add(pool.submit(() -> {
                    // each reader reaches the first instance twice, then the second (as a balancer may send them)
                    for (int twice = 0; twice < 2; twice++) {
                        given().header("X-Forwarded-For", address).header("User-Agent", BROWSER).get(page).then()
                                .statusCode(200);
                    }
                    second.record(id, address, BROWSER);
                }));
            }
            for (Future<?> reader : readers) {
                reader.get(2, TimeUnit.MINUTES);
            }
            reading.set(false);
            secondWrites.get(1, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        views.flush();
        assertThat(Db.count(db, "SELECT view_count FROM issue WHERE id = ?", id)).isEqualTo(1000);
        assertThat(Db.count(db, "SELECT count(*) FROM issue_view WHERE issue_id = ?", id)).isEqualTo(1000);

        // the same readers again within the window: nothing more, on either instance
        for (int i = 0; i < 10; i++) {
            String address = "10.77.0." + (i + 1);
            given().header("X-Forwarded-For", address).header("User-Agent", BROWSER).get(page).then().statusCode(200);
            second.record(id, address, BROWSER);
        }
        views.flush();
        second.flush();
        assertThat(Db.count(db, "SELECT view_count FROM issue WHERE id = ?", id)).isEqualTo(1000);
    }

    @Test
    void aReaderCountsAgainOnceTheWindowHasPassed() {
        Api.Account writer = Api.writer("Window");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub, Map.of("slug", "window"));
        publishOnWeb(writer.token(), pub, id);
        views.record(id, "10.78.0.1", BROWSER);
        views.flush();
        // the reader's last counted view, moved back beyond the window
        Db.execute(db, "UPDATE issue_view SET last_seen_at = last_seen_at - ?::interval WHERE issue_id = ?",
                config.viewWindow().plusMinutes(1).toSeconds() + " seconds", id);
        views.record(id, "10.78.0.1", BROWSER);
        views.record(id, "10.78.0.1", BROWSER);
        assertThat(views.flush()).isOne();
        assertThat(Db.count(db, "SELECT view_count FROM issue WHERE id = ?", id)).isEqualTo(2);
    }
}
