package dev.gazette.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's verification of the Standard Webhooks scheme, written from the specification and
 * apart from Gazette's signer: the key is the base64 after {@code whsec_}; the signed content is
 * {@code webhook-id.webhook-timestamp.body}; the header holds space-separated {@code v1,<base64>}
 * signatures, any one of which may match (compared in constant time).
 */
final class StandardWebhooks {

    private StandardWebhooks() {
    }

    static boolean verify(String secret, String id, String timestamp, String signatures, byte[] body) throws Exception {
        if (id == null || timestamp == null || signatures == null || !timestamp.matches("\\d+")) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.replaceFirst("^whsec_", "")), "HmacSHA256"));
        byte[] signed = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[signed.length + body.length];
        System.arraycopy(signed, 0, content, 0, signed.length);
        System.arraycopy(body, 0, content, signed.length, body.length);
        byte[] expected = mac.doFinal(content);
        for (String entry : signatures.split(" ")) {
            int comma = entry.indexOf(',');
            if (comma > 0 && entry.substring(0, comma).equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(entry.substring(comma + 1)))) {
                return true;
            }
        }
        return false;
    }

    static boolean verify(String secret, Receiver.Request request) throws Exception {
        return verify(secret, request.header("webhook-id"), request.header("webhook-timestamp"),
                request.header("webhook-signature"), request.body());
    }
}
