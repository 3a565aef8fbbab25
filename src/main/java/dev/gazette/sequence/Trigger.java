package dev.gazette.sequence;

import java.util.Locale;

import dev.gazette.core.DomainException;

/** What starts a sequence for a subscriber; the column value is the name. */
enum Trigger {
    /** The subscriber became active: confirmed their subscription, or was added by the writer one at a time. */
    confirmed,
    /** The subscriber joined a topic (a tag): picked it, or was given it. */
    topic,
    /** The subscriber became a paid member; see {@link SequenceTriggers#becamePaidMember}. */
    paid;

    static Trigger parse(String value) {
        try {
            return Trigger.valueOf(value == null ? "" : value.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidField("trigger", "invalid_trigger", "must be confirmed, topic or paid");
        }
    }
}
