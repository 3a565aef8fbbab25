package dev.gazette.account;

import java.nio.charset.StandardCharsets;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.core.DomainException;

/** Password policy and hashing (bcrypt). */
@ApplicationScoped
class Passwords {

    static final int MIN_LENGTH = 10;
    /** bcrypt reads at most 72 bytes: a longer password would be silently cut. */
    static final int MAX_BYTES = 72;

    private final int cost;
    /** Compared against when an address is unknown, so that both answers take the same time. */
    private final String decoy;

    Passwords(AuthConfig config) {
        this.cost = config.bcryptCost();
        this.decoy = BcryptUtil.bcryptHash("decoy password, never matched", cost);
    }

    String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    boolean matches(String password, String hash) {
        return password != null && BcryptUtil.matches(password, hash == null ? decoy : hash);
    }

    /** Spends the time of one check against nothing. */
    void spendCheckTime(String password) {
        matches(password == null ? "" : password, decoy);
    }

    static void requireAcceptable(String field, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw DomainException.invalidField(field, "password_too_short",
                    "must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw DomainException.invalidField(field, "password_too_long",
                    "must be at most " + MAX_BYTES + " bytes in UTF-8");
        }
    }
}
