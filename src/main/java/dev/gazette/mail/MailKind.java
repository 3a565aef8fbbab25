package dev.gazette.mail;

/** What a transactional mail is for; stored by name in {@code mail.kind}. */
public enum MailKind {
    /** The double opt-in link of a subscription. */
    subscription_confirmation,
    /** The welcome once a subscription is confirmed. */
    welcome,
    /** The link that publishes a comment written without a reader link. */
    comment_confirmation,
    /** The link that delivers a note to the writer. */
    note_confirmation,
    /** A writer hearing of a comment, a note or a paid tip. */
    writer_notice,
    /** An issue's test message to the writer's own addresses. */
    test_send,
    /** Mail about an account, such as a signup with an address that already has one. */
    account,
    /** What Korean law asks an advertising publication to tell a subscriber of their consent. */
    consent_notice,
    /** A reader's link to become a paid member, asked for on the publication's page. */
    membership
}
