package dev.gazette.engagement;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import dev.gazette.account.AccountContacts;
import dev.gazette.publication.PublicationRef;

/**
 * The feature's plain-text mails: a reader confirming a comment or a note, and the writer hearing
 * of a comment, a note or a paid tip. Sent without waiting, from the platform's own address; logs
 * name ids, never addresses.
 */
@ApplicationScoped
class EngagementMails {

    private static final Logger LOG = Logger.getLogger(EngagementMails.class);

    private final ReactiveMailer mailer;
    private final AccountContacts accounts;

    EngagementMails(ReactiveMailer mailer, AccountContacts accounts) {
        this.mailer = mailer;
        this.accounts = accounts;
    }

    void confirmComment(PublicationRef publication, String email, String confirmUrl) {
        confirm(publication, email, confirmUrl, "댓글을", "comment", "남기신 댓글을 게시하려면", "to publish your comment");
    }

    void confirmNote(PublicationRef publication, String email, String confirmUrl) {
        confirm(publication, email, confirmUrl, "노트를", "note", "작가에게 노트를 전하려면", "to deliver your note to the writer");
    }

    /** Asks a reader to confirm what they sent: only their click makes it count. */
    private void confirm(PublicationRef publication, String email, String confirmUrl, String whatKo, String whatEn,
            String whyKo, String whyEn) {
        boolean ko = "ko".equals(publication.locale());
        String subject = "[" + publication.name() + "] " + (ko ? whatKo + " 확인해 주세요" : "Confirm your " + whatEn);
        String text = ko
                ? whyKo + " 아래 링크를 눌러 주세요. 직접 쓰지 않으셨다면 이 메일을 무시하세요.\n\n"
                : "Follow this link " + whyEn + ". If you did not write it, ignore this email.\n\n";
        send(email, subject, text + confirmUrl + "\n", whatEn + " confirmation");
    }

    /** Tells the publication's writer what a reader sent: a comment, a note or a paid tip. */
    void tellWriter(PublicationRef publication, String what, String text) {
        accounts.find(publication.ownerId()).ifPresent(writer -> send(writer.email(),
                "[" + publication.name() + "] " + what, text, "writer notification"));
    }

    private void send(String to, String subject, String text, String kind) {
        // a second attempt: the relay may have closed a pooled connection that sat idle (421)
        mailer.send(Mail.withText(to, oneLine(subject), text)).onFailure().retry().atMost(1).subscribe().with(
                sent -> LOG.debugf("Sent a %s", kind),
                failure -> LOG.warnf(failure, "Could not send a %s", kind));
    }

    /** Subjects hold names people typed: never let a line break reach the header. */
    private static String oneLine(String value) {
        return value.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ");
    }
}
