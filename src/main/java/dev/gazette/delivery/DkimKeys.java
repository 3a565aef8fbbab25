package dev.gazette.delivery;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DKIM private key as operators have it: PEM as {@code openssl genpkey} writes it (PKCS#8,
 * {@code BEGIN PRIVATE KEY}), the older PKCS#1 PEM ({@code BEGIN RSA PRIVATE KEY}), or the DER of
 * either in base64 on one line. Anything else is refused with a message that says what was found.
 */
final class DkimKeys {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, as DER. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
            0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private DkimKeys() {
    }

    /** The RSA private key in the text; IllegalArgumentException with the reason when there is none. */
    static PrivateKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the DKIM private key is empty");
        }
        Matcher pem = PEM.matcher(text);
        if (pem.find()) {
            String type = pem.group(1);
            byte[] der = base64(pem.group(2), "the PEM block " + type);
            return switch (type) {
                case "PRIVATE KEY" -> rsa(der, "a PKCS#8 RSA private key");
                case "RSA PRIVATE KEY" -> rsa(pkcs8(der), "a PKCS#1 RSA private key");
                case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
                        "the DKIM private key is encrypted; write it without a pass phrase (openssl pkcs8 -nocrypt)");
                default -> throw new IllegalArgumentException("the DKIM private key is a PEM '" + type
                        + "', not 'PRIVATE KEY' or 'RSA PRIVATE KEY'");
            };
        }
        if (text.contains("-----BEGIN")) {
            throw new IllegalArgumentException("the DKIM private key's PEM block is incomplete (no matching END line)");
        }
        byte[] der = base64(text, "the DKIM private key");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException notPkcs8) {
            return rsa(pkcs8(der), "an RSA private key in PKCS#8 or PKCS#1 DER");
        }
    }

    private static byte[] base64(String text, String what) {
        try {
            return Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64: " + e.getMessage());
        }
    }

    private static PrivateKey rsa(byte[] pkcs8, String expected) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the DKIM private key is not " + expected + ": " + e.getMessage());
        }
    }

    /** A PKCS#1 RSAPrivateKey wrapped as the PKCS#8 PrivateKeyInfo Java reads (RFC 5208). */
    private static byte[] pkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[]{0x02, 0x01, 0x00}); // version 0
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04); // OCTET STRING holding the PKCS#1 key
        body.writeBytes(length(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(0x30);
        info.writeBytes(length(body.size()));
        info.writeBytes(body.toByteArray());
        return info.toByteArray();
    }

    /** A DER length: one byte below 128, else the count of length bytes, then the length big-endian. */
    private static byte[] length(int n) {
        if (n < 0x80) {
            return new byte[]{(byte) n};
        }
        int bytes = n < 0x100 ? 1 : n < 0x10000 ? 2 : 3;
        byte[] out = new byte[bytes + 1];
        out[0] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            out[bytes - i] = (byte) (n >>> (8 * i));
        }
        return out;
    }
}
