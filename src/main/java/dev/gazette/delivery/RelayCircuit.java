package dev.gazette.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The circuit breaker in front of the relay: after a run of connection failures the relay counts
 * as down, and nothing is claimed until a wait has passed; then one batch probes it. Rows that hit
 * a down relay are given back without charging an attempt, so an outage fails no one.
 */
@ApplicationScoped
class RelayCircuit {

    private static final Logger LOG = Logger.getLogger(RelayCircuit.class);

    private final DeliveryConfig config;
    private final Clock clock;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private volatile Instant openUntil = Instant.MIN;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    /** What the admin console shows: open or closed, until when, the failures in a row and the last one. */
    record State(boolean open, Instant openUntil, int failuresInARow, String lastError, Instant lastErrorAt) {
    }

    RelayCircuit(DeliveryConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    boolean allowsSending() {
        return !clock.instant().isBefore(openUntil);
    }

    boolean isOpen() {
        return !allowsSending();
    }

    void succeeded() {
        if (failuresInARow.getAndSet(0) >= config.circuit().failureThreshold()) {
            LOG.info("The relay answers again: sending resumes");
        }
    }

    State state() {
        boolean open = isOpen();
        return new State(open, open ? openUntil : null, failuresInARow.get(), lastError, lastErrorAt);
    }

    void unreachable(String why) {
        lastError = why;
        lastErrorAt = clock.instant();
        int failures = failuresInARow.incrementAndGet();
        if (failures >= config.circuit().failureThreshold()) {
            if (allowsSending()) {
                LOG.warnf("The relay looks down (%d connection failures in a row, last: %s); retrying in %s",
                        failures, why, config.circuit().openFor());
            }
            openUntil = clock.instant().plus(config.circuit().openFor());
        }
    }
}
