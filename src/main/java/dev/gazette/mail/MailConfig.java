package dev.gazette.mail;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long transactional mail is kept once it was sent or given up. */
@ConfigMapping(prefix = "gazette.mail")
public interface MailConfig {

    /**
     * How long a sent or failed transactional mail (a confirmation, a notice, a test send) stays in
     * the database, whole, for the admin's queue and for support; older ones are deleted.
     */
    @WithDefault("30d")
    Duration retention();

    /** How often the deletion runs (also read by {@code @Scheduled}). */
    @WithDefault("1h")
    Duration retentionCheck();
}
