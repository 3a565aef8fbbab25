package dev.gazette.subscriber;

import java.util.List;

import dev.gazette.core.DomainException;
import dev.gazette.core.FieldError;

/**
 * Text that arrived as bytes which were not UTF-8 shows the replacement character U+FFFD where the
 * bad bytes were (form decoding substitutes it): such input is refused rather than stored garbled.
 */
final class Encoding {

    private Encoding() {
    }

    static boolean isCleanText(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\uFFFD' || c == 0 || (Character.isISOControl(c) && c != '\t')) {
                return false;
            }
        }
        return true;
    }

    /** Whether undecodable bytes were replaced somewhere in this text. */
    static boolean hasReplacement(String value) {
        return value != null && value.indexOf('\uFFFD') >= 0;
    }

    static DomainException invalid(String field) {
        return new DomainException(DomainException.Kind.INVALID, "invalid_encoding",
                "The request is not valid UTF-8 text", List.of(new FieldError(field, "invalid_encoding",
                        "must be valid UTF-8 text")),
                null);
    }
}
