package dev.gazette.issue;

/** Where an issue is in its life; stored in lower case, as named here. */
public enum IssueStatus {
    /** Being written; never public. */
    draft,
    /** Waiting for its send time. */
    scheduled,
    /** Started: the delivery engine is sending it. */
    sending,
    /** A send the writer paused (the delivery engine's state). */
    paused,
    /** Every delivery done: public on the web. */
    sent,
    /** Cancelled before it started. */
    cancelled
}
