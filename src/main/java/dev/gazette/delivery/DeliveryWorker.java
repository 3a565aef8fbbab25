package dev.gazette.delivery;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

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
    private final String messageIdHost;
    private final String owner;
    /** Render, sign and send, one message per thread at a time; as many threads as messages in flight. */
    private final ExecutorService senders;
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Map<Long, SendContext> contexts = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread dispatcher;
    private Thread recorder;

    /** What the loop keeps per send while it runs: the issue prepared once, its publication. */
    record SendContext(DeliveryStore.SendRow send, MessageFactory.Prepared issue, PublicationRef publication) {
    }

    DeliveryWorker(DeliveryConfig config, DeliveryStore store, SendLifecycle sends, OutcomePolicy policy,
            MessageFactory messages, RelayMessenger messenger, RelayCircuit circuit, RatePacer pacer,
            Publications publications, DeliveryMetrics metrics, LinkTracker tracker,
            @ConfigProperty(name = "quarkus.mailer.own-host-name", defaultValue = "gazette.localhost") String host) {
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
        this.messageIdHost = host;
        this.owner = config.instanceName().orElseGet(DeliveryWorker::defaultName);
        this.senders = Executors.newFixedThreadPool(config.concurrency(), r -> {
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
            recorder.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    String owner() {
        return owner;
    }

    private void dispatchLoop() {
        while (running) {
            try {
                if (!circuit.allowsSending()) {
                    sleep(Duration.ofMillis(100));
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

    private void dispatch(List<Claimed> batch) throws InterruptedException {
        Set<Long> active = ConcurrentHashMap.newKeySet();
        active.addAll(sends.activeSendIds());
        Map<Long, DeliveryStore.RecipientRow> recipients = store.recipients(batch);
        List<Claimed> giveBack = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> handedOver = new ArrayList<>(batch.size());
        for (Claimed row : batch) {
            if (!running || !circuit.allowsSending() || !active.contains(row.sendId())) {
                giveBack.add(row); // shutting down, relay down, or the send was paused meanwhile
                continue;
            }
            DeliveryStore.RecipientRow recipient = row.subscriberId() == null ? null : recipients.get(row.subscriberId());
            if (recipient == null || !recipient.sendable()) {
                outcomes.add(new Outcome(row, null)); // unsubscribed, suppressed or erased since the send began
                continue;
            }
            // render, sign and send on the sender threads; the relay's answer comes back to each
            handedOver.add(senders.submit(() -> {
                sendOne(row, recipient, active, giveBack);
                return null;
            }));
        }
        for (Future<?> task : handedOver) {
            try {
                task.get();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.error("Handing a message to the relay failed", e.getCause());
            }
        }
        store.release(owner, giveBack, Duration.ZERO);
    }

    private void sendOne(Claimed row, DeliveryStore.RecipientRow recipient, Set<Long> active, List<Claimed> giveBack)
            throws InterruptedException {
        if (!active.contains(row.sendId()) || !running) {
            giveBack.add(row);
            return;
        }
        SendContext context;
        MessageFactory.Outgoing message;
        try {
            context = context(row.sendId());
            message = messages.build(context.issue(), context.publication(), row, recipient);
        } catch (RuntimeException e) {
            // the issue cannot be rendered (a template that no longer passes, a deleted issue, a
            // header that would break the message): nothing more of this send can go out until
            // the writer fixes it
            if (active.remove(row.sendId())) {
                sends.pause(row.sendId(), "rendering failed: " + e.getMessage());
            }
            giveBack.add(row);
            return;
        }
        pacer.acquire(context.publication().id());
        // the sender pool's size is the number of messages in flight
        metrics.inFlight(1);
        SmtpOutcome outcome;
        try {
            outcome = messenger.send(message.raw(), message.headerNames(), message.envelopeFrom(), message.to());
        } finally {
            metrics.inFlight(-1);
        }
        completed(row, outcome);
    }

    private void completed(Claimed row, SmtpOutcome outcome) {
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
            return new SendContext(send, issue, publication);
        });
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

    /** Drops what the loop kept for sends that are no longer active (paused ones are prepared again). */
    private void forgetFinishedSends() {
        Set<Long> active = sends.activeSendIds();
        contexts.entrySet().removeIf(entry -> {
            boolean over = !active.contains(entry.getKey());
            if (over) {
                tracker.forget(entry.getValue().send().issueId());
            }
            return over;
        });
    }

    /** Writes what has completed so far, up to a few thousand rows per transaction. */
    private synchronized void flush() {
        List<Outcome> batch = new ArrayList<>();
        Outcome next;
        while (batch.size() < 5_000 && (next = outcomes.poll()) != null) {
            batch.add(next);
        }
        if (!batch.isEmpty()) {
            policy.apply(owner, batch, contexts);
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

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "gazette";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-" + Long.toHexString(System.nanoTime() & 0xffff);
    }
}
