package dev.gazette.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signed, purpose-bound tokens for links in mail and pages (confirm, unsubscribe, preferences,
 * tracking, feedback...). A token names its subject (a subscriber id, a delivery id, ...) and an
 * optional expiry, and is HMAC-SHA256-signed together with its purpose: a token made for one
 * purpose is refused for any other, and nobody without the key can make or alter one.
 * <p>
 * The key is {@code gazette.secret} (env {@code GAZETTE_SECRET}); when unset, a random key is made
 * once and kept in the database, so that every instance agrees and links survive restarts.
 */
@ApplicationScoped
public class SignedTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Optional<String> configuredSecret;
    private final EntityManager entityManager;
    private final Clock clock;
    private volatile SecretKeySpec key;

    SignedTokens(@ConfigProperty(name = "gazette.secret") Optional<String> configuredSecret,
            EntityManager entityManager, Clock clock) {
        this.configuredSecret = configuredSecret.filter(s -> !s.isBlank());
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** A token for this purpose and subject, valid until {@code expiresAt} (null: no expiry). */
    public String sign(String purpose, String subject, Instant expiresAt) {
        String payload = subject + "|" + (expiresAt == null ? "" : Long.toString(expiresAt.getEpochSecond()));
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(purpose, body));
    }

    public String sign(String purpose, long subject) {
        return sign(purpose, Long.toString(subject), null);
    }

    /** The subject of a valid, unexpired token of this purpose; empty for anything else. */
    public Optional<String> verify(String purpose, String token) {
        if (token == null || token.length() > 1024) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] body;
        byte[] signature;
        try {
            body = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // one token, one spelling: base64 leaves spare bits in the last character, which a decoder ignores
        if (!ENCODER.encodeToString(body).equals(token.substring(0, dot))
                || !ENCODER.encodeToString(signature).equals(token.substring(dot + 1))) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(signature, mac(purpose, body))) {
            return Optional.empty();
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        int bar = payload.lastIndexOf('|');
        if (bar < 0) {
            return Optional.empty();
        }
        String expiry = payload.substring(bar + 1);
        if (!expiry.isEmpty() && Instant.ofEpochSecond(Long.parseLong(expiry)).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(payload.substring(0, bar));
    }

    public Optional<Long> verifyId(String purpose, String token) {
        return verify(purpose, token).flatMap(subject -> {
            try {
                return Optional.of(Long.parseLong(subject));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private byte[] mac(String purpose, byte[] body) {
        try {
            Mac mac = macs.get();
            if (mac == null) {
                // one per thread, keyed once: the sending path signs several links per message
                mac = Mac.getInstance("HmacSHA256");
                mac.init(key());
                macs.set(mac);
            }
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private final ThreadLocal<Mac> macs = new ThreadLocal<>();

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(configuredSecret.map(s -> s.getBytes(StandardCharsets.UTF_8))
                            .orElseGet(this::storedSecret), "HmacSHA256");
                }
                current = key;
            }
        }
        return current;
    }

    /** The generated key, made by whichever instance asks first. */
    private byte[] storedSecret() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return QuarkusTransaction.requiringNew().call(() -> {
            // insert ours unless another instance already did; then everyone reads the winner
            entityManager.createNativeQuery(
                    "INSERT INTO platform_secret (name, value) VALUES ('token-signing', ?1) ON CONFLICT (name) DO NOTHING")
                    .setParameter(1, fresh).executeUpdate();
            return (byte[]) entityManager.createNativeQuery(
                    "SELECT value FROM platform_secret WHERE name = 'token-signing'").getSingleResult();
        });
    }
}
