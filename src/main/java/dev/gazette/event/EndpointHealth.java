package dev.gazette.event;

import java.time.Clock;

import io.quarkus.mailer.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import dev.gazette.account.AccountContacts;
import dev.gazette.core.GazetteConfig;
import dev.gazette.mail.MailKind;
import dev.gazette.mail.TransactionalMail;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * Disables an endpoint that failed for too long (or answered 410 Gone), and tells the
 * publication's writer by transactional mail, in the same transaction. A platform-wide endpoint is
 * disabled without mail: admins see it on their page.
 */
@ApplicationScoped
class EndpointHealth {

    private static final Logger LOG = Logger.getLogger(EndpointHealth.class);

    private final Publications publications;
    private final AccountContacts accounts;
    private final TransactionalMail mails;
    private final GazetteConfig gazette;
    private final Clock clock;

    EndpointHealth(Publications publications, AccountContacts accounts, TransactionalMail mails, GazetteConfig gazette,
            Clock clock) {
        this.publications = publications;
        this.accounts = accounts;
        this.mails = mails;
        this.gazette = gazette;
        this.clock = clock;
    }

    @Transactional
    void disable(long endpointId, String reason) {
        WebhookEndpoint e = WebhookEndpoint.findById(endpointId);
        if (e == null || !e.enabled) {
            return;
        }
        e.enabled = false;
        e.disabledReason = reason;
        e.updatedAt = clock.instant();
        LOG.warnf("Webhook endpoint %d is disabled: %s", endpointId, reason);
        if (e.publicationId != null) {
            publications.findById(e.publicationId).ifPresent(p -> tellWriter(p, e));
        }
    }

    private void tellWriter(PublicationRef publication, WebhookEndpoint e) {
        boolean ko = "ko".equals(publication.locale());
        String page = gazette.baseUrl() + "/studio/publications/" + publication.slug() + "/webhooks/" + e.id;
        String subject = "[" + publication.name() + "] "
                + (ko ? "웹훅 엔드포인트를 껐어요" : "A webhook endpoint was disabled");
        String text = (ko
                ? "이 엔드포인트로 이벤트를 보내지 못해 꺼 두었어요: "
                : "Gazette could not deliver events to this endpoint and has disabled it: ") + e.url + "\n\n"
                + (ko ? "이유: " : "Reason: ") + e.disabledReason + "\n\n"
                + (ko
                        ? "고친 뒤 다시 켜면, 기다리던 이벤트를 이어서 보내요: "
                        : "Fix it and enable it again to resume "
                                + "the waiting events: ")
                + page + "\n";
        accounts.find(publication.ownerId()).ifPresent(writer -> mails.record(
                Mail.withText(writer.email(), subject.replaceAll("[\\r\\n]+", " "), text),
                TransactionalMail.Origin.of(MailKind.writer_notice, "webhook:" + e.id).publication(publication.id())));
    }
}
