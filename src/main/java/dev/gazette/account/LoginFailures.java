package dev.gazette.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Failed password logins per account, in the database so that every instance counts them: the
 * {@code login-failure-limit}-th failure within {@code login-failure-window} locks the account's
 * password logins for {@code login-lockout}. Per-client limits cannot stop a guesser with many
 * addresses; this stops them per account. Sessions and API tokens already issued keep working.
 */
@ApplicationScoped
class LoginFailures {

    private final EntityManager entityManager;
    private final AuthConfig config;
    private final Clock clock;

    LoginFailures(EntityManager entityManager, AuthConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    /** Whether this account's password logins are locked now. */
    boolean locked(long accountId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                // whether this account's lock runs past now
                "SELECT count(*) FROM account WHERE id = ?1 AND login_locked_until > ?2")
                .setParameter(1, accountId).setParameter(2, Timestamp.from(clock.instant()))
                .getSingleResult()).longValue() > 0);
    }

    /** Counts a failed password login; the one that reaches the limit within the window locks the account. */
    void failed(long accountId) {
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                UPDATE account SET
                    failed_logins = CASE WHEN failed_logins_since IS NULL OR failed_logins_since <= ?1
                        THEN 1 ELSE failed_logins + 1 END,
                    failed_logins_since = CASE WHEN failed_logins_since IS NULL OR failed_logins_since <= ?1
                        THEN ?2 ELSE failed_logins_since END,
                    login_locked_until = CASE WHEN (CASE WHEN failed_logins_since IS NULL OR failed_logins_since <= ?1
                        THEN 1 ELSE failed_logins + 1 END) >= ?3 THEN ?4 ELSE login_locked_until END
                WHERE id = ?5""")
                .setParameter(1, Timestamp.from(now.minus(config.loginFailureWindow())))
                .setParameter(2, Timestamp.from(now))
                .setParameter(3, config.loginFailureLimit())
                .setParameter(4, Timestamp.from(now.plus(config.loginLockout())))
                .setParameter(5, accountId)
                .executeUpdate());
    }

    /** A successful login starts the count again. */
    void succeeded(long accountId) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                // forget the failures of an account that just logged in (no write when there were none)
                "UPDATE account SET failed_logins = 0, failed_logins_since = NULL WHERE id = ?1 AND failed_logins > 0")
                .setParameter(1, accountId).executeUpdate());
    }
}
