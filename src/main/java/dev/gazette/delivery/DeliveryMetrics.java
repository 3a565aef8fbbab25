package dev.gazette.delivery;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** The engine's numbers on /q/metrics: outcomes by kind, messages in flight, rows waiting. */
@ApplicationScoped
class DeliveryMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final java.util.Map<SmtpOutcome.Kind, Counter> outcomes = new java.util.EnumMap<>(SmtpOutcome.Kind.class);

    DeliveryMetrics(MeterRegistry registry, SendLifecycle sends) {
        this.registry = registry;
        registry.gauge("gazette.delivery.in.flight", inFlight);
        registry.gauge("gazette.delivery.queue.depth", sends, SendLifecycle::waitingRows);
        for (SmtpOutcome.Kind kind : SmtpOutcome.Kind.values()) {
            outcomes.put(kind, Counter.builder(name(kind)).tag("outcome", kind.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry));
        }
    }

    void inFlight(int delta) {
        inFlight.addAndGet(delta);
    }

    void outcome(SmtpOutcome.Kind kind) {
        outcomes.get(kind).increment();
    }

    private static String name(SmtpOutcome.Kind kind) {
        return switch (kind) {
            case SENT -> "gazette.delivery.sent";
            case TRANSIENT, SOFT_BOUNCE, UNREACHABLE -> "gazette.delivery.retried";
            case HARD_BOUNCE, PERMANENT, UNRENDERABLE -> "gazette.delivery.failed";
            case POLICY, SENDER_REFUSED -> "gazette.delivery.policy.refusals";
        };
    }
}
