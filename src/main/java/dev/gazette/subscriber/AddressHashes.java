package dev.gazette.subscriber;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The salted hash of a normalized address (HMAC-SHA256 with a platform salt), the only form in
 * which an erased address survives. The salt is made once and kept in {@code platform_secret}, so
 * every instance computes the same hash and a copy of the suppression table alone reveals nothing.
 */
@ApplicationScoped
class AddressHashes {

    private static final String SALT_NAME = "address-hash-salt";

    private final EntityManager entityManager;
    private volatile SecretKeySpec salt;

    AddressHashes(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The hash of an address already in normal form (see {@code EmailAddresses.normalize}). */
    String of(String normalizedEmail) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(salt());
            return HexFormat.of().formatHex(mac.doFinal(normalizedEmail.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reusable hasher for one thread, for bulk work such as imports. */
    Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(salt());
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(Mac mac, String normalizedEmail) {
        return HexFormat.of().formatHex(mac.doFinal(normalizedEmail.getBytes(StandardCharsets.UTF_8)));
    }

    private SecretKeySpec salt() {
        SecretKeySpec current = salt;
        if (current == null) {
            synchronized (this) {
                if (salt == null) {
                    salt = new SecretKeySpec(storedSalt(), "HmacSHA256");
                }
                current = salt;
            }
        }
        return current;
    }

    private byte[] storedSalt() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return QuarkusTransaction.requiringNew().call(() -> {
            // insert ours unless another instance already did; then everyone reads the winner
            entityManager.createNativeQuery(
                    "INSERT INTO platform_secret (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING")
                    .setParameter(1, SALT_NAME).setParameter(2, fresh).executeUpdate();
            return (byte[]) entityManager.createNativeQuery("SELECT value FROM platform_secret WHERE name = ?1")
                    .setParameter(1, SALT_NAME).getSingleResult();
        });
    }
}
