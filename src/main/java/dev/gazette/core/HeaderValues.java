package dev.gazette.core;

/**
 * The guard against header injection, shared by everything that builds mail. The mail client
 * writes a CR or LF in a subject or display name straight onto the wire as new header lines, so
 * no such value may ever reach it.
 */
public final class HeaderValues {

    private HeaderValues() {
    }

    public static boolean hasLineBreak(CharSequence value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // CR, LF and the Unicode line and paragraph separators, which some clients fold on
            if (c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** Returns the value, or refuses it with {@code header_injection} naming the field. */
    public static String requireSingleLine(String field, String value) {
        if (hasLineBreak(value)) {
            throw new DomainException(DomainException.Kind.INVALID, "header_injection",
                    "'" + field + "' goes into a mail header and must not contain line breaks",
                    java.util.List.of(new FieldError(field, "line_break", "must not contain line breaks")), null);
        }
        return value;
    }
}
