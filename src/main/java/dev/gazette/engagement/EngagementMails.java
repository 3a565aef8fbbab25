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
        boolean ko = "ko".equals(publication.locale());
        send(email, ko ? "[" + publication.name() + "] 댓글을 확인해 주세요" : "[" + publication.name() + "] Confirm your comment",
                (ko ? "남기신 댓글을 게시하려면 아래 링크를 눌러 주세요. 직접 쓰지 않으셨다면 이 메일을 무시하세요.\n\n"
                        : "Follow this link to publish your comment. If you did not write it, ignore this email.\n\n")
                        + confirmUrl + "\n",
                "comment confirmation");
    }

    void confirmNote(PublicationRef publication, String email, String confirmUrl) {
        boolean ko = "ko".equals(publication.locale());
        send(email, ko ? "[" + publication.name() + "] 노트를 확인해 주세요" : "[" + publication.name() + "] Confirm your note",
                (ko ? "작가에게 노트를 전하려면 아래 링크를 눌러 주세요. 직접 쓰지 않으셨다면 이 메일을 무시하세요.\n\n"
                        : "Follow this link to deliver your note to the writer. If you did not write it, ignore this email.\n\n")
                        + confirmUrl + "\n",
                "note confirmation");
    }

    /** Tells the publication's writer what a reader sent: a comment, a note or a paid tip. */
    void tellWriter(PublicationRef publication, String what, String text) {
        accounts.find(publication.ownerId()).ifPresent(writer -> send(writer.email(),
                "[" + publication.name() + "] " + what, text, "writer notification"));
    }

    private void send(String to, String subject, String text, String kind) {
        mailer.send(Mail.withText(to, oneLine(subject), text)).subscribe().with(
                sent -> LOG.debugf("Sent a %s", kind),
                failure -> LOG.warnf(failure, "Could not send a %s", kind));
    }

    /** Subjects hold names people typed: never let a line break reach the header. */
    private static String oneLine(String value) {
        return value.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ");
    }
}
