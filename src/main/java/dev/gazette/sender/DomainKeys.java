package dev.gazette.sender;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The domains' DKIM keys: made here (RSA 2048), stored as base64 PKCS#8, sealed with AES-GCM under
 * {@code gazette.domains.key-secret} when one is set ({@code gcm:} in front), and opened again
 * only to sign. The private half is never shown.
 */
@ApplicationScoped
class DomainKeys {

    private static final String SEALED = "gcm:";
    private static final String PLAIN = "plain:";
    private static final int NONCE_BYTES = 12;

    private final Optional<SecretKeySpec> secret;
    private final SecureRandom random = new SecureRandom();

    DomainKeys(SenderDomainConfig config) {
        this.secret = config.keySecret().filter(s -> !s.isBlank()).map(DomainKeys::aesKey);
    }

    /** A new key pair: the public half as the DKIM record's {@code p=}, the private half sealed for storage. */
    record Made(String publicKey, String sealedPrivateKey) {
    }

    Made make() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair pair = generator.generateKeyPair();
            return new Made(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                    seal(pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("An RSA key pair could not be made", e);
        }
    }

    PrivateKey open(String stored) {
        try {
            byte[] pkcs8;
            if (stored.startsWith(SEALED)) {
                ByteBuffer sealed = ByteBuffer.wrap(Base64.getDecoder().decode(stored.substring(SEALED.length())));
                byte[] nonce = new byte[NONCE_BYTES];
                sealed.get(nonce);
                byte[] box = new byte[sealed.remaining()];
                sealed.get(box);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, secret.orElseThrow(
                        () -> new IllegalStateException("a sealed DKIM key needs gazette.domains.key-secret")),
                        new GCMParameterSpec(128, nonce));
                pkcs8 = cipher.doFinal(box);
            } else {
                pkcs8 = Base64.getDecoder().decode(stored.substring(PLAIN.length()));
            }
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sender domain's DKIM key cannot be opened (is the key secret the same?)", e);
        }
    }

    private String seal(byte[] pkcs8) throws GeneralSecurityException {
        if (secret.isEmpty()) {
            return PLAIN + Base64.getEncoder().encodeToString(pkcs8);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, secret.get(), new GCMParameterSpec(128, nonce));
        byte[] box = cipher.doFinal(pkcs8);
        return SEALED + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + box.length).put(nonce)
                .put(box).array());
    }

    private static SecretKeySpec aesKey(String secret) {
        try {
            return new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)),
                    "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
