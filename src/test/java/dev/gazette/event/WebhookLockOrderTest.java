package dev.gazette.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/**
 * Recording a failed attempt while a writer deletes its endpoint: the outcome must lock the endpoint
 * before the delivery, the order a delete takes them in. The delete here takes its first lock, the
 * outcome is then recorded and must wait on the endpoint (not hold the delivery meanwhile), and the
 * delete finishes: in the other order PostgreSQL finds a deadlock and fails one of them.
 */
@QuarkusTest
class WebhookLockOrderTest {

    @Inject
    DataSource db;

    @Inject
    WebhookQueue queue;

    @Test
    void anOutcomeWaitsForTheEndpointADeleteHoldsInsteadOfDeadlocking() throws Exception {
        String slug = Api.publication(Api.writer("Locks").token());
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug);
        long endpoint = Db.count(db, "INSERT INTO webhook_endpoint (publication_id, url, event_types, secret, created_at, "
                + "updated_at) VALUES (?, 'https://hooks.example.com/in', '{subscriber.confirmed}', 'whsec_bG9ja3M=', "
                + "now(), now()) RETURNING id", publication);
        String event = "msg_locks" + System.nanoTime();
        Db.execute(db, "INSERT INTO event (id, type, version, publication_id, data, occurred_at) "
                + "VALUES (?, 'subscriber.confirmed', 1, ?, '{}', now())", event, publication);
        // leased to this test and due only next year: the running dispatcher leaves it alone
        long delivery = Db.count(db, "INSERT INTO webhook_delivery (endpoint_id, event_id, next_attempt_at, lease_owner, "
                + "lease_until, created_at, started_at) VALUES (?, ?, now() + interval '1 year', 'lock-test', "
                + "now() + interval '1 year', now(), now()) RETURNING id", endpoint, event);
        WebhookQueue.Claimed claimed = new WebhookQueue.Claimed(delivery, event, 1, Instant.now(), endpoint,
                "https://hooks.example.com/in", List.of("whsec_bG9ja3M="), "{}");
        WebhookQueue.Outcome failed = new WebhookQueue.Outcome(claimed, Instant.now(),
                new WebhookCall.Answer(500, "down", null, 12), Instant.now().plusSeconds(60), false);

        try (Connection writer = db.getConnection()) {
            writer.setAutoCommit(false);
            try (PreparedStatement lock = writer.prepareStatement("SELECT id FROM webhook_endpoint WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, endpoint); // what the delete locks first
                lock.executeQuery().close();
            }
            CompletableFuture<List<Long>> outcome = CompletableFuture
                    .supplyAsync(() -> queue.record(List.of(failed), "lock-test", Instant.now().minus(Duration.ofDays(3))));
            awaitLockWait(outcome);
            try (PreparedStatement delete = writer.prepareStatement("DELETE FROM webhook_endpoint WHERE id = ?")) {
                delete.setLong(1, endpoint); // cascades to the delivery: free, since the outcome waits before it
                assertThat(delete.executeUpdate()).isOne();
            }
            writer.commit();
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isEmpty();
        }
        assertThat(Db.count(db, "SELECT count(*) FROM webhook_delivery WHERE id = ?", delivery)).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM webhook_attempt WHERE delivery_id = ?", delivery)).isZero();
    }

    /** Until the outcome's transaction waits on a row lock (it must not have finished without one). */
    private void awaitLockWait(CompletableFuture<?> outcome) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                assertThat(outcome).as("the outcome must wait for the endpoint's lock").isNotDone();
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        + "AND query LIKE 'UPDATE webhook_endpoint SET failing_since%'")) {
                    r.next();
                    if (r.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the outcome never waited on the endpoint's lock");
    }
}
