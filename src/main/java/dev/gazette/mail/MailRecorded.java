package dev.gazette.mail;

/**
 * Fired when a transactional mail is recorded. Observers that wait for the transaction's success
 * ({@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}) learn that a committed row is
 * waiting, so it goes out at once instead of at the next poll.
 */
public record MailRecorded(long id) {
}
