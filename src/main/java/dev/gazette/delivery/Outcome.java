package dev.gazette.delivery;

/** What happened to one claimed delivery, to be written back in a batch. */
record Outcome(Claimed delivery, SmtpOutcome result) {
}
