package dev.gazette.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * DKIM signatures (RFC 6376) for the messages the engine writes: rsa-sha256, relaxed/relaxed, over
 * the configured headers the message has. Apache jDKIM parsed each whole message with a MIME
 * parser before signing, which cost more than the RSA signature itself; the engine's messages are
 * already canonical bytes, so this signer only hashes them. jDKIM still verifies them in the tests.
 */
final class DkimSigner {

    private final PrivateKey key;
    private final String domain;
    private final String selector;
    private final List<String> signedHeaders;
    private final ThreadLocal<Signature> signatures = new ThreadLocal<>();

    DkimSigner(PrivateKey key, String domain, String selector, List<String> signedHeaders) {
        this.key = key;
        this.domain = domain;
        this.selector = selector;
        this.signedHeaders = signedHeaders;
    }

    /** The message with its DKIM-Signature header in front. */
    byte[] sign(byte[] message) throws GeneralSecurityException {
        int bodyStart = bodyStart(message);
        List<String[]> headers = headers(message, bodyStart);
        List<String[]> signed = new ArrayList<>();
        for (String name : signedHeaders) {
            for (int i = headers.size() - 1; i >= 0; i--) {
                if (headers.get(i)[0].equalsIgnoreCase(name)) {
                    signed.add(headers.get(i));
                    break;
                }
            }
        }
        String bodyHash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(relaxedBody(message, bodyStart)));
        StringBuilder names = new StringBuilder();
        for (String[] header : signed) {
            names.append(names.isEmpty() ? "" : ":").append(header[0].toLowerCase(Locale.ROOT));
        }
        String unsigned = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector
                + ";\r\n\th=" + names + ";\r\n\tbh=" + bodyHash + ";\r\n\tb=";
        StringBuilder input = new StringBuilder(1024);
        for (String[] header : signed) {
            input.append(relaxedHeader(header[1])).append("\r\n");
        }
        input.append(relaxedHeader(unsigned)); // the signature's own header, b= empty, without its line break
        Signature rsa = rsa();
        rsa.update(input.toString().getBytes(StandardCharsets.UTF_8));
        String b = Base64.getEncoder().encodeToString(rsa.sign());
        StringBuilder header = new StringBuilder(unsigned);
        for (int i = 0; i < b.length(); i += 72) {
            header.append(i == 0 ? "" : "\r\n\t").append(b, i, Math.min(b.length(), i + 72));
        }
        byte[] head = header.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + message.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(message, 0, out, head.length, message.length);
        return out;
    }

    /** The domain of the From header's address, lower case: the domain a DMARC-aligned signature must name. */
    static Optional<String> fromDomain(byte[] message) {
        for (String[] header : headers(message, bodyStart(message))) {
            if (header[0].equalsIgnoreCase("From")) {
                String value = header[1].substring(header[1].indexOf(':') + 1).replace("\r\n", "");
                int open = value.lastIndexOf('<');
                String address = open >= 0 && value.indexOf('>', open) > open
                        ? value.substring(open + 1, value.indexOf('>', open))
                        : value.strip().split("[\\s(]", 2)[0]; // "address (name)", as the mail encoder writes it
                int at = address.lastIndexOf('@');
                return at < 0 ? Optional.empty() : Optional.of(address.substring(at + 1).strip().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private Signature rsa() throws GeneralSecurityException {
        Signature rsa = signatures.get();
        if (rsa == null) {
            rsa = Signature.getInstance("SHA256withRSA");
            signatures.set(rsa);
        }
        rsa.initSign(key);
        return rsa;
    }

    /** Where the body begins: after the blank line that ends the headers. */
    private static int bodyStart(byte[] m) {
        for (int i = 0; i + 3 < m.length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
                return i + 4;
            }
        }
        return m.length;
    }

    /** Each header as {name, whole header with its folding}, in order. */
    private static List<String[]> headers(byte[] m, int bodyStart) {
        String block = new String(m, 0, Math.max(0, bodyStart - 2), StandardCharsets.US_ASCII);
        List<String[]> headers = new ArrayList<>();
        for (String line : block.split("\r\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
                String[] last = headers.get(headers.size() - 1);
                last[1] = last[1] + "\r\n" + line;
            } else if (line.indexOf(':') > 0) {
                headers.add(new String[]{line.substring(0, line.indexOf(':')).trim(), line});
            }
        }
        return headers;
    }

    /** RFC 6376 3.4.2: name in lower case, unfolded, runs of white space as one space, none around the colon or at the end. */
    static String relaxedHeader(String header) {
        int colon = header.indexOf(':');
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).replace("\r\n", "").replaceAll("[ \t]+", " ").strip();
        return name + ":" + value;
    }

    /** RFC 6376 3.4.4: runs of white space as one space, none at line ends, no empty lines at the end. */
    static byte[] relaxedBody(byte[] m, int from) {
        byte[] out = new byte[m.length - from + 2];
        int length = 0;
        boolean space = false;
        for (int i = from; i < m.length; i++) {
            byte b = m[i];
            if (b == ' ' || b == '\t') {
                space = true;
                continue;
            }
            if (b == '\r' && i + 1 < m.length && m[i + 1] == '\n') {
                space = false; // white space at a line's end goes
                out[length++] = '\r';
                out[length++] = '\n';
                i++;
                continue;
            }
            if (space) {
                out[length++] = ' ';
                space = false;
            }
            out[length++] = b;
        }
        return trimEmptyLines(out, length);
    }

    /** Drops the empty lines at the end; a body that does not end with CRLF gets one (empty stays empty). */
    private static byte[] trimEmptyLines(byte[] out, int length) {
        while (length >= 4 && out[length - 1] == '\n' && out[length - 2] == '\r' && out[length - 3] == '\n'
                && out[length - 4] == '\r') {
            length -= 2;
        }
        if (length == 2 && out[0] == '\r' && out[1] == '\n') {
            length = 0;
        }
        if (length > 0 && !(length >= 2 && out[length - 2] == '\r' && out[length - 1] == '\n')) {
            out[length++] = '\r';
            out[length++] = '\n';
        }
        return java.util.Arrays.copyOf(out, length);
    }
}
