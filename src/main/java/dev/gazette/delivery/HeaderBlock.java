package dev.gazette.delivery;

import java.nio.charset.StandardCharsets;

import dev.gazette.core.HeaderValues;

/**
 * The header lines of an issue email, written straight to the bytes that go on the wire (see
 * {@link EncodedBody} for the body), folded at spaces. Values must already be ASCII (addresses and
 * RFC 2047 encoded words); a value with a line break is refused, so nothing a writer typed can add
 * a header.
 */
final class HeaderBlock {

    /** RFC 5322 recommends lines of at most 78 characters; longer words stay whole (up to 998). */
    private static final int FOLD_AT = 78;

    private final StringBuilder head = new StringBuilder(1024);

    /** Adds a header, folded at spaces where its line would pass 78 characters. */
    HeaderBlock header(String name, String value) {
        String checked = HeaderValues.requireSingleLine(name, value);
        for (int i = 0; i < checked.length(); i++) {
            char c = checked.charAt(i);
            if (c > 0x7e || (c < 0x20 && c != '\t')) {
                throw new IllegalArgumentException(name + " must be ASCII once encoded");
            }
        }
        int lineStart = head.length();
        head.append(name).append(':');
        for (String word : checked.split(" ", -1)) {
            if (head.length() - lineStart + 1 + word.length() > FOLD_AT && head.length() - lineStart > name.length() + 1) {
                head.append("\r\n");
                lineStart = head.length();
            }
            head.append(' ').append(word);
        }
        head.append("\r\n");
        return this;
    }

    /** The header block, closed with the MIME headers of a multipart/alternative body with this boundary. */
    byte[] bytes(String boundary) {
        header("MIME-Version", "1.0");
        header("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        return head.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
