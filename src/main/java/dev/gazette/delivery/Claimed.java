package dev.gazette.delivery;

import java.time.Instant;

/**
 * A delivery row this instance holds a lease on, with what it needs to send.
 *
 * @param retrying   whether the row was waiting for a retry when claimed (it keeps that status while leased)
 * @param sendBefore past this moment the lease is too close to its end to start sending the row:
 *                   another instance could claim it while the message is still in flight
 * @param variant    the A/B subject variant the row is sent with; 0 for the issue's own subject
 */
record Claimed(long id, long sendId, Long subscriberId, String messageId, int attempts, boolean retrying,
        Instant sendBefore, int variant) {

    /** A row of a send without a subject test. */
    Claimed(long id, long sendId, Long subscriberId, String messageId, int attempts, boolean retrying, Instant sendBefore) {
        this(id, sendId, subscriberId, messageId, attempts, retrying, sendBefore, 0);
    }
}
