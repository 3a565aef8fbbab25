package dev.gazette.engagement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import dev.gazette.subscriber.SubscriberErased;

/**
 * A subscriber erased their data: their comments stay (the conversation keeps its shape) but no
 * longer name them; their tips and notes keep the money and the words but lose name and address.
 * Runs inside the erasing transaction, so the erasure is complete or nothing happens.
 */
@ApplicationScoped
class ErasedReaders {

    private final EntityManager entityManager;

    ErasedReaders(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    void onErased(@Observes SubscriberErased erased) {
        // their comments: no name, no link to them
        entityManager.createNativeQuery("UPDATE comment SET author_name = '', subscriber_id = NULL WHERE subscriber_id = ?1")
                .setParameter(1, erased.subscriberId()).executeUpdate();
        // their tips in this publication, by subscriber or by the address they gave
        entityManager.createNativeQuery("""
                UPDATE tip SET tipper_name = NULL, tipper_email = NULL, subscriber_id = NULL
                WHERE publication_id = ?1 AND (subscriber_id = ?2 OR lower(tipper_email) = lower(?3))""")
                .setParameter(1, erased.publicationId()).setParameter(2, erased.subscriberId())
                .setParameter(3, erased.email()).executeUpdate();
        // their notes to this publication's writer
        entityManager
                .createNativeQuery("UPDATE reader_note SET email = '' WHERE publication_id = ?1 AND lower(email) = lower(?2)")
                .setParameter(1, erased.publicationId()).setParameter(2, erased.email()).executeUpdate();
    }
}
