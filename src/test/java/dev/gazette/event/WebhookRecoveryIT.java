package dev.gazette.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.gazette.testing.AppProcess;
import dev.gazette.testing.AppScenario;
import dev.gazette.testing.Gazette;

/**
 * Nothing is lost after the commit: with the packaged application in a child process, events
 * committed by an instance that is killed ({@code kill -9}) before it posts them, or while it is
 * posting them, are delivered by the next instance, each at least once and to a receiver that
 * deduplicates on webhook-id, exactly once.
 */
class WebhookRecoveryIT {

    @RegisterExtension
    static final Gazette gazette = Gazette.of("webhooks", Map.of(
            "GAZETTE_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true",
            // a lease longer than a call may last (connect and read timeouts), or a slow call is claimed again
            "GAZETTE_WEBHOOKS_LEASE", "PT10S",
            "GAZETTE_WEBHOOKS_CONNECT_TIMEOUT", "PT1S",
            "GAZETTE_WEBHOOKS_READ_TIMEOUT", "PT2S",
            "GAZETTE_WEBHOOKS_RETRY_SCHEDULE", "PT0.5S",
            "QUARKUS_LOG_CATEGORY__DEV_GAZETTE_EVENT__LEVEL", "DEBUG"));

    private static final Receiver receiver = Receiver.shared();

    @Test
    void eventsCommittedBeforeAKillAreDeliveredOnceRestarted() throws Exception {
        // an instance that commits events but posts nothing: killed between the commit and the delivery
        AppProcess first = gazette.boot("before-kill", Map.of("GAZETTE_WEBHOOKS_ENABLED", "false"));
        AppScenario writer = AppScenario.writer(() -> first);
        AppScenario.Publication publication = writer.publication(0);
        HttpResponse<String> created = first.postJson("/api/v1/publications/" + publication.slug + "/webhooks",
                writer.token(), "{\"url\":\"" + receiver.url("/recovery") + "\",\"eventTypes\":[\"subscriber.created\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = AppProcess.field(created.body(), "secret");
        for (int i = 0; i < 20; i++) {
            publication.add("r" + i);
        }
        first.kill();
        assertThat(receiver.received("/recovery")).isEmpty();
        assertThat(deliveries("/recovery", "pending")).isEqualTo(20);

        AppProcess second = gazette.boot("after-kill", Map.of());
        List<Receiver.Request> got = receiver.await("/recovery", r -> ids(r).size() == 20);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> deliveries("/recovery", "delivered") == 20);
        assertThat(got).as(() -> gazette.text("SELECT string_agg(delivery_id || ' ' || coalesce(status::text, '-') || ' "
                + "' || coalesce(error, '-') || ' ' || requested_at, E'\\n') FROM webhook_attempt")).hasSize(20);
        for (Receiver.Request request : got) {
            assertThat(StandardWebhooks.verify(secret, request)).isTrue();
        }
        second.kill();
    }

    @Test
    void deliveriesHeldByAKilledInstanceComeBackAfterTheirLease() throws Exception {
        AppProcess first = gazette.boot("holding", Map.of());
        AppScenario writer = AppScenario.writer(() -> first);
        AppScenario.Publication publication = writer.publication(0);
        receiver.script("/held", 500, 500, 500, 500, 500, 500, 500, 500, 500, 500);
        HttpResponse<String> created = first.postJson("/api/v1/publications/" + publication.slug + "/webhooks",
                writer.token(), "{\"url\":\"" + receiver.url("/held") + "\",\"eventTypes\":[\"subscriber.created\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        publication.add("held");
        receiver.await("/held", r -> r.size() >= 2); // failing, retried: it holds the delivery at times
        first.kill();

        AppProcess second = gazette.boot("taking-over", Map.of());
        receiver.await("/held", r -> r.stream().count() >= 11); // the script's failures, then a 200
        assertThat(ids(receiver.received("/held"))).hasSize(1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> deliveries("/held", "delivered") == 1);
        second.kill();
    }

    private static long deliveries(String path, String state) {
        return gazette.count("SELECT count(*) FROM webhook_delivery d JOIN webhook_endpoint w ON w.id = d.endpoint_id "
                + "WHERE w.url = ? AND d.state = ?", receiver.url(path), state);
    }

    private static java.util.Set<String> ids(List<Receiver.Request> requests) {
        return requests.stream().map(r -> r.header("webhook-id")).collect(java.util.stream.Collectors.toSet());
    }
}
