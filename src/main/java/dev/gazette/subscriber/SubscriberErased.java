package dev.gazette.subscriber;

/**
 * Fired (synchronously, inside the erasing transaction) when a subscriber erases their data, just
 * before their row is deleted. Features that keep anything tied to the subscriber or the address
 * (comments, tips, deliveries) observe it and anonymize their rows, so the erasure is complete or
 * nothing happens.
 *
 * @param emailHash the salted hash that stays in the suppression list
 */
public record SubscriberErased(long publicationId, long subscriberId, String email, String emailHash) {
}
