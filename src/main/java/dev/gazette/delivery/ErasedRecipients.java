package dev.gazette.delivery;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import dev.gazette.subscriber.SubscriberErased;

/**
 * A subscriber's data is erased: their deliveries stay for the numbers (the row loses its
 * subscriber when theirs is deleted, and with it its opens and clicks name no one), but a relay's
 * reply or a bounce report that quoted the address, and a send's pause reason that did, lose it.
 * Runs inside the erasing transaction.
 */
@ApplicationScoped
class ErasedRecipients {

    private final EntityManager entityManager;

    ErasedRecipients(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @SuppressWarnings("unchecked")
    void onErased(@Observes SubscriberErased erased) {
        // the replies stored for their deliveries (one per send at most)
        List<Object[]> replies = entityManager.createNativeQuery(
                "SELECT id, last_reply FROM delivery WHERE subscriber_id = ?1 AND last_reply IS NOT NULL")
                .setParameter(1, erased.subscriberId()).getResultList();
        for (Object[] row : replies) {
            if (erased.mentioned((String) row[1])) {
                entityManager.createNativeQuery("UPDATE delivery SET last_reply = ?2 WHERE id = ?1")
                        .setParameter(1, row[0]).setParameter(2, erased.scrub((String) row[1])).executeUpdate();
            }
        }
        // the pause reasons of the sends that reached them, which may quote a reply
        List<Object[]> reasons = entityManager
                .createNativeQuery("SELECT id, pause_reason FROM send WHERE pause_reason IS NOT NULL "
                        + "AND id IN (SELECT send_id FROM delivery WHERE subscriber_id = ?1)")
                .setParameter(1, erased.subscriberId()).getResultList();
        for (Object[] row : reasons) {
            if (erased.mentioned((String) row[1])) {
                entityManager.createNativeQuery("UPDATE send SET pause_reason = ?2 WHERE id = ?1")
                        .setParameter(1, row[0]).setParameter(2, erased.scrub((String) row[1])).executeUpdate();
            }
        }
    }
}
