package dev.gazette.subscriber;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import dev.gazette.core.SignedTokens;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * Every two years, each active subscriber of an advertising publication is told that they
 * consented, and since when, with a link to keep receiving and one to leave (정보통신망법 제50조
 * 제8항). Two years from their consent, then from the last reminder. Those who do not answer stay
 * subscribed: the law asks for the notice, and consent stands until it is withdrawn (README).
 * Each instance runs the job; a batch is locked with {@code FOR UPDATE SKIP LOCKED} and the
 * reminder row and its mail are written in one transaction, so no subscriber is reminded twice.
 */
@ApplicationScoped
class ConsentReminders {

    private static final Logger LOG = Logger.getLogger(ConsentReminders.class);
    private static final int BATCH = 200;

    // Active subscribers of advertising publications who consented, and were last reminded, before ?1.
    private static final String DUE = """
            SELECT s.id FROM subscriber s
              JOIN publication_advertising a ON a.publication_id = s.publication_id
             WHERE s.status = 'active' AND COALESCE(s.confirmed_at, s.created_at) <= ?1
               AND NOT EXISTS (SELECT 1 FROM consent_reminder r WHERE r.subscriber_id = s.id AND r.sent_at > ?1)
             ORDER BY s.id
             LIMIT ?2
             FOR UPDATE OF s SKIP LOCKED""";

    /** What the keep link led to, for its page. */
    enum Kept {
        kept, already_kept, left
    }

    record KeepResult(PublicationRef publication, Kept outcome) {
    }

    private final EntityManager entityManager;
    private final ConsentNotices notices;
    private final Publications publications;
    private final SignedTokens tokens;
    private final SubscriberConfig config;
    private final Clock clock;

    ConsentReminders(EntityManager entityManager, ConsentNotices notices, Publications publications, SignedTokens tokens,
            SubscriberConfig config, Clock clock) {
        this.config = config;
        this.entityManager = entityManager;
        this.notices = notices;
        this.publications = publications;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Scheduled(every = "${gazette.subscriber.consent-reminder-check:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "30s")
    void run() {
        try {
            while (remindDue() == BATCH) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.error("Sending consent reminders failed; the next run tries again", e);
        }
    }

    /** Reminds one batch of subscribers who are due, in one transaction; returns how many. */
    int remindDue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            Instant twoYearsAgo = now.atOffset(ZoneOffset.UTC).minusYears(2).toInstant();
            @SuppressWarnings("unchecked")
            List<Number> due = entityManager.createNativeQuery(DUE).setParameter(1, twoYearsAgo)
                    .setParameter(2, BATCH).getResultList();
            for (Number id : due) {
                Subscriber s = Subscriber.findById(id.longValue());
                PublicationRef publication = publications.findById(s.publicationId).orElseThrow();
                long reminder = ((Number) entityManager.createNativeQuery("INSERT INTO consent_reminder "
                        + "(subscriber_id, publication_id, sent_at) VALUES (?1, ?2, ?3) RETURNING id")
                        .setParameter(1, s.id).setParameter(2, s.publicationId).setParameter(3, now).getSingleResult())
                        .longValue();
                notices.remind(publication, s, s.confirmedAt != null ? s.confirmedAt : s.createdAt, reminder);
            }
            return due.size();
        });
    }

    /** What the keep link's page shows before its button is pressed: reads, never writes. */
    KeepResult keepPage(String token) {
        return QuarkusTransaction.requiringNew().call(() -> reminder(token, false).result());
    }

    /**
     * The keep button: the consent is given again, in the ledger ({@link Consent#REMINDER}); a
     * subscriber who left since stays unsubscribed. Pressing it again changes nothing.
     */
    KeepResult keep(String token, String ip) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Reminder reminder = reminder(token, true);
            if (reminder.result().outcome() == Kept.kept) {
                Instant now = clock.instant();
                entityManager.createNativeQuery("UPDATE consent_reminder SET kept_at = ?2 WHERE id = ?1")
                        .setParameter(1, reminder.id()).setParameter(2, now).executeUpdate();
                Consent consent = new Consent();
                consent.subscriberId = reminder.subscriberId();
                consent.source = Consent.REMINDER;
                consent.method = "keep_link";
                consent.givenAt = now;
                consent.confirmedAt = now;
                consent.ip = ip;
                consent.confirmationIp = ip;
                consent.wording = reminder.result().publication().senderName() + ": keep receiving advertising mail";
                consent.policyVersion = config.policyVersion();
                consent.persist();
            }
            return reminder.result();
        });
    }

    /** The reminder a keep link is for, and where its subscriber stands. */
    private record Reminder(long id, long subscriberId, KeepResult result) {
    }

    /** The reminder of a keep link, locked with its subscriber when it is to be answered; 404 for a bad or stale link. */
    private Reminder reminder(String token, boolean lock) {
        long id = tokens.verifyId(SubscriberLinks.KEEP_CONSENT, token).orElseThrow(Subscriptions::invalidToken);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT subscriber_id, kept_at IS NOT NULL FROM consent_reminder "
                + "WHERE id = ?1" + (lock ? " FOR UPDATE" : "")).setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw Subscriptions.invalidToken(); // the subscriber erased their data since
        }
        long subscriberId = ((Number) rows.get(0)[0]).longValue();
        Subscriber s = lock
                ? Subscriber.findById(subscriberId, LockModeType.PESSIMISTIC_READ)
                : Subscriber.findById(subscriberId);
        PublicationRef publication = publications.findById(s.publicationId).orElseThrow(Subscriptions::invalidToken);
        Kept outcome = s.status != SubscriberStatus.active
                ? Kept.left
                : (Boolean) rows.get(0)[1] ? Kept.already_kept : Kept.kept;
        return new Reminder(id, subscriberId, new KeepResult(publication, outcome));
    }
}
