package dev.gazette.membership;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Seals Toss billing keys at rest with AES-256-GCM: whoever holds one can charge the reader's card
 * without them, so it is never stored, shown, exported or logged in the clear. The key comes from
 * {@code gazette.payments.toss.sealing-key}, or else a random one kept in {@code platform_secret}
 * and shared by every instance.
 */
@ApplicationScoped
class BillingKeys {

    private static final String PREFIX = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TossConfig config;
    private final EntityManager entityManager;
    private volatile SecretKeySpec key;

    BillingKeys(TossConfig config, EntityManager entityManager) {
        this.config = config;
        this.entityManager = entityManager;
    }

    String seal(String billingKey) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(billingKey.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String open(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("Not a sealed billing key");
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, bytes, 0, 12));
            return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The billing key cannot be opened (was the sealing key changed?)", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    byte[] material = config.sealingKey().map(s -> s.getBytes(StandardCharsets.UTF_8))
                            .orElseGet(this::storedKey);
                    key = new SecretKeySpec(sha256(material), "AES");
                }
                current = key;
            }
        }
        return current;
    }

    private byte[] storedKey() {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        return QuarkusTransaction.requiringNew().call(() -> {
            // ours unless another instance made one first; then everyone reads the winner
            entityManager.createNativeQuery("INSERT INTO platform_secret (name, value) VALUES ('billing-key-sealing', ?1)"
                    + " ON CONFLICT (name) DO NOTHING").setParameter(1, fresh).executeUpdate();
            return (byte[]) entityManager
                    .createNativeQuery("SELECT value FROM platform_secret WHERE name = 'billing-key-sealing'")
                    .getSingleResult();
        });
    }

    private static byte[] sha256(byte[] material) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(material);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
