package dev.gazette.subscriber;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.mail.MailKind;
import dev.gazette.mail.TransactionalMail;
import dev.gazette.publication.PublicationRef;

/**
 * The double opt-in and welcome emails, from the publication's sender, with the list headers and
 * a visible unsubscribe link. Recorded as transactional mail in the caller's transaction (the
 * subscription or confirmation that causes them) and sent by the delivery engine: the answer to
 * the subscriber never depends on the relay, and a relay that is down only delays them.
 */
@ApplicationScoped
class SubscriberMails {

    @CheckedTemplate(basePath = "subscriber")
    static class Templates {
        /** {@code .html} and {@code .txt} siblings make each message. */
        static native MailTemplateInstance confirm(MailContext context, String confirmUrl);

        static native MailTemplateInstance welcome(MailContext context);
    }

    private final SubscriberLinks links;
    private final TransactionalMail mails;

    SubscriberMails(SubscriberLinks links, TransactionalMail mails) {
        this.links = links;
        this.mails = mails;
    }

    /** What a message needs to know of its recipient. */
    record Recipient(long subscriberId, String email, String name) {
    }

    void sendConfirmation(PublicationRef publication, Recipient to, long consentId) {
        String subject = ConsentWording.isKorean(publication)
                ? "[" + publication.name() + "] 구독을 확인해 주세요"
                : "[" + publication.name() + "] Please confirm your subscription";
        Mail mail = links.addressed(publication, to.subscriberId(), to.email(), subject);
        MailContext context = MailContext.of(publication, to.name(), links.listHeaders(to.subscriberId(), publication));
        mails.record(TransactionalMail.rendered(mail, Templates.confirm(context, links.confirmUrl(to.subscriberId(),
                consentId))), origin(MailKind.subscription_confirmation, publication, to));
    }

    /** The welcome email, to record with the confirmation (alone, or with a batch of them). */
    TransactionalMail.Item welcome(PublicationRef publication, Recipient to) {
        String subject = ConsentWording.isKorean(publication)
                ? "[" + publication.name() + "] 구독해 주셔서 감사합니다"
                : "[" + publication.name() + "] Welcome, you are subscribed";
        Mail mail = links.addressed(publication, to.subscriberId(), to.email(), subject);
        MailContext context = MailContext.of(publication, to.name(), links.listHeaders(to.subscriberId(), publication));
        return new TransactionalMail.Item(TransactionalMail.rendered(mail, Templates.welcome(context)),
                origin(MailKind.welcome, publication, to));
    }

    private static TransactionalMail.Origin origin(MailKind kind, PublicationRef publication, Recipient to) {
        return TransactionalMail.Origin.of(kind, "subscriber:" + to.subscriberId()).publication(publication.id());
    }
}
