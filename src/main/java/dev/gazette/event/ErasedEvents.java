package dev.gazette.event;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;

import dev.gazette.subscriber.SubscriberErased;

/**
 * A subscriber's data is erased, by the reader or the writer: {@code subscriber.erased} is emitted
 * (their id only), and the events that named them keep their ids but lose their address, name and
 * words, so deliveries still waiting send no more of them. Runs inside the erasing transaction.
 */
@ApplicationScoped
class ErasedEvents {

    private final Events events;
    private final EntityManager entityManager;

    ErasedEvents(Events events, EntityManager entityManager) {
        this.events = events;
        this.entityManager = entityManager;
    }

    void onErased(@Observes @Priority(Interceptor.Priority.APPLICATION) SubscriberErased erased) {
        // the publication's events about them: their address, name and words go, the ids stay. That
        // is the events naming the subscriber, and those of the comments they confirmed by their
        // address and the tips they paid with it, read before the erasure's other observers
        // (a later priority) forget which those were
        entityManager.createNativeQuery("""
                UPDATE event SET data = data - 'email' - 'name' - 'authorName' - 'body' - 'message'
                 WHERE publication_id = ?1 AND (data ->> 'subscriberId' = ?2
                    OR (type = 'comment.posted' AND data ->> 'commentId' IN (
                        SELECT id::text FROM comment WHERE publication_id = ?1 AND email_hash = ?3))
                    OR (type = 'tip.paid' AND data ->> 'tipId' IN (
                        SELECT id::text FROM tip WHERE publication_id = ?1 AND lower(tipper_email) = lower(?4))))""")
                .setParameter(1, erased.publicationId()).setParameter(2, Long.toString(erased.subscriberId()))
                .setParameter(3, erased.emailHash()).setParameter(4, erased.email()).executeUpdate();
        events.emit(EventType.SUBSCRIBER_ERASED, erased.publicationId(), new EventData.Erased(erased.subscriberId()));
    }
}
