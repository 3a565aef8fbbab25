package dev.gazette.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import dev.gazette.core.WorkerThread;
import dev.gazette.mail.MailQueue;
import dev.gazette.mail.MailRecorded;

/**
 * The engine's transactional lane: sends the {@code mail} table's rows (confirmations, welcomes,
 * notices, test sends, account mail) through the same relay connections as issues, ahead of
 * them. One thread claims due rows under a lease ({@code FOR UPDATE SKIP LOCKED}, so instances
 * share the table), hands the stored bytes to the front of the relay's queue, and records what
 * the relay answered: 250 is sent; 4xx and broken connections come back later with doubling
 * waits until {@code gazette.delivery.retry.max-age}; any other 5xx is failed with its reply; an
 * unreachable relay charges no attempt. A commit that records a mail wakes the lane at once.
 * <p>
 * A crash leaves the rows it held queued under a lease that ends: at most the messages in flight
 * are sent twice.
 */
@ApplicationScoped
class TransactionalLane {

    private static final Logger LOG = Logger.getLogger(TransactionalLane.class);

    /** Messages of this lane handed to the relay and not answered yet. */
    private static final int IN_FLIGHT = 20;

    private final DeliveryConfig config;
    private final MailQueue queue;
    private final RelayMessenger messenger;
    private final RelayCircuit circuit;
    private final DeliveryStore store;
    private final DeliveryWorker worker;
    private final Clock clock;
    private final WorkerThread thread;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Counter sent;
    private final Counter retried;
    private final Counter failed;

    private record Answer(MailQueue.Claimed row, SmtpOutcome outcome) {
    }

    TransactionalLane(DeliveryConfig config, MailQueue queue, RelayMessenger messenger, RelayCircuit circuit,
            DeliveryStore store, DeliveryWorker worker, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.queue = queue;
        this.messenger = messenger;
        this.circuit = circuit;
        this.store = store;
        this.worker = worker;
        this.clock = clock;
        this.thread = new WorkerThread("gazette-mail", config.pollInterval(), this::round, this::record);
        this.sent = registry.counter("gazette.mail.sent");
        this.retried = registry.counter("gazette.mail.retried");
        this.failed = registry.counter("gazette.mail.failed");
        registry.gauge("gazette.mail.in.flight", inFlight);
        registry.gauge("gazette.mail.queued", queue, MailQueue::waiting);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return; // mail waits in the table for an instance that sends
        }
        queue.releaseAll(worker.owner());
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        thread.stop();
    }

    /** A mail was committed: look now rather than at the next poll. */
    void recorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailRecorded event) {
        thread.wake();
    }

    private void round() {
        record();
        if (thread.running() && circuit.allowsSending()) {
            claimAndSend();
        }
    }

    private void claimAndSend() {
        int room = IN_FLIGHT - inFlight.get();
        if (room <= 0) {
            return;
        }
        Instant now = clock.instant();
        List<MailQueue.Claimed> rows = queue.claim(worker.owner(), room, now, now.plus(config.lease()));
        for (MailQueue.Claimed row : rows) {
            inFlight.incrementAndGet();
            try {
                messenger.submitFirst(row.raw(), row.envelopeFrom(), row.recipient(), outcome -> answered(row, outcome));
            } catch (RuntimeException e) {
                // the message could not be signed: a setup fault, not the recipient's
                answered(row, SmtpOutcome.classify(451, "451 4.3.0 " + e.getMessage()));
            }
        }
    }

    private void answered(MailQueue.Claimed row, SmtpOutcome outcome) {
        answers.add(new Answer(row, outcome));
        inFlight.decrementAndGet();
        thread.wake();
    }

    /** Writes down what the relay answered; one statement per mail (there are few). */
    private void record() {
        Answer answer;
        while ((answer = answers.poll()) != null) {
            try {
                record(answer.row(), answer.outcome());
            } catch (RuntimeException e) {
                // kept for the next round: the database may be back by then
                answers.add(answer);
                LOG.warnf("Recording a transactional mail's outcome failed (%s); retrying", e.getMessage());
                WorkerThread.pauseAfterFailure();
                return;
            }
        }
    }

    private void record(MailQueue.Claimed row, SmtpOutcome outcome) {
        String owner = worker.owner();
        Instant now = clock.instant();
        switch (outcome.kind()) {
            case SENT -> {
                circuit.succeeded();
                queue.sent(row.id(), owner, now, outcome.code(), outcome.reply());
                sent.increment();
            }
            case UNREACHABLE -> {
                circuit.unreachable(outcome.reply());
                queue.retry(row.id(), owner, now.plus(config.circuit().openFor()), 0, outcome.reply(), false);
                retried.increment();
            }
            case TRANSIENT, SOFT_BOUNCE -> {
                circuit.succeeded();
                if (now.isAfter(row.createdAt().plus(config.retry().maxAge()))) {
                    queue.failed(row.id(), owner, now, outcome.code(), outcome.reply());
                    failed.increment();
                } else {
                    queue.retry(row.id(), owner, store.retryAt(row.attempts()), outcome.code(), outcome.reply(), true);
                    retried.increment();
                }
            }
            case HARD_BOUNCE, POLICY, PERMANENT -> {
                circuit.succeeded();
                queue.failed(row.id(), owner, now, outcome.code(), outcome.reply());
                failed.increment();
                // the reply may quote the address: the log names the row and the codes only
                LOG.warnf("The relay refused transactional mail %d for good (%d %s)", row.id(), outcome.code(),
                        outcome.enhanced());
            }
        }
    }
}
