package dev.gazette.membership;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.core.GazetteConfig;
import dev.gazette.core.SignedTokens;
import dev.gazette.mail.MailKind;
import dev.gazette.mail.TransactionalMail;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.subscriber.SubscriberLinks;

/**
 * The mails about a member's billing: a declined charge (amount, next try, a signed link to fix the
 * card), the end after the last try, the notice before a yearly renewal and before a price change.
 * Each is recorded in the transaction of the change that causes it (ADR 9), so a change that rolls
 * back mails nothing, and in the publication's language.
 */
@ApplicationScoped
class MemberMails {

    /** The purpose of the link that opens the card page of one membership. */
    static final String CARD_TOKEN = "membership-card";
    /** How long a card link works: past the longest dunning, short enough not to live in old mailboxes for ever. */
    static final Duration CARD_LINK_LIFE = Duration.ofDays(45);

    /** What one mail says; amounts and dates already written for the reader. */
    record Notice(String kind, String publication, String amount, String oldAmount, String date, String link,
            String preferences) {
    }

    @CheckedTemplate(basePath = "membership")
    static class Templates {
        /** Both siblings, {@code .html} and {@code .txt}, make the message. */
        static native MailTemplateInstance billingMail(Notice n);
    }

    // The member's address, whatever their subscription's state: billing mail is not a newsletter.
    private static final String EMAIL = "SELECT email FROM subscriber WHERE id = ?1";

    private final TransactionalMail mails;
    private final SubscriberLinks links;
    private final Publications publications;
    private final SignedTokens tokens;
    private final GazetteConfig gazette;
    private final EntityManager entityManager;
    private final Clock clock;

    MemberMails(TransactionalMail mails, SubscriberLinks links, Publications publications, SignedTokens tokens,
            GazetteConfig gazette, EntityManager entityManager, Clock clock) {
        this.mails = mails;
        this.links = links;
        this.publications = publications;
        this.tokens = tokens;
        this.gazette = gazette;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** A charge was declined: how much, when it is tried again (null: the provider says), where to fix the card. */
    @Transactional(Transactional.TxType.MANDATORY)
    void paymentFailed(Membership m, BigDecimal amount, Instant nextTry) {
        send(m, "payment_failed", amount, null, nextTry, cardUrl(m), "failed:" + m.dunningAttempts);
    }

    /** The last try was declined (or the provider gave up): the membership ended. */
    @Transactional(Transactional.TxType.MANDATORY)
    void endedUnpaid(Membership m, BigDecimal amount) {
        send(m, "ended", amount, null, null, null, "ended");
    }

    /** A yearly membership renews on {@code at} for {@code amount}. */
    @Transactional(Transactional.TxType.MANDATORY)
    void renewalNotice(Membership m, BigDecimal amount, Instant at) {
        send(m, "renewal", amount, null, at, null, "renewal:" + at.getEpochSecond());
    }

    /** The plan's price changes for this member from the period starting {@code from}. */
    @Transactional(Transactional.TxType.MANDATORY)
    void priceNotice(Membership m, BigDecimal oldPrice, BigDecimal newPrice, Instant from, long changeId) {
        send(m, "price", newPrice, oldPrice, from, null, "price:" + changeId);
    }

    /** The link of a card mail: signed for this membership and this purpose only, for a while. */
    String cardUrl(Membership m) {
        return gazette.baseUrl()
                .resolve("/membership/card/"
                        + tokens.sign(CARD_TOKEN, Long.toString(m.id), clock.instant().plus(CARD_LINK_LIFE)))
                .toString();
    }

    private void send(Membership m, String kind, BigDecimal amount, BigDecimal oldAmount, Instant date, String link,
            String reference) {
        PublicationRef publication = publications.findById(m.publicationId).orElseThrow();
        @SuppressWarnings("unchecked")
        List<String> emails = entityManager.createNativeQuery(EMAIL).setParameter(1, m.subscriberId).getResultList();
        if (emails.isEmpty()) {
            return;
        }
        String lang = "ko".equals(publication.locale()) ? "ko" : "en";
        DunningText words = MessageBundles.get(DunningText.class, Localized.Literal.of(lang));
        String subject = "[" + publication.name() + "] " + switch (kind) {
            case "payment_failed" -> words.mail_failed_subject();
            case "ended" -> words.mail_ended_subject();
            case "renewal" -> words.mail_renewal_subject();
            default -> words.mail_price_subject();
        };
        Notice notice = new Notice(kind, publication.name(), money(amount, m.currency), money(oldAmount, m.currency),
                date == null ? null : MemberSelfService.date(date, publication), link,
                links.preferencesUrl(m.subscriberId));
        Mail mail = links.addressed(publication, m.subscriberId, emails.get(0), subject.replaceAll("[\\r\\n]", " "));
        MailTemplateInstance template = Templates.billingMail(notice);
        template.setAttribute(TemplateInstance.LOCALE, Locale.forLanguageTag(lang));
        mails.record(TransactionalMail.rendered(mail, template),
                TransactionalMail.Origin.of(MailKind.membership, "membership:" + m.id + ":" + reference)
                        .publication(publication.id()));
    }

    static String money(BigDecimal amount, String currency) {
        return amount == null ? null : amount.stripTrailingZeros().toPlainString() + " " + currency;
    }
}
