package dev.gazette.account;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import dev.gazette.core.GazetteConfig;

/** Mail about the account itself, sent from the platform's address. */
@ApplicationScoped
class AccountMails {

    private static final Logger LOG = Logger.getLogger(AccountMails.class);

    @CheckedTemplate(basePath = "account")
    static class Templates {
        /** Both siblings, {@code .html} and {@code .txt}, make the message. */
        static native MailTemplateInstance signupExisting(String email, String loginUrl);
    }

    private final GazetteConfig config;

    AccountMails(GazetteConfig config) {
        this.config = config;
    }

    /**
     * Someone signed up with an address that already has an account: tell its owner, and send it
     * without waiting, so that the signup answer takes the same time either way.
     */
    void signupForExistingAccount(String email) {
        String loginUrl = config.baseUrl().resolve("/login").toString();
        Templates.signupExisting(email, loginUrl)
                .to(email)
                .subject("Your Gazette account / Gazette 계정 안내")
                .send()
                .subscribe().with(
                        sent -> LOG.debugf("Told %s that it already has an account", email),
                        failure -> LOG.warnf(failure, "Could not tell %s that it already has an account", email));
    }
}
