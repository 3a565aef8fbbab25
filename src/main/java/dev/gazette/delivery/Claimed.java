package dev.gazette.delivery;

import java.time.Instant;

/**
 * A delivery row this instance holds a lease on, with what it needs to send.
 *
 * @param sendBefore past this moment the lease is too close to its end to start sending the row:
 *                   another instance could claim it while the message is still in flight
 */
record Claimed(long id, long sendId, Long subscriberId, String messageId, int attempts, Instant sendBefore) {
}
