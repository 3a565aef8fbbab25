package dev.gazette.subscriber;

import dev.gazette.core.DomainException;
import dev.gazette.core.HeaderValues;

/** A subscriber's name as typed: trimmed, single line, valid text, at most 200 characters; blank is none. */
final class Names {

    private Names() {
    }

    static String clean(String field, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String clean = name.strip();
        if (clean.length() > SubscriberRequests.NAME_MAX) {
            throw DomainException.invalidField(field, "invalid_length",
                    "at most " + SubscriberRequests.NAME_MAX + " characters");
        }
        if (HeaderValues.hasLineBreak(clean)) {
            throw DomainException.invalidField(field, "line_break", "must not contain line breaks");
        }
        if (!Encoding.isCleanText(clean)) {
            throw Encoding.invalid(field);
        }
        return clean;
    }
}
