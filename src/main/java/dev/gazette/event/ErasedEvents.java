package dev.gazette.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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

    void onErased(@Observes SubscriberErased erased) {
        // the publication's events about them: their address, name and words go, the ids stay
        entityManager.createNativeQuery("""
                UPDATE event SET data = data - 'email' - 'name' - 'authorName' - 'body' - 'message'
                 WHERE publication_id = ?1 AND data ->> 'subscriberId' = ?2""")
                .setParameter(1, erased.publicationId()).setParameter(2, Long.toString(erased.subscriberId()))
                .executeUpdate();
        events.emit(EventType.SUBSCRIBER_ERASED, erased.publicationId(), new EventData.Erased(erased.subscriberId()));
    }
}
