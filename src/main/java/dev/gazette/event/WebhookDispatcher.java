package dev.gazette.event;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import dev.gazette.core.DomainException;
import dev.gazette.core.WorkerThread;

/**
 * The webhook worker of this instance: one thread claims due deliveries under a lease, posts them
 * signed (Standard Webhooks) through {@link WebhookCall}, and writes the outcomes in batches. A 2xx
 * delivers; anything else is retried on {@code retry-schedule} until {@code max-age} from the
 * delivery's start, with the same webhook-id; 410 Gone disables the endpoint at once, and an
 * endpoint failing for {@code max-age} without a success is disabled and its writer mailed. A commit
 * that records deliveries wakes the worker at once.
 * <p>
 * At least once: a crash leaves the deliveries it held pending under a lease that ends, and they
 * are posted again; receivers deduplicate on webhook-id.
 */
@ApplicationScoped
class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final WebhookConfig config;
    private final WebhookQueue queue;
    private final WebhookCall call;
    private final AddressGuard guard;
    private final EndpointHealth health;
    private final Clock clock;
    private final String owner = "webhooks-" + UUID.randomUUID();
    private final WorkerThread thread;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<WebhookQueue.Outcome> outcomes = new ConcurrentLinkedQueue<>();

    WebhookDispatcher(WebhookConfig config, WebhookQueue queue, WebhookCall call, AddressGuard guard,
            EndpointHealth health, Clock clock) {
        this.config = config;
        this.queue = queue;
        this.call = call;
        this.guard = guard;
        this.health = health;
        this.clock = clock;
        this.thread = new WorkerThread("gazette-webhooks", config.pollInterval(), this::round, this::record);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return; // deliveries wait in the table for an instance that sends
        }
        if (config.lease().compareTo(config.connectTimeout().plus(config.readTimeout()).multipliedBy(2)) < 0) {
            LOG.warnf("gazette.webhooks.lease (%s) is shorter than twice a call's connect and read timeouts: "
                    + "slow calls will be posted twice", config.lease());
        }
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        thread.stop();
    }

    /** Deliveries were committed: look now rather than at the next poll. */
    void recorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveriesRecorded event) {
        thread.wake();
    }

    private void round() {
        record();
        // claim when a quarter of the room is free, so claims come in batches, not one by one
        int room = config.concurrency() - inFlight.get();
        if (thread.running() && (room >= Math.max(1, config.concurrency() / 4) || inFlight.get() == 0)) {
            post(queue.claim(owner, room, clock.instant(), clock.instant().plus(config.lease())));
        }
    }

    private void post(List<WebhookQueue.Claimed> claimed) {
        Map<String, Object> addresses = new HashMap<>(); // per host for this batch: an address, or why none
        for (WebhookQueue.Claimed delivery : claimed) {
            Instant requestedAt = clock.instant();
            URI uri = URI.create(delivery.url());
            Object address = addresses.computeIfAbsent(AddressGuard.host(uri), host -> {
                try {
                    return guard.check(uri);
                } catch (DomainException refused) {
                    return refused.getMessage();
                }
            });
            inFlight.incrementAndGet();
            if (address instanceof InetAddress checked) {
                byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
                call.post(uri, checked, headers(delivery, requestedAt, body), body,
                        answer -> answered(delivery, requestedAt, answer));
            } else {
                answered(delivery, requestedAt, new WebhookCall.Answer(null, null, (String) address, 0));
            }
        }
    }

    private Map<String, String> headers(WebhookQueue.Claimed delivery, Instant at, byte[] body) {
        long timestamp = at.getEpochSecond();
        return Map.of("content-type", "application/json", "user-agent", "Gazette-Webhooks/1",
                "webhook-id", delivery.eventId(), "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSigner.signature(delivery.secrets(), delivery.eventId(), timestamp, body));
    }

    private void answered(WebhookQueue.Claimed delivery, Instant requestedAt, WebhookCall.Answer answer) {
        if (!answer.delivered()) {
            LOG.debugf("Webhook delivery %d, attempt %d: %s", delivery.id(), delivery.attempts(),
                    answer.status() != null ? "HTTP " + answer.status() : answer.error());
        }
        Instant retryAt = answer.delivered() || gone(answer) ? null : retryAt(delivery, clock.instant());
        outcomes.add(new WebhookQueue.Outcome(delivery, requestedAt, answer, retryAt, answer.delivered()));
        inFlight.decrementAndGet();
        thread.wake();
    }

    /** When to try again, or null when the delivery has been tried for {@code max-age}. */
    private Instant retryAt(WebhookQueue.Claimed delivery, Instant now) {
        if (!now.isBefore(delivery.startedAt().plus(config.maxAge()))) {
            return null;
        }
        List<Duration> schedule = config.retrySchedule();
        Duration wait = schedule.get(Math.min(delivery.attempts(), schedule.size()) - 1);
        // up to a tenth more, so that retries of one outage do not all come back at once
        long jitter = ThreadLocalRandom.current().nextLong(wait.toMillis() / 10 + 1);
        return now.plus(wait).plusMillis(jitter);
    }

    private static boolean gone(WebhookCall.Answer answer) {
        return answer.status() != null && answer.status() == 410;
    }

    /** Writes down the outcomes waiting, in one transaction, then disables the endpoints that failed too long. */
    private void record() {
        List<WebhookQueue.Outcome> batch = new ArrayList<>();
        WebhookQueue.Outcome outcome;
        while ((outcome = outcomes.poll()) != null) {
            batch.add(outcome);
        }
        if (batch.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Long> tooLong;
        try {
            tooLong = queue.record(batch, owner, now.minus(config.maxAge()));
        } catch (RuntimeException e) {
            outcomes.addAll(batch); // kept for the next round: the database may be back by then
            LOG.warnf("Recording webhook outcomes failed (%s); retrying", e.getMessage());
            WorkerThread.pauseAfterFailure();
            return;
        }
        for (Long endpoint : tooLong) {
            health.disable(endpoint, "no delivery succeeded for " + config.maxAge().toDays() + " days");
        }
        batch.stream().filter(o -> gone(o.answer())).map(o -> o.delivery().endpointId()).distinct()
                .forEach(endpoint -> health.disable(endpoint, "the endpoint answered 410 Gone"));
    }
}
