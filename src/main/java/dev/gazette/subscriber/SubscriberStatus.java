package dev.gazette.subscriber;

/** Where a subscriber stands. Only {@code active} subscribers are mailed issues. */
public enum SubscriberStatus {
    /** Subscribed by form, waiting for the confirmation link to be followed. */
    pending, active, unsubscribed,
    /** A hard bounce: the address does not exist. */
    bounced,
    /** The subscriber reported a message as spam. */
    complained
}
