package dev.gazette.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;
import dev.gazette.core.SqlTimes;

/**
 * The platform's sending for the admin console: every send under way with its progress and rate,
 * the scheduled issues, and the queue, read from the sends' counters (never a count over the
 * delivery rows of a large send).
 */
@ApplicationScoped
class AdminSends {

    /** How many scheduled issues the page lists, soonest first. */
    static final int SCHEDULED_SHOWN = 100;

    record Running(long issueId, String slug, String name, String title, String status, long total, long done,
            long remaining, long retrying, double rate, String pauseReason, String pauseWords, Instant startedAt) {

        /** The same, its pause reason said in a page's words. */
        Running withWords(String words) {
            return new Running(issueId, slug, name, title, status, total, done, remaining, retrying, rate, pauseReason,
                    words, startedAt);
        }

        public String rateShown() {
            return String.format(Locale.ROOT, "%.1f", rate);
        }
    }

    record Scheduled(long issueId, String slug, String name, String title, Instant at) {
    }

    /** Issue deliveries still to send, and transactional mail waiting and failed. */
    record Queue(long waiting, long retrying, long inPausedSends, Instant oldestSendStarted, long mailQueued,
            Instant oldestMail, long mailFailed) {
    }

    record View(List<Running> running, List<Scheduled> scheduled, Queue queue, RelayCircuit.State relay,
            String instance) {

        /** Until when the circuit stays open, as the page shows times. */
        public String openUntil() {
            return relay.openUntil() == null ? "" : SHOWN.format(relay.openUntil());
        }
    }

    private static final java.time.format.DateTimeFormatter SHOWN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    private final EntityManager entityManager;
    private final RelayCircuit circuit;
    private final DeliveryWorker worker;
    private final Clock clock;

    AdminSends(EntityManager entityManager, RelayCircuit circuit, DeliveryWorker worker, Clock clock) {
        this.entityManager = entityManager;
        this.circuit = circuit;
        this.worker = worker;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    View view(Caller caller) {
        if (!caller.isAdmin()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "admin_only", "Only admins see every send");
        }
        Instant second = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return QuarkusTransaction.requiringNew().call(() -> {
            // every started send not over, with its counters and the messages of its last ten whole seconds
            List<Object[]> sends = entityManager.createNativeQuery("""
                    SELECT s.issue_id, p.slug, p.name, i.title, s.status, s.total,
                           s.sent_count + s.failed_count + s.skipped_count, s.retrying_count, s.pause_reason, s.started_at,
                           (SELECT COALESCE(sum(x.sent), 0) FROM send_second x WHERE x.send_id = s.id
                               AND x.second >= ?1 AND x.second < ?2)
                      FROM send s JOIN publication p ON p.id = s.publication_id JOIN issue i ON i.id = s.issue_id
                     WHERE s.status IN ('sending', 'paused') AND NOT s.continuous ORDER BY s.started_at, s.id""")
                    .setParameter(1, second.minusSeconds(10)).setParameter(2, second).getResultList();
            List<Running> running = sends.stream().map(r -> new Running(n(r[0]), (String) r[1], (String) r[2],
                    (String) r[3], (String) r[4], n(r[5]), n(r[6]), Math.max(0, n(r[5]) - n(r[6])), Math.max(0, n(r[7])),
                    n(r[10]) / 10.0,
                    (String) r[8], null, SqlTimes.instant(r[9]))).toList();
            // the scheduled issues, soonest first (the scheduler's own index)
            List<Object[]> due = entityManager.createNativeQuery("""
                    SELECT i.id, p.slug, p.name, i.title, i.scheduled_at FROM issue i
                      JOIN publication p ON p.id = i.publication_id
                     WHERE i.status = 'scheduled' ORDER BY i.scheduled_at, i.id LIMIT ?1""")
                    .setParameter(1, SCHEDULED_SHOWN).getResultList();
            List<Scheduled> scheduled = due.stream().map(r -> new Scheduled(n(r[0]), (String) r[1], (String) r[2],
                    (String) r[3], SqlTimes.instant(r[4]))).toList();
            // transactional mail: waiting (with the oldest) and failed, each through the mail_by_state index
            Object[] mail = (Object[]) entityManager.createNativeQuery("""
                    SELECT (SELECT count(*) FROM mail WHERE state = 'queued'),
                           (SELECT created_at FROM mail WHERE state = 'queued' ORDER BY id LIMIT 1),
                           (SELECT count(*) FROM mail WHERE state = 'failed')""").getSingleResult();
            long waiting = 0;
            long retrying = 0;
            long paused = 0;
            Instant oldest = null;
            for (Running r : running) {
                if ("paused".equals(r.status())) {
                    paused += r.remaining();
                } else {
                    waiting += Math.max(0, r.remaining() - r.retrying());
                    retrying += r.retrying();
                    if (r.remaining() > 0 && (oldest == null || r.startedAt().isBefore(oldest))) {
                        oldest = r.startedAt();
                    }
                }
            }
            Queue queue = new Queue(waiting, retrying, paused, oldest, n(mail[0]), SqlTimes.instant(mail[1]), n(mail[2]));
            return new View(running, scheduled, queue, circuit.state(), worker.owner());
        });
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

}
