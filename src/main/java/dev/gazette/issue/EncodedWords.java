package dev.gazette.issue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * RFC 2047 encoded words for a header value (the subject): UTF-8, base64, split on whole code
 * points so that every word stays within 75 characters. ASCII-only values are left alone. The mail
 * client's own encoding loses characters outside the Basic Multilingual Plane (emoji), ours does not.
 */
final class EncodedWords {

    private static final String PREFIX = "=?UTF-8?B?";
    private static final String SUFFIX = "?=";
    /** 75 characters per word, less prefix and suffix, is 63 characters of base64: 45 bytes. */
    private static final int MAX_BYTES = 45;

    private EncodedWords() {
    }

    static String encode(String value) {
        if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        StringBuilder chunk = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < value.length();) {
            int codePoint = value.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int size = character.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_BYTES) {
                word(out, chunk);
                chunk.setLength(0);
                bytes = 0;
            }
            chunk.append(character);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        word(out, chunk);
        return out.toString();
    }

    private static void word(StringBuilder out, CharSequence chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(PREFIX)
                .append(Base64.getEncoder().encodeToString(chunk.toString().getBytes(StandardCharsets.UTF_8)))
                .append(SUFFIX);
    }
}
