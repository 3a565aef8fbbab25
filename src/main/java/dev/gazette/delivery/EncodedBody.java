package dev.gazette.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gazette.issue.IssueRenderer;

/**
 * The body of an issue email, a {@code multipart/alternative} of text and HTML, encoded once per
 * send and personalised per message without encoding it again. Each part is cut at the stand-ins
 * where a recipient's own links go; the pieces between them are encoded in advance, and a message
 * encodes only its links and joins the pieces.
 * <p>
 * That works because both transfer encodings may end a line early (RFC 2045 asks only that lines
 * stay within 76 characters): a quoted-printable piece ends with a soft line break, and a base64
 * piece ends on a whole group of three bytes. For base64 each piece is kept encoded from three
 * starting offsets, so that the bytes left over from a link can be made whole with the first
 * bytes of the next piece.
 */
final class EncodedBody {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SOFT_BREAK = {'=', '\r', '\n'};
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, CRLF);

    private final byte[] textHead;
    private final Part text;
    private final byte[] htmlHead;
    private final Part html;
    private final byte[] end;

    private EncodedBody(String boundary, Part text, Part html) {
        this.textHead = partHead(boundary, "text/plain", text.base64);
        this.text = text;
        this.htmlHead = partHead(boundary, "text/html", html.base64);
        this.html = html;
        this.end = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The body of these two parts; {@code standIns} are the strings each message replaces with its
     * own (ASCII) links, escaped for HTML in the HTML part. A message without stand-ins is
     * encoded once, for itself.
     */
    static EncodedBody of(String boundary, String text, String html, Collection<String> standIns) {
        Pattern cut = standIns.isEmpty()
                ? null
                : Pattern.compile(String.join("|", standIns.stream().map(Pattern::quote).toList()));
        return new EncodedBody(boundary, Part.of(canonical(text), cut), Part.of(canonical(html), cut));
    }

    /** The whole message: these header lines, then the body with this message's links in place. */
    byte[] write(byte[] headers, Map<String, String> links) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(headers.length + text.size + html.size + 1024);
        out.writeBytes(headers);
        out.writeBytes(CRLF);
        out.writeBytes(textHead);
        text.write(out, links, false);
        out.writeBytes(htmlHead);
        html.write(out, links, true);
        out.writeBytes(end);
        return out.toByteArray();
    }

    private static byte[] partHead(String boundary, String type, boolean base64) {
        return ("--" + boundary + "\r\nContent-Type: " + type + "; charset=UTF-8\r\nContent-Transfer-Encoding: "
                + (base64 ? "base64" : "quoted-printable") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Text line breaks as CRLF, the canonical form of text parts (RFC 2045). */
    private static String canonical(String text) {
        return text.indexOf('\n') < 0 || text.contains("\r\n") ? text : text.replace("\n", "\r\n");
    }

    /** One part: its pieces (raw and encoded) and the stand-ins between them. */
    private static final class Part {
        final boolean base64;
        final byte[][] raw;
        /** Per piece, its encoding from byte 0, 1 and 2 (base64) or from byte 0 only (quoted-printable). */
        final byte[][][] encoded;
        /** Per piece and starting offset, where the bytes left unencoded (fewer than three) begin. */
        final int[][] rest;
        final String[] standIns;
        final int size;

        private Part(boolean base64, List<byte[]> raw, List<String> standIns) {
            this.base64 = base64;
            this.raw = raw.toArray(byte[][]::new);
            this.standIns = standIns.toArray(String[]::new);
            this.encoded = new byte[this.raw.length][][];
            this.rest = new int[this.raw.length][];
            int total = 0;
            int offsets = base64 && this.raw.length > 1 ? 3 : 1;
            for (int i = 0; i < this.raw.length; i++) {
                byte[] piece = this.raw[i];
                encoded[i] = new byte[offsets][];
                rest[i] = new int[offsets];
                for (int from = 0; from < offsets; from++) {
                    if (base64) {
                        int whole = from >= piece.length ? from : from + (piece.length - from) / 3 * 3;
                        encoded[i][from] = lines(BASE64.encode(Arrays.copyOfRange(piece, Math.min(from, piece.length),
                                Math.min(whole, piece.length))));
                        rest[i][from] = Math.min(whole, piece.length);
                    } else {
                        encoded[i][from] = quotedPrintable(piece);
                    }
                }
                total += encoded[i][0].length;
            }
            this.size = total;
        }

        static Part of(String content, Pattern cut) {
            List<byte[]> raw = new ArrayList<>();
            List<String> standIns = new ArrayList<>();
            int nonAscii = 0;
            int bytes = 0;
            int at = 0;
            Matcher m = cut == null ? null : cut.matcher(content);
            while (m != null && m.find()) {
                raw.add(content.substring(at, m.start()).getBytes(StandardCharsets.UTF_8));
                standIns.add(m.group());
                at = m.end();
            }
            raw.add(content.substring(at).getBytes(StandardCharsets.UTF_8));
            for (byte[] piece : raw) {
                bytes += piece.length;
                for (byte b : piece) {
                    nonAscii += b < 0 ? 1 : 0;
                }
            }
            // as mail libraries choose: quoted-printable for mostly ASCII (English), base64 otherwise
            return new Part(nonAscii * 3 >= bytes && bytes > 0, raw, standIns);
        }

        void write(ByteArrayOutputStream out, Map<String, String> links, boolean escape) {
            if (!base64) {
                for (int i = 0; i < raw.length; i++) {
                    if (i > 0) {
                        out.writeBytes(quotedPrintable(link(links, standIns[i - 1], escape)));
                    }
                    out.writeBytes(encoded[i][0]);
                }
                out.writeBytes(CRLF); // belongs to the boundary that follows, so a line break the text ends with stays
                return;
            }
            byte[] carry = new byte[0];
            for (int i = 0; i < raw.length; i++) {
                int from = 0;
                if (i > 0) {
                    byte[] link = link(links, standIns[i - 1], escape);
                    int pending = carry.length + link.length;
                    from = Math.min((3 - pending % 3) % 3, raw[i].length);
                    byte[] joined = new byte[pending + from];
                    System.arraycopy(carry, 0, joined, 0, carry.length);
                    System.arraycopy(link, 0, joined, carry.length, link.length);
                    System.arraycopy(raw[i], 0, joined, pending, from);
                    int whole = joined.length / 3 * 3;
                    out.writeBytes(lines(BASE64.encode(Arrays.copyOf(joined, whole))));
                    if (whole < joined.length) {
                        carry = Arrays.copyOfRange(joined, whole, joined.length); // the piece was too short
                        continue;
                    }
                }
                out.writeBytes(encoded[i][from]);
                carry = Arrays.copyOfRange(raw[i], rest[i][from], raw[i].length);
            }
            out.writeBytes(lines(BASE64.encode(carry)));
        }

        private static byte[] link(Map<String, String> links, String standIn, boolean escape) {
            String link = links.get(standIn);
            if (link == null) {
                throw new IllegalStateException("no link for " + standIn);
            }
            return (escape ? IssueRenderer.escape(link) : link).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Encoded lines end with CRLF; nothing at all for nothing (a blank line in base64 looks suspicious). */
    private static byte[] lines(byte[] encoded) {
        if (encoded.length == 0) {
            return encoded;
        }
        byte[] out = Arrays.copyOf(encoded, encoded.length + 2);
        out[encoded.length] = '\r';
        out[encoded.length + 1] = '\n';
        return out;
    }

    /** A piece in quoted-printable from the start of a line, ending with a line break (soft unless its own). */
    private static byte[] quotedPrintable(byte[] piece) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(piece.length + piece.length / 8 + 8);
        quotedPrintable(out, piece);
        byte[] encoded = out.toByteArray();
        if (encoded.length == 0) {
            return encoded;
        }
        boolean endsWithBreak = piece.length >= 2 && piece[piece.length - 2] == '\r' && piece[piece.length - 1] == '\n';
        if (endsWithBreak) {
            return encoded;
        }
        byte[] withBreak = Arrays.copyOf(encoded, encoded.length + SOFT_BREAK.length);
        System.arraycopy(SOFT_BREAK, 0, withBreak, encoded.length, SOFT_BREAK.length);
        return withBreak;
    }

    /**
     * RFC 2045 section 6.7: CRLF stays a line break; printable ASCII stays itself except {@code =};
     * everything else, a space before a line break, and a dot opening a line become {@code =XX};
     * soft line breaks keep every line within 76 characters.
     */
    private static void quotedPrintable(ByteArrayOutputStream out, byte[] in) {
        byte[] line = new byte[80];
        int column = 0;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xff;
            if (b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
                out.write(line, 0, column);
                out.writeBytes(CRLF);
                column = 0;
                i++;
                continue;
            }
            boolean atLineEnd = i + 1 == in.length || in[i + 1] == '\r';
            boolean literal = (b >= 33 && b <= 126 && b != '=' && !(b == '.' && column == 0))
                    || ((b == ' ' || b == '\t') && !atLineEnd);
            int width = literal ? 1 : 3;
            if (column + width > 75) {
                out.write(line, 0, column);
                out.write('=');
                out.writeBytes(CRLF);
                column = 0;
                if (b == '.') {
                    literal = false;
                    width = 3;
                }
            }
            if (literal) {
                line[column++] = (byte) b;
            } else {
                line[column++] = '=';
                line[column++] = HEX[b >> 4];
                line[column++] = HEX[b & 0xf];
            }
        }
        out.write(line, 0, column);
    }
}
