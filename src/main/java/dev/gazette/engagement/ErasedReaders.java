package dev.gazette.engagement;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import dev.gazette.mail.TransactionalMail;
import dev.gazette.subscriber.SubscriberErased;

/**
 * A subscriber's data is erased: their comments stay (the conversation keeps its shape) but no
 * longer name them, and their address is scrubbed from what they wrote, including comments they
 * confirmed by the same address without their link; the writer's notices of all of it go; their tips and notes keep
 * the money and the words but lose name and address; their feedback keeps its rating (the issue's
 * numbers) and loses its words. Runs inside the erasing transaction, so the erasure is complete or
 * nothing happens.
 */
@ApplicationScoped
class ErasedReaders {

    private final EntityManager entityManager;
    private final TransactionalMail mails;

    ErasedReaders(EntityManager entityManager, TransactionalMail mails) {
        this.entityManager = entityManager;
        this.mails = mails;
    }

    void onErased(@Observes SubscriberErased erased) {
        // the writer's notices of what they wrote or gave, which quote their name and words
        mails.forgetNotices(erased.publicationId(), notices(erased));
        // their comments, through their link or confirmed by their address without one
        String theirs = "(subscriber_id = ?1 OR (publication_id = ?2 AND email_hash = ?3))";
        // what they wrote in comments: the address, if they typed it, goes
        scrub(erased, "SELECT id, body_markdown, body_html FROM comment WHERE " + theirs,
                "UPDATE comment SET body_markdown = ?2, body_html = ?3 WHERE id = ?1", erased.subscriberId(),
                erased.publicationId(), erased.emailHash());
        // their comments: no name, no link to them
        entityManager.createNativeQuery(
                "UPDATE comment SET author_name = '', subscriber_id = NULL, email_hash = NULL WHERE " + theirs)
                .setParameter(1, erased.subscriberId()).setParameter(2, erased.publicationId())
                .setParameter(3, erased.emailHash()).executeUpdate();
        // a block of their address stays (a hash), without the name they wrote under
        entityManager.createNativeQuery(
                "UPDATE comment_block SET author_name = '' WHERE publication_id = ?1 AND address_hash = ?2")
                .setParameter(1, erased.publicationId()).setParameter(2, erased.emailHash()).executeUpdate();
        // their tips in this publication, by subscriber or by the address they gave: the note loses the address
        scrub(erased, "SELECT id, message FROM tip WHERE publication_id = ?1 AND (subscriber_id = ?2 "
                + "OR lower(tipper_email) = lower(?3))", "UPDATE tip SET message = ?2 WHERE id = ?1",
                erased.publicationId(), erased.subscriberId(), erased.email());
        entityManager.createNativeQuery("""
                UPDATE tip SET tipper_name = NULL, tipper_email = NULL, subscriber_id = NULL
                WHERE publication_id = ?1 AND (subscriber_id = ?2 OR lower(tipper_email) = lower(?3))""")
                .setParameter(1, erased.publicationId()).setParameter(2, erased.subscriberId())
                .setParameter(3, erased.email()).executeUpdate();
        // their notes to this publication's writer: the message loses the address too
        scrub(erased, "SELECT id, message FROM reader_note WHERE publication_id = ?1 AND lower(email) = lower(?2)",
                "UPDATE reader_note SET message = ?2 WHERE id = ?1", erased.publicationId(), erased.email());
        entityManager
                .createNativeQuery("UPDATE reader_note SET email = '' WHERE publication_id = ?1 AND lower(email) = lower(?2)")
                .setParameter(1, erased.publicationId()).setParameter(2, erased.email()).executeUpdate();
        // the words of their ratings; the ratings stay, for the issues' numbers
        entityManager.createNativeQuery("UPDATE feedback SET comment = NULL WHERE comment IS NOT NULL "
                + "AND delivery_id IN (SELECT id FROM delivery WHERE subscriber_id = ?1)")
                .setParameter(1, erased.subscriberId()).executeUpdate();
    }

    /** The references of their comments, tips and notes in the publication, as the writer's notices name them. */
    @SuppressWarnings("unchecked")
    private List<String> notices(SubscriberErased erased) {
        // what they wrote or gave: by subscriber, by the hash of their address, or by the address itself
        return entityManager.createNativeQuery("""
                SELECT 'comment:' || id FROM comment WHERE subscriber_id = ?1 OR (publication_id = ?2 AND email_hash = ?3)
                UNION ALL SELECT 'tip:' || id FROM tip WHERE publication_id = ?2
                    AND (subscriber_id = ?1 OR lower(tipper_email) = lower(?4))
                UNION ALL SELECT 'note:' || id FROM reader_note WHERE publication_id = ?2 AND lower(email) = lower(?4)""")
                .setParameter(1, erased.subscriberId()).setParameter(2, erased.publicationId())
                .setParameter(3, erased.emailHash()).setParameter(4, erased.email()).getResultList();
    }

    /**
     * Rewrites the text columns of the rows {@code select} finds (id first, then the texts, in the
     * order {@code update} takes them after the id) without the address.
     */
    private void scrub(SubscriberErased erased, String select, String update, Object... parameters) {
        var query = entityManager.createNativeQuery(select);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        for (Object[] row : rows) {
            boolean mentioned = false;
            for (int i = 1; i < row.length; i++) {
                mentioned |= erased.mentioned((String) row[i]);
            }
            if (!mentioned) {
                continue;
            }
            var change = entityManager.createNativeQuery(update).setParameter(1, row[0]);
            for (int i = 1; i < row.length; i++) {
                change.setParameter(i + 1, erased.scrub((String) row[i]));
            }
            change.executeUpdate();
        }
    }
}
