package dev.gazette.subscriber;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Mail to a subscriber's signed {@code mailto:} unsubscribe address (RFC 2369), as Gazette's
 * inbound listener receives it: the address authenticates the mail, so it unsubscribes that
 * subscriber at once, like the one-click link, and the consent ledger records it as {@code mailto}.
 */
@ApplicationScoped
public class MailtoUnsubscribes {

    private final SubscriberSelfService self;

    MailtoUnsubscribes(SubscriberSelfService self) {
        this.self = self;
    }

    /** Unsubscribes the subscriber; false when they are gone (erased). Doing it again changes nothing. */
    @Transactional
    public boolean unsubscribe(long subscriberId) {
        return self.unsubscribe(subscriberId, Consent.MAILTO) != null;
    }
}
