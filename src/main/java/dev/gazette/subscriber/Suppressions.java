package dev.gazette.subscriber;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.event.EventType;
import dev.gazette.event.Events;
import dev.gazette.sequence.SequenceTriggers;

/**
 * Addresses never to mail again, kept only as salted hashes: per publication (the subscriber
 * unsubscribed or erased their data) and platform-wide (hard bounces and complaints). The delivery
 * feature reports bounces and complaints here. A publication's own also name its writer and slug,
 * so they outlive the publication: made again by the same writer under the same slug, it takes them
 * back (a database trigger, see V16) and mails none of them.
 */
@ApplicationScoped
public class Suppressions {

    /**
     * SQL: whether the address with this hash is suppressed for the publication with this id (each
     * an SQL expression): by one of the publication's own suppressions or a platform-wide one.
     * Plain column comparisons, so that the planner makes a hash anti-join of {@code NOT}.
     */
    static String suppressed(String emailHash, String publicationId) {
        return "EXISTS (SELECT 1 FROM suppression x WHERE x.email_hash = " + emailHash + " AND (x.publication_id = "
                + publicationId + " OR x.owner_id IS NULL))";
    }

    /** Why an address is suppressed; the column value is the name. */
    enum Reason {
        unsubscribed, erased, bounced, complained
    }

    private final EntityManager entityManager;
    private final AddressHashes hashes;
    private final Clock clock;
    private final SequenceTriggers sequences;
    private final Events events;

    Suppressions(EntityManager entityManager, AddressHashes hashes, Clock clock, SequenceTriggers sequences,
            Events events) {
        this.sequences = sequences;
        this.events = events;
        this.entityManager = entityManager;
        this.hashes = hashes;
        this.clock = clock;
    }

    // Erased here, or bounced or complained anywhere: the form must not mail the address (its own
    // unsubscribe from this publication is no obstacle: a new subscription lifts it).
    private static final String BLOCKS_FORM = "SELECT 1 FROM suppression x WHERE " + blocksForm("?1", "?2") + " LIMIT 1";

    /** SQL: the suppression {@code x} keeps the form from mailing the address with this hash in this publication. */
    private static String blocksForm(String emailHash, String publicationId) {
        return "x.email_hash = " + emailHash + " AND (x.owner_id IS NULL OR (x.publication_id = " + publicationId
                + " AND x.reason <> 'unsubscribed'))";
    }

    /** Whether the subscription form must not mail the address with this hash for this publication. */
    boolean blocksForm(long publicationId, String emailHash) {
        return !entityManager.createNativeQuery(BLOCKS_FORM).setParameter(1, emailHash).setParameter(2, publicationId)
                .getResultList().isEmpty();
    }

    /**
     * Confirmations, the {@code i}-th of the subscriber with {@code emailHashes[i]} in {@code
     * publicationIds[i]}: the positions of those the form's rule blocks; for the others the
     * publication's own unsubscribe of the address is lifted. One statement for them all, as it runs
     * in every batch of confirmations.
     */
    Set<Integer> blockedOrLifted(long[] publicationIds, String[] emailHashes) {
        if (publicationIds.length == 0) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Number> blocked = entityManager
                .createNativeQuery(
                        """
                                WITH asked AS (
                                    SELECT a.publication_id, a.email_hash, a.n
                                      FROM unnest(CAST(?1 AS bigint[]), CAST(?2 AS char(64)[])) WITH ORDINALITY a(publication_id, email_hash, n)),
                                blocked AS (
                                    SELECT a.n FROM asked a
                                     WHERE EXISTS (SELECT 1 FROM suppression x WHERE %s)),
                                lifted AS (
                                    DELETE FROM suppression x USING asked a
                                     WHERE x.publication_id = a.publication_id AND x.email_hash = a.email_hash AND x.reason = 'unsubscribed'
                                       AND a.n NOT IN (SELECT n FROM blocked))
                                SELECT CAST(n AS integer) FROM blocked"""
                                .formatted(blocksForm("a.email_hash", "a.publication_id")))
                .setParameter(1, publicationIds).setParameter(2, emailHashes).getResultList();
        return blocked.stream().map(n -> n.intValue() - 1).collect(Collectors.toSet());
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
        return (Boolean) entityManager.createNativeQuery("SELECT " + suppressed("?1", "?2"))
                .setParameter(1, emailHash).setParameter(2, publicationId).getSingleResult();
    }

    /**
     * Adds a suppression in the caller's transaction, for this publication or platform-wide (null);
     * a second one of the same scope is a no-op.
     */
    void add(Long publicationId, String emailHash, Reason reason) {
        if (publicationId == null) {
            entityManager.createNativeQuery("INSERT INTO suppression (email_hash, reason, created_at) "
                    + "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                    .setParameter(1, emailHash).setParameter(2, reason.name()).setParameter(3, clock.instant())
                    .executeUpdate();
            return;
        }
        // the publication's own, naming its writer and slug too
        entityManager.createNativeQuery("INSERT INTO suppression (publication_id, owner_id, publication_slug, email_hash, "
                + "reason, created_at) SELECT p.id, p.owner_id, p.slug, ?2, ?3, ?4 FROM publication p WHERE p.id = ?1 "
                + "ON CONFLICT DO NOTHING")
                .setParameter(1, publicationId).setParameter(2, emailHash).setParameter(3, reason.name())
                .setParameter(4, clock.instant()).executeUpdate();
    }

    private void platformWide(long subscriberId, SubscriberStatus status, Reason reason) {
        Subscriber s = Subscriber.findById(subscriberId);
        if (s == null) {
            return;
        }
        if (s.status != status) {
            s.status = status;
            s.updatedAt = clock.instant();
            events.emit(status == SubscriberStatus.bounced ? EventType.SUBSCRIBER_BOUNCED : EventType.SUBSCRIBER_COMPLAINED,
                    s.publicationId, s.eventData());
        }
        add(null, s.emailHash, reason);
        sequences.left(s.id, reason.name());
    }
}
