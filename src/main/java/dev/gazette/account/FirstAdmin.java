package dev.gazette.account;

import java.security.SecureRandom;
import java.util.Base64;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import dev.gazette.core.EmailAddresses;

/**
 * Makes sure the platform has an admin. On a database without one, creates the admin configured
 * by {@code GAZETTE_ADMIN_EMAIL} and {@code GAZETTE_ADMIN_PASSWORD}, or else one with one-time
 * credentials printed once in the log. Instances starting together agree through an advisory lock.
 */
@ApplicationScoped
class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);
    /** Advisory lock key: "gazette first admin". */
    private static final long LOCK = 0x6761_7a65_7474_6561L;
    static final String GENERATED_EMAIL = "admin@gazette.localhost";

    private final AccountService accounts;
    private final FirstAdminConfig config;
    private final EntityManager entityManager;

    FirstAdmin(AccountService accounts, FirstAdminConfig config, EntityManager entityManager) {
        this.accounts = accounts;
        this.config = config;
        this.entityManager = entityManager;
    }

    void onStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult();
            if (config.email().isPresent()) {
                ensureConfiguredAdmin(config.email().get());
            } else if (!Account.anyAdmin()) {
                String password = randomPassword();
                accounts.createAdmin(GENERATED_EMAIL, "Admin", password);
                LOG.warnf("%n%n  No admin was configured, so one was created. Shown once, never again:%n"
                        + "    email:    %s%n    password: %s%n"
                        + "  Log in and change the password (POST /api/v1/me/password), or set GAZETTE_ADMIN_EMAIL and "
                        + "GAZETTE_ADMIN_PASSWORD.%n", GENERATED_EMAIL, password);
            }
        });
    }

    private void ensureConfiguredAdmin(String configuredEmail) {
        String email = EmailAddresses.normalize(configuredEmail)
                .orElseThrow(() -> new IllegalStateException("GAZETTE_ADMIN_EMAIL is not a valid email address"));
        if (Account.byEmail(email).isPresent()) {
            return;
        }
        String password = config.password().filter(p -> !p.isBlank())
                .orElseThrow(() -> new IllegalStateException("GAZETTE_ADMIN_EMAIL is set: set GAZETTE_ADMIN_PASSWORD too"));
        Passwords.requireAcceptable("GAZETTE_ADMIN_PASSWORD", password);
        accounts.createAdmin(email, "Admin", password);
        LOG.infof("Created the configured admin %s", email);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
