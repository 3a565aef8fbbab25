package dev.gazette.delivery;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.gazette.abtest.SubjectTests;
import dev.gazette.core.EmailAddresses;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * The send loop of this instance. A dispatcher thread claims batches of due rows under a lease,
 * renders each message and hands it to the relay with many messages in flight; a recorder thread
 * writes the outcomes back in batches. A row is {@code sent} only once the relay said 250.
 * <p>
 * Crash safety comes from the database, not from this class: a row this instance held when it
 * died is still {@code queued} or {@code retrying} and returns to the pool when its lease ends, so
 * at most the messages in flight at the crash can be sent twice.
 */
@ApplicationScoped
class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DeliveryConfig config;
    private final DeliveryStore store;
    private final SendLifecycle sends;
    private final OutcomePolicy policy;
    private final MessageFactory messages;
    private final RelayMessenger messenger;
    private final RelayCircuit circuit;
    private final RatePacer pacer;
    private final Publications publications;
    private final DeliveryMetrics metrics;
    private final LinkTracker tracker;
    private final SubjectTests subjectTests;
    private final String messageIdHost;
    private final Clock clock;
    private final String owner;
    /** Render and sign; the relay's connections send (see RelayMessenger). */
    private final ExecutorService senders;
    /** Messages built and not yet answered by the relay: at most this many can be sent twice after a crash. */
    private final Semaphore inFlight;
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    /**
     * Outcomes whose write failed (the database was away), kept to be written again: nothing is
     * claimed while any are left, so a message the relay took is never claimed and sent again.
     */
    private final List<Outcome> unrecorded = new ArrayList<>();
    private volatile boolean recordingBehind;
    /**
     * Sends stopped here by a reply that stops the whole send (5.7.x, sender refused, a message
     * that cannot be rendered), before the database says they are paused: the rest of their
     * claimed rows are given back at once instead of going to the relay.
     */
    private final Set<Long> halted = ConcurrentHashMap.newKeySet();
    /** Messages handed to the sender threads and not done yet. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** The sends still going, as the recorder last read them (every few dozen milliseconds). */
    private volatile Set<Long> activeNow = Set.of();
    private final Map<Long, SendContext> contexts = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread dispatcher;
    private Thread recorder;

    /**
     * What the loop keeps per send while it runs: the issue prepared once, its publication. A
     * sequence step's send never ends, so its message is prepared again after {@link #CONTINUOUS_FRESH}
     * (the writer may have edited the step). An A/B subject test's variants are prepared once each,
     * when a row of theirs first comes.
     */
    record SendContext(DeliveryStore.SendRow send, MessageFactory.Prepared issue, PublicationRef publication,
            Instant preparedAt, Map<Integer, MessageFactory.Prepared> variants) {

        SendContext(DeliveryStore.SendRow send, MessageFactory.Prepared issue, PublicationRef publication,
                Instant preparedAt) {
            this(send, issue, publication, preparedAt, new ConcurrentHashMap<>());
        }
    }

    private static final Duration CONTINUOUS_FRESH = Duration.ofSeconds(5);

    DeliveryWorker(DeliveryConfig config, DeliveryStore store, SendLifecycle sends, OutcomePolicy policy,
            MessageFactory messages, RelayMessenger messenger, RelayCircuit circuit, RatePacer pacer,
            Publications publications, DeliveryMetrics metrics, LinkTracker tracker, SubjectTests subjectTests,
            Clock clock,
            @ConfigProperty(name = "quarkus.mailer.own-host-name", defaultValue = "gazette.localhost") String host,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort) {
        this.clock = clock;
        this.config = config;
        this.store = store;
        this.sends = sends;
        this.policy = policy;
        this.messages = messages;
        this.messenger = messenger;
        this.circuit = circuit;
        this.pacer = pacer;
        this.publications = publications;
        this.metrics = metrics;
        this.tracker = tracker;
        this.subjectTests = subjectTests;
        this.messageIdHost = host;
        this.owner = config.instanceName().orElseGet(() -> defaultName(httpPort));
        this.inFlight = new Semaphore(config.concurrency());
        this.senders = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread thread = new Thread(r, "gazette-delivery-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Delivery is off on this instance (gazette.delivery.enabled=false)");
            return;
        }
        running = true;
        try {
            int resumed = store.releaseAll(owner);
            if (resumed > 0) {
                LOG.infof("Took back %d rows this instance held before it stopped", resumed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not take back the rows this instance held before it stopped; they return when their lease ends", e);
        }
        dispatcher = daemon("gazette-delivery", this::dispatchLoop);
        recorder = daemon("gazette-delivery-recorder", this::recordLoop);
        LOG.infof("Delivery engine started as %s (%d in flight, %s)", owner, config.concurrency(),
                config.ratePerSecond() > 0 ? config.ratePerSecond() + " messages/s at most" : "no rate limit");
    }

    /** Stops claiming, lets what is in flight finish, writes every outcome down. */
    void stop(@Observes ShutdownEvent event) {
        if (!running) {
            return;
        }
        running = false;
        try {
            dispatcher.join(TimeUnit.SECONDS.toMillis(15));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (waiting.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10); // what is in flight finishes; what has not started is released
            }
            recorder.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf(e, "%d delivery outcomes could not be written; their rows are sent again after this instance's "
                    + "restart", unrecorded.size());
        }
    }

    String owner() {
        return owner;
    }

    private void dispatchLoop() {
        while (running) {
            try {
                if (!circuit.allowsSending() || recordingBehind) {
                    sleep(Duration.ofMillis(100)); // relay down, or outcomes still to write before anything new
                    continue;
                }
                List<Claimed> batch = store.claim(owner, pacer.batchSize(), messageIdHost);
                if (batch.isEmpty()) {
                    sleep(config.pollInterval());
                    continue;
                }
                dispatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("The delivery loop failed; it goes on after a pause", e);
                sleepQuietly(config.pollInterval());
            }
        }
    }

    /**
     * Hands a claimed batch to the sender threads and returns once fewer than half a batch is
     * waiting, so that the next batch is claimed while this one is still being sent and the relay
     * connections never wait for the database. Rows that cannot go now are released when the
     * batch's last message is done.
     */
    private void dispatch(List<Claimed> batch) throws InterruptedException {
        Set<Long> active = ConcurrentHashMap.newKeySet();
        active.addAll(sends.activeSendIds());
        activeNow = Set.copyOf(active);
        Map<Long, DeliveryStore.RecipientRow> recipients = store.recipients(batch);
        List<Claimed> giveBack = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger remaining = new AtomicInteger(1);
        Runnable done = () -> {
            if (remaining.decrementAndGet() == 0 && !giveBack.isEmpty()) {
                store.release(owner, giveBack, Duration.ZERO);
            }
        };
        for (Claimed row : batch) {
            if (!running || !circuit.allowsSending() || !active.contains(row.sendId()) || halted.contains(row.sendId())) {
                giveBack.add(row); // shutting down, relay down, or the send was paused meanwhile
                continue;
            }
            DeliveryStore.RecipientRow recipient = row.subscriberId() == null ? null : recipients.get(row.subscriberId());
            if (recipient == null || !recipient.sendable()) {
                outcomes.add(new Outcome(row, null)); // unsubscribed, suppressed or erased since the send began
                continue;
            }
            // render and sign on the sender threads; the relay's answer comes back on a connection's thread
            remaining.incrementAndGet();
            waiting.incrementAndGet();
            Runnable finished = () -> {
                inFlight.release();
                waiting.decrementAndGet();
                done.run();
            };
            senders.execute(() -> {
                boolean handedOver = false;
                try {
                    inFlight.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    giveBack.add(row);
                    waiting.decrementAndGet();
                    done.run();
                    return;
                }
                try {
                    handedOver = sendOne(row, recipient, active, giveBack, finished);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    giveBack.add(row);
                } catch (Throwable e) {
                    LOG.error("Handing a message to the relay failed", e);
                    giveBack.add(row);
                } finally {
                    if (!handedOver) {
                        finished.run();
                    }
                }
            });
        }
        done.run();
        int low = Math.max(1, batch.size() / 2);
        while (waiting.get() >= low && running) {
            Thread.sleep(1);
        }
    }

    /** Builds the message and hands it to the relay; false if it was given back instead. */
    private boolean sendOne(Claimed row, DeliveryStore.RecipientRow recipient, Set<Long> active, List<Claimed> giveBack,
            Runnable finished) throws InterruptedException {
        if (!active.contains(row.sendId()) || !activeNow.contains(row.sendId()) || halted.contains(row.sendId())
                || !running || clock.instant().isAfter(row.sendBefore())) {
            giveBack.add(row); // paused or cancelled since the batch was claimed, or waited too long here
            return false;
        }
        SendContext context;
        try {
            context = context(row.sendId());
        } catch (Throwable e) {
            // the issue cannot be prepared (a deleted issue, a template that no longer passes): nothing
            // of this send can go out until the writer fixes it; no recipient is to blame
            halt(row.sendId(), active, "preparing the issue failed: " + reason(e));
            giveBack.add(row);
            return false;
        }
        MessageFactory.Outgoing message;
        try {
            message = messages.build(prepared(context, row.variant()), context.publication(), row, recipient);
        } catch (Throwable e) {
            // this recipient's message cannot be rendered (any failure, an Error included): the row
            // fails once with the reason, and the send stops until the writer has looked at it
            String why = "rendering failed: " + reason(e);
            LOG.warnf(e, "Delivery %d of send %d: %s", row.id(), row.sendId(), EmailAddresses.masked(why));
            outcomes.add(new Outcome(row, SmtpOutcome.unrenderable(why)));
            halt(row.sendId(), active, why);
            return false;
        }
        pacer.acquire(context.publication().id());
        metrics.inFlight(1);
        // a message still waiting for a connection when its send stops is given back, not sent
        // once the send is paused for everyone, it is no longer halted here but no longer active either
        messenger.submit(message.raw(), message.envelopeFrom(), message.to(),
                () -> !halted.contains(row.sendId()) && activeNow.contains(row.sendId()),
                outcome -> {
                    metrics.inFlight(-1);
                    if (outcome == null) {
                        giveBack.add(row);
                    } else {
                        completed(row, outcome);
                    }
                    finished.run();
                });
        return true;
    }

    /** Stops a send here at once, and pauses it with the reason for everyone. */
    private void halt(long sendId, Set<Long> active, String reason) {
        halted.add(sendId);
        if (active.remove(sendId)) {
            try {
                sends.pause(sendId, reason);
            } catch (RuntimeException e) {
                halted.remove(sendId); // the database is away: the next batch finds out again
                LOG.warnf(e, "Could not pause send %d: %s", sendId, EmailAddresses.masked(reason));
            }
        }
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private void completed(Claimed row, SmtpOutcome outcome) {
        if (outcome.stopsTheSend()) {
            halted.add(row.sendId()); // the rest of the batch waits; the recorder pauses the send
        }
        if (outcome.kind() == SmtpOutcome.Kind.UNREACHABLE) {
            circuit.unreachable(outcome.reply());
        } else {
            circuit.succeeded();
        }
        outcomes.add(new Outcome(row, outcome));
    }

    private SendContext context(long sendId) {
        return contexts.computeIfAbsent(sendId, id -> {
            DeliveryStore.SendRow send = store.send(id);
            PublicationRef publication = publications.findById(send.publicationId()).orElseThrow();
            MessageFactory.Prepared issue = messages.prepare(send.issueId(), publication);
            return new SendContext(send, issue, publication, clock.instant());
        });
    }

    /**
     * The issue as this row's A/B variant says: the issue's own for 0. A variant that is gone (the
     * test removed, which the API refuses once the send has started) fails the way a broken issue does.
     */
    private MessageFactory.Prepared prepared(SendContext context, int variant) {
        if (variant == 0) {
            return context.issue();
        }
        long issueId = context.send().issueId();
        return context.variants().computeIfAbsent(variant, v -> messages.prepare(issueId, context.publication(),
                subjectTests.variant(issueId, v).orElseThrow(
                        () -> new IllegalStateException("issue " + issueId + " has no subject variant " + v))));
    }

    private void recordLoop() {
        while (running || !outcomes.isEmpty()) {
            try {
                if (outcomes.isEmpty()) {
                    sleep(Duration.ofMillis(50));
                }
                flush();
                forgetFinishedSends();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Recording delivery outcomes failed; retrying", e);
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
    }

    /**
     * Drops what the loop kept for sends that are no longer active (paused ones are prepared again),
     * and for sequence steps prepared a while ago.
     */
    private void forgetFinishedSends() {
        Set<Long> active = sends.activeSendIds();
        activeNow = active;
        halted.removeIf(id -> !active.contains(id)); // paused for everyone now; a resume starts afresh
        Instant now = clock.instant();
        Instant stale = now.minus(CONTINUOUS_FRESH);
        contexts.entrySet().removeIf(entry -> {
            SendContext context = entry.getValue();
            boolean over = !active.contains(entry.getKey())
                    || context.send().continuous()
                            && (context.preparedAt().isBefore(stale) || context.preparedAt().isAfter(now));
            if (over) {
                tracker.forget(entry.getValue().send().issueId());
            }
            return over;
        });
    }

    /** Writes what has completed so far, up to a few thousand rows per transaction. */
    private synchronized void flush() {
        List<Outcome> batch = new ArrayList<>(unrecorded);
        unrecorded.clear();
        Outcome next;
        while (batch.size() < 5_000 && (next = outcomes.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            policy.apply(owner, batch, contexts);
            recordingBehind = false;
        } catch (RuntimeException e) {
            // kept in memory and written once the database is back; the rows stay leased to us meanwhile
            unrecorded.addAll(batch);
            recordingBehind = true;
            throw e;
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(Math.max(1, duration.toMillis()));
    }

    private static void sleepQuietly(Duration duration) {
        try {
            sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The host name and HTTP port: the same after a restart on the same host, so the instance takes
     * its own rows back at once, and different for two instances on one host (they need two ports).
     */
    static String defaultName(int httpPort) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "gazette";
        }
        String name = host + ":" + httpPort;
        return name.length() > 80 ? name.substring(name.length() - 80) : name;
    }
}
