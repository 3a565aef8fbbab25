package dev.gazette.subscriber;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.gazette.mail.TransactionalMail;

/**
 * A subscriber erased their data: the transactional mail of their publication sent to them
 * (confirmations, welcomes) or about them (the writer's notices of their notes and tips) goes too,
 * queued or sent. Inside the erasing transaction, like every other observer of the erasure.
 */
@ApplicationScoped
class ErasedMail {

    private final TransactionalMail mails;

    ErasedMail(TransactionalMail mails) {
        this.mails = mails;
    }

    void onErased(@Observes SubscriberErased erased) {
        mails.forget(erased.publicationId(), erased.email());
    }
}
