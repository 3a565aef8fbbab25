package dev.gazette.subscriber;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.core.EmailAddresses;

/**
 * Subscribers as the readers of a publication's issues, for features that let them act (comment,
 * like, tip): who a reader is, and the salted hash that stands for an address that is not a
 * subscriber's.
 */
@ApplicationScoped
public class Readers {

    /** What other features may know of an active subscriber. */
    public record Reader(long subscriberId, String email, String name) {
    }

    private final AddressHashes hashes;

    Readers(AddressHashes hashes) {
        this.hashes = hashes;
    }

    /** The subscriber with this id, when active in this publication. */
    @Transactional
    public Optional<Reader> active(long publicationId, long subscriberId) {
        return Subscriber.inPublication(publicationId, subscriberId)
                .filter(s -> s.status == SubscriberStatus.active)
                .map(s -> new Reader(s.id, s.email, s.name == null ? "" : s.name));
    }

    /** The salted hash of an address (normalized first), the same as suppressions keep. */
    public String addressHash(String email) {
        return hashes.of(EmailAddresses.normalize(email).orElse(email.strip()));
    }

    /** The salted hash of anything else that stands for a reader (for example address and browser). */
    public String fingerprint(String value) {
        return hashes.of(value);
    }
}
