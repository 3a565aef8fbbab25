package dev.gazette.subscriber;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Addresses never to mail again, kept only as salted hashes: per publication (the subscriber
 * unsubscribed or erased their data) and platform-wide (hard bounces and complaints). The delivery
 * feature reports bounces and complaints here.
 */
@ApplicationScoped
public class Suppressions {

    /** Why an address is suppressed; the column value is the name. */
    enum Reason {
        unsubscribed, erased, bounced, complained
    }

    private final EntityManager entityManager;
    private final AddressHashes hashes;
    private final Clock clock;

    Suppressions(EntityManager entityManager, AddressHashes hashes, Clock clock) {
        this.entityManager = entityManager;
        this.hashes = hashes;
        this.clock = clock;
    }

    /** Whether this normalized address may not be mailed by this publication. */
    @Transactional
    public boolean isSuppressed(long publicationId, String normalizedEmail) {
        return isSuppressedHash(publicationId, hashes.of(normalizedEmail));
    }

    /**
     * A hard bounce (RFC 3463 5.1.x) for this subscriber: it becomes {@code bounced} and its
     * address is suppressed on every publication of the platform.
     */
    @Transactional
    public void recordHardBounce(long subscriberId) {
        platformWide(subscriberId, SubscriberStatus.bounced, Reason.bounced);
    }

    /** A spam complaint for this subscriber: {@code complained}, and suppressed platform-wide. */
    @Transactional
    public void recordComplaint(long subscriberId) {
        platformWide(subscriberId, SubscriberStatus.complained, Reason.complained);
    }

    boolean isSuppressedHash(long publicationId, String emailHash) {
        // a suppression of this publication, or a platform-wide one
        return !entityManager.createNativeQuery("SELECT 1 FROM suppression WHERE email_hash = ?1 "
                + "AND (publication_id = ?2 OR publication_id IS NULL) LIMIT 1")
                .setParameter(1, emailHash).setParameter(2, publicationId).getResultList().isEmpty();
    }

    /** Adds a suppression in the caller's transaction; a second one of the same scope is a no-op. */
    void add(Long publicationId, String emailHash, Reason reason) {
        entityManager.createNativeQuery("INSERT INTO suppression (publication_id, email_hash, reason, created_at) "
                + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, publicationId).setParameter(2, emailHash).setParameter(3, reason.name())
                .setParameter(4, clock.instant()).executeUpdate();
    }

    /** Lifts this publication's own suppression after the person subscribed again and confirmed. */
    void liftUnsubscribed(long publicationId, String emailHash) {
        entityManager.createNativeQuery("DELETE FROM suppression WHERE publication_id = ?1 AND email_hash = ?2 "
                + "AND reason = 'unsubscribed'")
                .setParameter(1, publicationId).setParameter(2, emailHash).executeUpdate();
    }

    private void platformWide(long subscriberId, SubscriberStatus status, Reason reason) {
        Subscriber s = Subscriber.findById(subscriberId);
        if (s == null) {
            return;
        }
        s.status = status;
        s.updatedAt = clock.instant();
        add(null, s.emailHash, reason);
    }
}
