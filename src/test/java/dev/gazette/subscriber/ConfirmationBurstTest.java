package dev.gazette.subscriber;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/**
 * Many readers press the confirmation button at once, some twice, one with a link whose consent is
 * someone else's: the presses are confirmed in batches (see {@code Confirmations}), and each still
 * gets its own answer, and each subscriber is confirmed once, with one welcome mail and one event.
 */
@QuarkusTest
class ConfirmationBurstTest {

    private static final int READERS = 40;

    @Inject
    DataSource db;

    @Inject
    SubscriberLinks links;

    @Inject
    Confirmations confirmations;

    @Test
    void pressesAtOnceAreEachAnsweredAndConfirmEachSubscriberOnce() throws Exception {
        String slug = Api.publication(Api.writer("Burst").token());
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug);
        List<Long> subscribers = new ArrayList<>();
        List<Long> consents = new ArrayList<>();
        pending(publication, READERS, subscribers, consents);
        // every link pressed twice, and one whose consent belongs to another reader
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            String path = URI.create(links.confirmUrl(subscribers.get(i), consents.get(i))).getPath();
            paths.add(path);
            paths.add(path);
        }
        String forged = URI.create(links.confirmUrl(subscribers.get(0), consents.get(1))).getPath();
        paths.add(forged);

        Response page = given().get(paths.get(0));
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.asString());
        assertThat(csrf.find()).isTrue();
        String cookie = page.getCookie("gazette_form");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (String path : paths) {
                answers.add(pool.submit(() -> given().header("Accept-Language", "en")
                        .contentType("application/x-www-form-urlencoded").cookie("gazette_form", cookie)
                        .formParam("csrf", csrf.group(1)).post(path)));
            }
            for (int i = 0; i < READERS; i++) {
                String first = answer(answers.get(2 * i).get());
                String second = answer(answers.get(2 * i + 1).get());
                assertThat(List.of(first, second)).as("the two presses of reader %d", i)
                        .containsExactlyInAnyOrder("confirmed", "already");
            }
            Response refused = answers.get(answers.size() - 1).get();
            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.jsonPath().getString("code")).isEqualTo("invalid_token");
        } finally {
            pool.shutdownNow();
        }

        Long[] ids = subscribers.toArray(Long[]::new);
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE id = ANY (?) AND status = 'active' "
                + "AND confirmed_at IS NOT NULL", (Object) ids)).isEqualTo(READERS);
        assertThat(Db.count(db, "SELECT count(*) FROM consent WHERE subscriber_id = ANY (?) AND confirmed_at IS NOT NULL "
                + "AND confirmation_ip IS NOT NULL", (Object) ids)).isEqualTo(READERS);
        // one welcome each, and one subscriber.confirmed event each
        assertThat(Db.count(db, "SELECT count(DISTINCT reference) FROM mail WHERE kind = 'welcome' AND publication_id = ?",
                publication)).isEqualTo(READERS);
        assertThat(Db.count(db, "SELECT count(*) FROM mail WHERE kind = 'welcome' AND publication_id = ?", publication))
                .isEqualTo(READERS);
        assertThat(Db.count(db, "SELECT count(*) FROM event WHERE type = 'subscriber.confirmed' AND publication_id = ?",
                publication)).isEqualTo(READERS);
        assertThat(Db.count(db, "SELECT count(DISTINCT data ->> 'subscriberId') FROM event "
                + "WHERE type = 'subscriber.confirmed' AND publication_id = ? AND data ->> 'status' = 'active'",
                publication)).isEqualTo(READERS);
        // the counters: all of them active, none pending
        assertThat(Db.count(db, "SELECT coalesce(sum(subscribers), 0) FROM stats_publication_status "
                + "WHERE publication_id = ? AND status = 'active'", publication)).isEqualTo(READERS);
        assertThat(Db.count(db, "SELECT coalesce(sum(subscribers), 0) FROM stats_publication_status "
                + "WHERE publication_id = ? AND status = 'pending'", publication)).isZero();
    }

    /**
     * Presses made all at once inside the application, faster than a batch commits: the presses
     * waiting, both presses of each link among them, are confirmed together, and each pair still
     * gets one "confirmed" and one "already confirmed", with one welcome mail per reader.
     */
    @Test
    void bothPressesOfALinkInOneBatchConfirmItOnce() throws Exception {
        String slug = Api.publication(Api.writer("Batch").token());
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug);
        List<Long> subscribers = new ArrayList<>();
        List<Long> consents = new ArrayList<>();
        pending(publication, READERS, subscribers, consents);
        List<CompletableFuture<Subscriptions.ConfirmResult>> presses = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            presses.add(confirmations.confirm(subscribers.get(i), consents.get(i), "192.0.2.1"));
            presses.add(confirmations.confirm(subscribers.get(i), consents.get(i), "192.0.2.1"));
        }
        for (int i = 0; i < READERS; i++) {
            assertThat(List.of(presses.get(2 * i).get(10, TimeUnit.SECONDS).outcome(),
                    presses.get(2 * i + 1).get(10, TimeUnit.SECONDS).outcome())).as("the two presses of reader %d", i)
                    .containsExactlyInAnyOrder(Subscriptions.Confirmation.confirmed,
                            Subscriptions.Confirmation.already_confirmed);
        }
        assertThat(Db.count(db, "SELECT count(*) FROM mail WHERE kind = 'welcome' AND publication_id = ?", publication))
                .isEqualTo(READERS);
        assertThat(Db.count(db, "SELECT count(*) FROM event WHERE type = 'subscriber.confirmed' AND publication_id = ?",
                publication)).isEqualTo(READERS);
    }

    /** {@code n} pending subscribers of the publication, each with an unconfirmed form consent. */
    private void pending(long publication, int n, List<Long> subscribers, List<Long> consents) {
        for (int i = 0; i < n; i++) {
            String email = Api.uniqueEmail("burst" + i);
            long subscriber = Db.count(db, "INSERT INTO subscriber (publication_id, email, email_hash, name, status, "
                    + "created_at, updated_at) VALUES (?, ?, md5(?) || md5(?), 'Reader', 'pending', now(), now()) "
                    + "RETURNING id", publication, email, email, "x" + email);
            subscribers.add(subscriber);
            consents.add(Db.count(db, "INSERT INTO consent (subscriber_id, source, method, given_at, wording, "
                    + "policy_version) VALUES (?, 'form', 'double_opt_in', now(), 'I agree', '2026-11') RETURNING id",
                    subscriber));
        }
    }

    private static String answer(Response response) {
        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.asString();
        if (body.contains("You are subscribed") || body.contains("구독이 확인되었습니다")) {
            return "confirmed";
        }
        if (body.contains("Already confirmed") || body.contains("이미 확인된")) {
            return "already";
        }
        return body;
    }
}
