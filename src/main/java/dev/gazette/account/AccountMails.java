package dev.gazette.account;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.core.GazetteConfig;
import dev.gazette.mail.MailKind;
import dev.gazette.mail.TransactionalMail;

/** Mail about the account itself, sent from the platform's address as transactional mail. */
@ApplicationScoped
class AccountMails {

    @CheckedTemplate(basePath = "account")
    static class Templates {
        /** Both siblings, {@code .html} and {@code .txt}, make the message. */
        static native MailTemplateInstance signupExisting(String email, String loginUrl);
    }

    private final GazetteConfig config;
    private final TransactionalMail mails;

    AccountMails(GazetteConfig config, TransactionalMail mails) {
        this.config = config;
        this.mails = mails;
    }

    /**
     * Someone signed up with an address that already has an account: tell its owner. Recorded in
     * the signup's transaction and sent by the delivery engine, so that the signup answer takes
     * the same time either way.
     */
    void signupForExistingAccount(String email, long accountId) {
        String loginUrl = config.baseUrl().resolve("/login").toString();
        Mail mail = new Mail().setTo(java.util.List.of(email)).setSubject("Your Gazette account / Gazette 계정 안내");
        mails.record(TransactionalMail.rendered(mail, Templates.signupExisting(email, loginUrl)),
                TransactionalMail.Origin.of(MailKind.account, "account:" + accountId));
    }
}
