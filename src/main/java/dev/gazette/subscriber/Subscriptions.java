package dev.gazette.subscriber;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import dev.gazette.core.DomainException;
import dev.gazette.core.EmailAddresses;
import dev.gazette.core.SignedTokens;
import dev.gazette.event.EventType;
import dev.gazette.event.Events;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * Subscribing by the public form and confirming by email (double opt-in). The form answers the
 * same whatever the address's state; what differs happens only in mail, which only the owner of
 * the address reads.
 */
@ApplicationScoped
class Subscriptions {

    /** What the confirmation link led to, for the page. */
    enum Confirmation {
        confirmed, already_confirmed, unavailable
    }

    record ConfirmResult(PublicationRef publication, Confirmation outcome) {
    }

    private final Publications publications;
    private final Suppressions suppressions;
    private final AddressHashes hashes;
    private final SubscriberMails mails;
    private final SignedTokens tokens;
    private final SubscriberConfig config;
    private final Clock clock;
    private final Events events;
    private final Confirmations confirmations;

    Subscriptions(Publications publications, Suppressions suppressions, AddressHashes hashes, SubscriberMails mails,
            SignedTokens tokens, SubscriberConfig config, Clock clock, Events events, Confirmations confirmations) {
        this.events = events;
        this.confirmations = confirmations;
        this.publications = publications;
        this.suppressions = suppressions;
        this.hashes = hashes;
        this.mails = mails;
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
    }

    /** The public publication, or 404 {@code publication_not_found}. */
    PublicationRef publicPublication(String slug) {
        return publications.findPublic(slug).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                "publication_not_found", "No such publication"));
    }

    /**
     * A subscribe request from the form. New, pending and unsubscribed addresses get a
     * confirmation email (at most one per resend interval); active ones and suppressed ones get
     * nothing, and neither does a request whose honeypot field is filled. Invalid input is refused
     * before anything is stored.
     */
    PublicationRef subscribe(String slug, String email, String name, String honeypot, String ip) {
        PublicationRef publication = publicPublication(slug);
        if (honeypot != null && !honeypot.isEmpty()) {
            return publication; // a person never fills it in: a bot gets the same answer, and nothing happens
        }
        if (email == null || email.isBlank()) {
            throw DomainException.invalidField("email", "required", "must not be blank");
        }
        if (Encoding.hasReplacement(email)) {
            throw Encoding.invalid("email");
        }
        String address = EmailAddresses.normalize(email).orElseThrow(
                () -> DomainException.invalidField("email", "invalid_email", "must be a valid email address"));
        String cleanName = Names.clean("name", name);
        try {
            // the confirmation is recorded with the subscription: both commit or neither does
            QuarkusTransaction.requiringNew().run(() -> record(publication, address, cleanName, ip)
                    .ifPresent(p -> mails.sendConfirmation(publication,
                            new SubscriberMails.Recipient(p.subscriberId(), address, p.name()), p.consentId())));
        } catch (PersistenceException raced) {
            // a concurrent request for the same address won; it sends the mail
        }
        return publication;
    }

    private record Pending(long subscriberId, long consentId, String name) {
    }

    private Optional<Pending> record(PublicationRef publication, String address, String name, String ip) {
        String hash = hashes.of(address);
        if (suppressions.blocksForm(publication.id(), hash)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Subscriber subscriber = Subscriber.byEmail(publication.id(), address).orElse(null);
        if (subscriber == null) {
            subscriber = new Subscriber();
            subscriber.publicationId = publication.id();
            subscriber.email = address;
            subscriber.emailHash = hash;
            subscriber.name = name;
            subscriber.status = SubscriberStatus.pending;
            subscriber.createdAt = now;
            subscriber.updatedAt = now;
            subscriber.persistAndFlush();
            events.emit(EventType.SUBSCRIBER_CREATED, subscriber.publicationId, subscriber.eventData());
        } else if (subscriber.status != SubscriberStatus.pending && subscriber.status != SubscriberStatus.unsubscribed) {
            return Optional.empty(); // active: nothing to do; bounced or complained: never mailed again
        } else if (recentlyAsked(subscriber.id, now)) {
            return Optional.empty();
        }
        Consent consent = new Consent();
        consent.subscriberId = subscriber.id;
        consent.source = Consent.FORM;
        consent.method = "double_opt_in";
        consent.givenAt = now;
        consent.ip = ip;
        consent.wording = ConsentWording.forForm(publication);
        consent.policyVersion = config.policyVersion();
        consent.persistAndFlush();
        // the name typed now goes into this email only: a stranger's form never changes a known subscriber's name
        return Optional.of(new Pending(subscriber.id, consent.id, name != null ? name : subscriber.name));
    }

    private boolean recentlyAsked(long subscriberId, Instant now) {
        return Consent.count("subscriberId = ?1 and confirmedAt is null and givenAt > ?2", subscriberId,
                now.minus(config.confirmResendInterval())) > 0;
    }

    /**
     * What the confirmation link's page shows before the person presses its button: reads, never
     * writes (mail scanners fetch every link). {@code confirmed} here means the button has nothing
     * left to do.
     */
    ConfirmResult confirmPage(String token) {
        long[] ids = confirmIds(token);
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscriber s = Subscriber.findById(ids[0]);
            Consent consent = Consent.findById(ids[1]);
            if (s == null || consent == null || consent.subscriberId != ids[0]) {
                throw invalidToken();
            }
            PublicationRef publication = publications.findById(s.publicationId).orElseThrow(Subscriptions::invalidToken);
            if (consent.confirmedAt != null || s.status == SubscriberStatus.active) {
                return new ConfirmResult(publication, Confirmation.already_confirmed);
            }
            if (s.status == SubscriberStatus.bounced || s.status == SubscriberStatus.complained
                    || suppressions.blocksForm(s.publicationId, s.emailHash)) {
                return new ConfirmResult(publication, Confirmation.unavailable);
            }
            return new ConfirmResult(publication, Confirmation.confirmed);
        });
    }

    /**
     * The button of the confirmation page: the subscriber becomes active and gets a welcome email,
     * the platform's or the first step of the publication's welcome sequence (see {@link Confirmations}).
     */
    CompletableFuture<ConfirmResult> confirm(String token, String ip) {
        long[] ids = confirmIds(token);
        return confirmations.confirm(ids[0], ids[1], ip);
    }

    /** The subscriber and consent ids a confirmation token is signed for. */
    private long[] confirmIds(String token) {
        String subject = tokens.verify(SubscriberLinks.CONFIRM, token).orElseThrow(Subscriptions::invalidToken);
        int colon = subject.indexOf(':');
        try {
            return new long[]{Long.parseLong(subject.substring(0, colon)), Long.parseLong(subject.substring(colon + 1))};
        } catch (RuntimeException e) {
            throw invalidToken();
        }
    }

    static DomainException invalidToken() {
        return new DomainException(DomainException.Kind.NOT_FOUND, "invalid_token",
                "This link is not valid (it may have expired, or been changed)");
    }
}
