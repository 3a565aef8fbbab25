package dev.gazette.subscriber;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

import io.quarkus.mailer.Mail;
import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.core.GazetteConfig;
import dev.gazette.core.HeaderValues;
import dev.gazette.core.SignedAddresses;
import dev.gazette.core.SignedTokens;
import dev.gazette.publication.PublicationRef;
import dev.gazette.sender.SenderDomains;

/**
 * The links a subscriber acts through (signed, purpose-bound tokens) and the list headers every
 * message to a subscriber carries. The one place that builds them: the issue sender uses
 * {@link #listHeaders} and {@link #addressed} too.
 */
@ApplicationScoped
public class SubscriberLinks {

    static final String CONFIRM = "subscriber-confirm";
    static final String UNSUBSCRIBE = "subscriber-unsubscribe";
    static final String PREFERENCES = "subscriber-preferences";
    static final String KEEP_CONSENT = "consent-keep";

    private final SignedTokens tokens;
    private final GazetteConfig gazette;
    private final SubscriberConfig config;
    private final SenderDomains senders;
    private final Clock clock;
    private final SignedAddresses addresses;

    SubscriberLinks(SignedTokens tokens, GazetteConfig gazette, SubscriberConfig config, SenderDomains senders,
            Clock clock, SignedAddresses addresses) {
        this.tokens = tokens;
        this.addresses = addresses;
        this.gazette = gazette;
        this.config = config;
        this.senders = senders;
        this.clock = clock;
    }

    /** The page that unsubscribes this subscriber: GET shows a button, POST unsubscribes at once. */
    public String unsubscribeUrl(long subscriberId) {
        return url("/unsubscribe/", tokens.sign(UNSUBSCRIBE, subscriberId));
    }

    /** The subscriber's own page: name, topics, export, erase. */
    public String preferencesUrl(long subscriberId) {
        return url("/preferences/", tokens.sign(PREFERENCES, subscriberId));
    }

    /** The subscriber a preferences link names, for features whose forms sit on that page. */
    public java.util.Optional<Long> preferencesSubscriber(String token) {
        return token == null ? java.util.Optional.empty() : tokens.verifyId(PREFERENCES, token);
    }

    /** The "keep receiving" link of one consent reminder; it does not expire (the consent stands anyway). */
    String keepConsentUrl(long reminderId) {
        return url("/consent/keep/", tokens.sign(KEEP_CONSENT, reminderId));
    }

    /** The double opt-in link for one consent entry of this subscriber; expires. */
    String confirmUrl(long subscriberId, long consentId) {
        return url("/confirm/", tokens.sign(CONFIRM, subscriberId + ":" + consentId,
                clock.instant().plus(config.confirmTtl())));
    }

    /**
     * {@code List-Unsubscribe} (RFC 2369: the one-click https link and a mailto), {@code
     * List-Unsubscribe-Post} (RFC 8058) and {@code List-Id} for a message to this subscriber.
     */
    public ListHeaders listHeaders(long subscriberId, PublicationRef publication) {
        String token = tokens.sign(UNSUBSCRIBE, subscriberId); // one token for the https link and the mailto
        String unsubscribe = url("/unsubscribe/", token);
        String mailto = mailto(subscriberId, token);
        String listId = publication.slug() + ".list." + host();
        return new ListHeaders(unsubscribe, preferencesUrl(subscriberId),
                HeaderValues.requireSingleLine("List-Unsubscribe", "<" + unsubscribe + ">, <" + mailto + ">"),
                "List-Unsubscribe=One-Click",
                HeaderValues.requireSingleLine("List-Id", "<" + listId + ">"));
    }

    /**
     * A message from this publication to this subscriber: From and Reply-To as {@link #sender} says,
     * and the list headers set. Every value is checked against header injection.
     */
    public Mail addressed(PublicationRef publication, long subscriberId, String to, String subject) {
        ListHeaders headers = listHeaders(subscriberId, publication);
        SenderDomains.Sender sender = sender(publication);
        Mail mail = new Mail()
                .setFrom(sender.from())
                .setTo(java.util.List.of(HeaderValues.requireSingleLine("to", to)))
                .setSubject(HeaderValues.requireSingleLine("subject", subject))
                .addHeader("List-Unsubscribe", headers.listUnsubscribe())
                .addHeader("List-Unsubscribe-Post", headers.listUnsubscribePost())
                .addHeader("List-Id", headers.listId());
        if (sender.replyTo() != null) {
            mail.setReplyTo(sender.replyTo());
        }
        return mail;
    }

    /**
     * From and Reply-To of the publication's mail: its own address on a verified domain of its
     * writer, else the platform's address with its sender name and Reply-To the writer's (see
     * {@link SenderDomains}).
     */
    public SenderDomains.Sender sender(PublicationRef publication) {
        return senders.sender(publication.ownerId(), publication.senderName(), publication.senderEmail(),
                publication.replyTo());
    }

    /**
     * With a bounce domain, the subscriber's own signed address on it (the mail itself says who
     * leaves, so Gazette's inbound listener acts on it); otherwise the configured mailbox with the
     * token in the subject.
     */
    private String mailto(long subscriberId, String token) {
        return addresses.address(SignedAddresses.Kind.UNSUBSCRIBE, subscriberId)
                .map(address -> "mailto:" + address + "?subject=unsubscribe")
                .orElseGet(() -> "mailto:" + unsubscribeMailbox() + "?subject=unsubscribe%20" + token);
    }

    private String unsubscribeMailbox() {
        Optional<String> configured = config.unsubscribeMailbox().filter(s -> !s.isBlank());
        return HeaderValues.requireSingleLine("gazette.subscriber.unsubscribe-mailbox",
                configured.orElseGet(() -> "unsubscribe@" + host()));
    }

    private String host() {
        String host = gazette.baseUrl().getHost();
        return host == null ? "localhost" : host;
    }

    private String url(String path, String token) {
        URI base = gazette.baseUrl();
        String root = base.toString().endsWith("/")
                ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return root + path + token;
    }

    /** The header values for one subscriber, and the two links to show in the body. */
    public record ListHeaders(String unsubscribeUrl, String preferencesUrl, String listUnsubscribe,
            String listUnsubscribePost, String listId) {
    }
}
