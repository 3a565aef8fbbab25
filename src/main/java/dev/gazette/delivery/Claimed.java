package dev.gazette.delivery;

/** A delivery row this instance holds a lease on, with what it needs to send. */
record Claimed(long id, long sendId, Long subscriberId, String messageId, int attempts) {
}
