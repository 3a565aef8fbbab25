package dev.gazette.engagement;

import java.util.List;

import io.quarkus.mailer.Mail;
import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.account.AccountContacts;
import dev.gazette.mail.MailKind;
import dev.gazette.mail.TransactionalMail;
import dev.gazette.publication.PublicationRef;

/**
 * The feature's plain-text mails: a reader confirming a comment or a note, and the writer hearing
 * of a comment, a note or a paid tip. Recorded as transactional mail in the caller's transaction
 * and sent by the delivery engine, from the platform's own address.
 */
@ApplicationScoped
class EngagementMails {

    private final TransactionalMail mails;
    private final AccountContacts accounts;

    EngagementMails(TransactionalMail mails, AccountContacts accounts) {
        this.mails = mails;
        this.accounts = accounts;
    }

    void confirmComment(PublicationRef publication, long commentId, String email, String confirmUrl) {
        confirm(publication, email, confirmUrl, "댓글을", "comment", "남기신 댓글을 게시하려면", "to publish your comment",
                TransactionalMail.Origin.of(MailKind.comment_confirmation, "comment:" + commentId));
    }

    void confirmNote(PublicationRef publication, long noteId, String email, String confirmUrl) {
        confirm(publication, email, confirmUrl, "노트를", "note", "작가에게 노트를 전하려면", "to deliver your note to the writer",
                TransactionalMail.Origin.of(MailKind.note_confirmation, "note:" + noteId));
    }

    /** Asks a reader to confirm what they sent: only their click makes it count. */
    private void confirm(PublicationRef publication, String email, String confirmUrl, String whatKo, String whatEn,
            String whyKo, String whyEn, TransactionalMail.Origin origin) {
        boolean ko = "ko".equals(publication.locale());
        String subject = "[" + publication.name() + "] " + (ko ? whatKo + " 확인해 주세요" : "Confirm your " + whatEn);
        String text = ko
                ? whyKo + " 아래 링크를 눌러 주세요. 직접 쓰지 않으셨다면 이 메일을 무시하세요.\n\n"
                : "Follow this link " + whyEn + ". If you did not write it, ignore this email.\n\n";
        mails.record(Mail.withText(email, oneLine(subject), text + confirmUrl + "\n"),
                origin.publication(publication.id()));
    }

    /**
     * Tells the publication's writer what a reader sent: a comment, a note or a paid tip.
     * {@code reader} is the reader's address when the notice carries it or their words (null if
     * unknown): the notice is erased with them.
     */
    void tellWriter(PublicationRef publication, String what, String text, String reference, String reader) {
        accounts.find(publication.ownerId()).ifPresent(writer -> mails.record(
                new Mail().setTo(List.of(writer.email())).setSubject(oneLine("[" + publication.name() + "] " + what))
                        .setText(text),
                TransactionalMail.Origin.of(MailKind.writer_notice, reference).publication(publication.id())
                        .about(reader)));
    }

    /** Subjects hold names people typed: never let a line break reach the header. */
    private static String oneLine(String value) {
        return value.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ");
    }
}
