package dev.gazette.event;

/**
 * Fired when webhook deliveries were recorded; observed after the commit
 * ({@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}) so the workers look at once rather
 * than at their next poll.
 */
record DeliveriesRecorded() {
}
