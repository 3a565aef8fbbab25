package dev.gazette.subscriber;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.mail.MailKind;
import dev.gazette.mail.TransactionalMail;
import dev.gazette.publication.Advertising;
import dev.gazette.publication.PublicationRef;

/**
 * What Korean law (정보통신망법 제50조 제8항, 시행령 제62조의3) asks an advertising publication to tell
 * its subscribers of their consent: the result when they give or withdraw it, and every two years
 * that they gave it, with a way to keep or leave. Each names the sender, the date and what was done.
 * Recorded as transactional mail in the caller's transaction; nothing for a publication that sends
 * no advertising.
 */
@ApplicationScoped
class ConsentNotices {

    @CheckedTemplate(basePath = "subscriber")
    static class Templates {
        /** {@code given}: consent given (else withdrawn), at {@code when}. */
        static native MailTemplateInstance consentResult(MailContext context, String sender, String when, boolean given);

        static native MailTemplateInstance consentReminder(MailContext context, String sender, String since,
                String keepUrl);
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private final Advertising advertising;
    private final SubscriberLinks links;
    private final TransactionalMail mails;

    ConsentNotices(Advertising advertising, SubscriberLinks links, TransactionalMail mails) {
        this.advertising = advertising;
        this.links = links;
        this.mails = mails;
    }

    /**
     * The subscribers confirmed their consent to the publication at {@code at}: the result notice of
     * each, to record with the confirmations (none if the publication sends no advertising).
     */
    List<TransactionalMail.Item> given(PublicationRef publication, List<SubscriberMails.Recipient> subscribers,
            Instant at) {
        if (subscribers.isEmpty() || advertising.of(publication.id()).isEmpty()) {
            return List.of();
        }
        return subscribers.stream().map(s -> result(publication, s, at, true)).toList();
    }

    /** The subscriber withdrew their consent at {@code at}. */
    void withdrawn(PublicationRef publication, Subscriber s, Instant at) {
        if (advertising.of(publication.id()).isPresent()) {
            mails.recordAll(List.of(result(publication, new SubscriberMails.Recipient(s.id, s.email, s.name), at, false)));
        }
    }

    private TransactionalMail.Item result(PublicationRef publication, SubscriberMails.Recipient s, Instant at,
            boolean given) {
        boolean ko = ConsentWording.isKorean(publication);
        String subject = "[" + publication.name() + "] " + (ko
                ? given ? "광고성 정보 수신동의 처리 결과" : "광고성 정보 수신거부 처리 결과"
                : given ? "Your consent to advertising mail is recorded" : "Your withdrawal of consent is recorded");
        Mail mail = links.addressed(publication, s.subscriberId(), s.email(), subject);
        MailContext context = MailContext.of(publication, s.name(), links.listHeaders(s.subscriberId(), publication));
        return new TransactionalMail.Item(TransactionalMail.rendered(mail, Templates.consentResult(context,
                publication.senderName(), format(WHEN, at, publication), given)),
                origin(publication, "consent:" + s.subscriberId()));
    }

    /** The two-yearly reminder {@code reminderId} that the subscriber consented {@code since}. */
    void remind(PublicationRef publication, Subscriber s, Instant since, long reminderId) {
        boolean ko = ConsentWording.isKorean(publication);
        String subject = "[" + publication.name() + "] " + (ko
                ? "광고성 정보 수신동의 여부 안내"
                : "Do you still want our advertising mail?");
        Mail mail = links.addressed(publication, s.id, s.email, subject);
        MailContext context = MailContext.of(publication, s.name, links.listHeaders(s.id, publication));
        mails.record(TransactionalMail.rendered(mail, Templates.consentReminder(context, publication.senderName(),
                format(DAY, since, publication), links.keepConsentUrl(reminderId))),
                origin(publication, "consent-reminder:" + reminderId));
    }

    private static String format(DateTimeFormatter format, Instant at, PublicationRef publication) {
        return format.format(at.atZone(ZoneId.of(publication.timeZone())));
    }

    private static TransactionalMail.Origin origin(PublicationRef publication, String reference) {
        return TransactionalMail.Origin.of(MailKind.consent_notice, reference).publication(publication.id());
    }
}
