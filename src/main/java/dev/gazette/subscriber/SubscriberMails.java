package dev.gazette.subscriber;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import dev.gazette.publication.PublicationRef;

/**
 * The double opt-in and welcome emails, from the publication's sender, with the list headers and
 * a visible unsubscribe link. Sent without waiting: the answer to the subscriber never depends on
 * the relay. Logs name subscriber ids, never addresses.
 */
@ApplicationScoped
class SubscriberMails {

    private static final Logger LOG = Logger.getLogger(SubscriberMails.class);

    @CheckedTemplate(basePath = "subscriber")
    static class Templates {
        /** {@code .html} and {@code .txt} siblings make each message. */
        static native MailTemplateInstance confirm(MailContext context, String confirmUrl);

        static native MailTemplateInstance welcome(MailContext context);
    }

    private final SubscriberLinks links;

    SubscriberMails(SubscriberLinks links) {
        this.links = links;
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
        send(Templates.confirm(context, links.confirmUrl(to.subscriberId(), consentId)).mail(mail), "confirmation",
                to.subscriberId());
    }

    void sendWelcome(PublicationRef publication, Recipient to) {
        String subject = ConsentWording.isKorean(publication)
                ? "[" + publication.name() + "] 구독해 주셔서 감사합니다"
                : "[" + publication.name() + "] Welcome, you are subscribed";
        Mail mail = links.addressed(publication, to.subscriberId(), to.email(), subject);
        MailContext context = MailContext.of(publication, to.name(), links.listHeaders(to.subscriberId(), publication));
        send(Templates.welcome(context).mail(mail), "welcome", to.subscriberId());
    }

    private static void send(MailTemplateInstance message, String kind, long subscriberId) {
        message.send().subscribe().with(
                sent -> LOG.debugf("Sent the %s email to subscriber %d", kind, subscriberId),
                failure -> LOG.warnf(failure, "Could not send the %s email to subscriber %d", kind, subscriberId));
    }
}
