package dev.gazette.subscriber;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import dev.gazette.event.EventType;
import dev.gazette.event.Events;
import dev.gazette.mail.TransactionalMail;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.sequence.SequenceTriggers;
import dev.gazette.subscriber.Subscriptions.ConfirmResult;
import dev.gazette.subscriber.Subscriptions.Confirmation;

/**
 * The confirmation button, pressed by many readers at once: the presses waiting are confirmed
 * together, in one transaction of set-based statements (a group commit), by a few worker threads.
 * Each press still gets its own outcome, and only after the commit that holds it: the answer a
 * reader sees is as durable as before, one press alone is a batch of one and waits for nothing,
 * and a burst costs the database a few statements per batch instead of a dozen per press. A batch
 * that fails is tried again one press at a time, so one bad press fails only itself.
 */
@ApplicationScoped
class Confirmations {

    private static final Logger LOG = Logger.getLogger(Confirmations.class);

    /** Worker threads, each confirming one batch at a time: enough to overlap round trips to the database. */
    private static final int WORKERS = 2;

    /** The most presses a batch holds. */
    private static final int BATCH = 100;

    /** How long a press waits for its batch before its request fails (with a 500, as a database that is away). */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** One press of the button: whose consent, from where, and its outcome to come. */
    private record Press(long subscriberId, long consentId, String ip, CompletableFuture<ConfirmResult> outcome) {
    }

    private final LinkedBlockingQueue<Press> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    private final EntityManager entityManager;
    private final Publications publications;
    private final Suppressions suppressions;
    private final SubscriberMails mails;
    private final ConsentNotices notices;
    private final TransactionalMail transactionalMail;
    private final SequenceTriggers sequences;
    private final Events events;
    private final Clock clock;

    Confirmations(EntityManager entityManager, Publications publications, Suppressions suppressions,
            SubscriberMails mails, ConsentNotices notices, TransactionalMail transactionalMail,
            SequenceTriggers sequences, Events events, Clock clock) {
        this.entityManager = entityManager;
        this.publications = publications;
        this.suppressions = suppressions;
        this.mails = mails;
        this.notices = notices;
        this.transactionalMail = transactionalMail;
        this.sequences = sequences;
        this.events = events;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        for (int i = 0; i < WORKERS; i++) {
            Thread worker = new Thread(this::work, "confirmations-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        workers.forEach(Thread::interrupt);
    }

    /**
     * Confirms the subscriber's consent, pressed from {@code ip}: the subscriber becomes active, gets
     * a welcome email and starts the publication's sequences. The outcome comes once the change has
     * committed; it fails with {@code invalid_token} if the two do not belong together.
     */
    CompletableFuture<ConfirmResult> confirm(long subscriberId, long consentId, String ip) {
        Press press = new Press(subscriberId, consentId, ip, new CompletableFuture<>());
        if (!running) {
            return CompletableFuture.failedFuture(new IllegalStateException("the application is stopping"));
        }
        waiting.add(press);
        return press.outcome().orTimeout(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void work() {
        while (running) {
            List<Press> batch = new ArrayList<>();
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                break;
            }
            waiting.drainTo(batch, BATCH - 1);
            confirmAll(batch);
        }
        List<Press> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(p -> p.outcome().completeExceptionally(new IllegalStateException("the application is stopping")));
    }

    /** Confirms the batch, or each press alone if the batch as a whole fails. */
    private void confirmAll(List<Press> batch) {
        try {
            List<Object> outcomes = QuarkusTransaction.requiringNew().call(() -> confirmInTransaction(batch));
            for (int i = 0; i < batch.size(); i++) {
                if (outcomes.get(i) instanceof RuntimeException failure) {
                    batch.get(i).outcome().completeExceptionally(failure);
                } else {
                    batch.get(i).outcome().complete((ConfirmResult) outcomes.get(i));
                }
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).outcome().completeExceptionally(e);
                return;
            }
            LOG.warnf(e, "A batch of %d confirmations failed; confirming them one at a time", batch.size());
            batch.forEach(press -> confirmAll(List.of(press)));
        }
    }

    // The subscribers, locked in id order (a subscriber's presses wait for each other, in any batch).
    private static final String ROWS = """
            SELECT s.id, s.publication_id, s.email, s.email_hash, s.name, s.status
              FROM subscriber s WHERE s.id = ANY (CAST(?1 AS bigint[])) ORDER BY s.id FOR UPDATE""";

    // The consents: whose, and whether confirmed.
    private static final String CONSENTS = """
            SELECT c.id, c.subscriber_id, c.confirmed_at IS NOT NULL FROM consent c WHERE c.id = ANY (CAST(?1 AS bigint[]))""";

    private record Row(long id, long publicationId, String email, String emailHash, String name, String status) {
    }

    /**
     * The batch's outcomes, in its order: a {@link ConfirmResult}, or the exception of a press whose
     * token names things that do not belong together. Decided here in memory, press by press as
     * they came (a second press of the same consent finds it confirmed by the first), then written
     * in a few statements.
     */
    private List<Object> confirmInTransaction(List<Press> batch) {
        Map<Long, Row> subscribers = new HashMap<>();
        for (Object[] r : rows(ROWS, batch.stream().mapToLong(Press::subscriberId).distinct().toArray())) {
            Row row = new Row(number(r[0]), number(r[1]), (String) r[2], (String) r[3], (String) r[4], (String) r[5]);
            subscribers.put(row.id(), row);
        }
        Map<Long, Long> consentOwner = new HashMap<>();
        Set<Long> consentConfirmed = new HashSet<>();
        for (Object[] r : rows(CONSENTS, batch.stream().mapToLong(Press::consentId).distinct().toArray())) {
            consentOwner.put(number(r[0]), number(r[1]));
            if ((Boolean) r[2]) {
                consentConfirmed.add(number(r[0]));
            }
        }
        // a press whose token names a subscriber and a consent that belong together: its subscriber, else null
        Function<Press, Row> owner = press -> press.subscriberId() == consentOwner.getOrDefault(press.consentId(), -1L)
                ? subscribers.get(press.subscriberId())
                : null;

        // the presses that may confirm: their suppressions are checked (and an unsubscribe lifted) at once
        List<Press> candidates = batch.stream().filter(p -> owner.apply(p) != null
                && !consentConfirmed.contains(p.consentId()) && !left(owner.apply(p).status())).toList();
        Set<Integer> blockedAt = suppressions.blockedOrLifted(
                candidates.stream().mapToLong(p -> owner.apply(p).publicationId()).toArray(),
                candidates.stream().map(p -> owner.apply(p).emailHash()).toArray(String[]::new));
        Set<Press> blocked = new HashSet<>();
        blockedAt.forEach(i -> blocked.add(candidates.get(i)));

        Instant now = clock.instant();
        Map<Long, PublicationRef> publicationsById = new HashMap<>();
        List<Object> outcomes = new ArrayList<>(batch.size());
        Map<Long, String> confirmedConsents = new LinkedHashMap<>(); // consent id, the press's address
        Map<Long, List<Row>> activated = new LinkedHashMap<>(); // by publication
        Set<Long> active = new HashSet<>();
        for (Press press : batch) {
            Row s = owner.apply(press);
            if (s == null) {
                outcomes.add(Subscriptions.invalidToken());
                continue;
            }
            // the subscriber's row holds it: a publication deleted takes its subscribers with it
            PublicationRef publication = publicationsById.computeIfAbsent(s.publicationId(),
                    id -> publications.findById(id).orElseThrow());
            if (consentConfirmed.contains(press.consentId())) {
                outcomes.add(new ConfirmResult(publication, Confirmation.already_confirmed));
            } else if (left(s.status()) || blocked.contains(press)) {
                outcomes.add(new ConfirmResult(publication, Confirmation.unavailable));
            } else {
                consentConfirmed.add(press.consentId());
                confirmedConsents.put(press.consentId(), press.ip());
                if (SubscriberStatus.active.name().equals(s.status()) || !active.add(s.id())) {
                    outcomes.add(new ConfirmResult(publication, Confirmation.already_confirmed));
                } else {
                    activated.computeIfAbsent(s.publicationId(), p -> new ArrayList<>()).add(s);
                    outcomes.add(new ConfirmResult(publication, Confirmation.confirmed));
                }
            }
        }
        write(confirmedConsents, activated, publicationsById, now);
        return outcomes;
    }

    /** The consents confirmed, the subscribers made active, and what follows from it for each. */
    private void write(Map<Long, String> consents, Map<Long, List<Row>> activated,
            Map<Long, PublicationRef> publicationsById, Instant now) {
        if (!consents.isEmpty()) {
            // each consent with the address its button was pressed from
            entityManager.createNativeQuery("""
                    UPDATE consent c SET confirmed_at = ?3, confirmation_ip = x.ip
                      FROM unnest(CAST(?1 AS bigint[]), CAST(?2 AS text[])) x(id, ip) WHERE c.id = x.id""")
                    .setParameter(1, consents.keySet().stream().mapToLong(Long::longValue).toArray())
                    .setParameter(2, consents.values().toArray(String[]::new))
                    .setParameter(3, Timestamp.from(now)).executeUpdate();
        }
        if (activated.isEmpty()) {
            return;
        }
        long[] all = activated.values().stream().flatMap(List::stream).mapToLong(Row::id).sorted().toArray();
        entityManager.createNativeQuery("""
                UPDATE subscriber SET status = 'active', confirmed_at = ?2, unsubscribed_at = NULL, updated_at = ?2
                 WHERE id = ANY (CAST(?1 AS bigint[]))""")
                .setParameter(1, all).setParameter(2, Timestamp.from(now)).executeUpdate();
        List<TransactionalMail.Item> mail = new ArrayList<>();
        for (Map.Entry<Long, List<Row>> entry : activated.entrySet()) {
            PublicationRef publication = publicationsById.get(entry.getKey());
            long[] ids = entry.getValue().stream().mapToLong(Row::id).toArray();
            events.emitPerSubscriber(EventType.SUBSCRIBER_CONFIRMED, publication.id(), ids);
            Set<Long> greeted = sequences.confirmedAndGreeted(publication.id(), ids);
            List<SubscriberMails.Recipient> recipients = entry.getValue().stream()
                    .map(s -> new SubscriberMails.Recipient(s.id(), s.email(), s.name())).toList();
            for (SubscriberMails.Recipient to : recipients) {
                if (!greeted.contains(to.subscriberId())) { // the writer's own welcome step stands in for it
                    mail.add(mails.welcome(publication, to));
                }
            }
            mail.addAll(notices.given(publication, recipients, now));
        }
        transactionalMail.recordAll(mail);
    }

    /** Bounced or complained: never mailed again, whatever they press. */
    private static boolean left(String status) {
        return SubscriberStatus.bounced.name().equals(status) || SubscriberStatus.complained.name().equals(status);
    }

    private List<Object[]> rows(String sql, long[] ids) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(sql).setParameter(1, ids).getResultList();
        return rows;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
