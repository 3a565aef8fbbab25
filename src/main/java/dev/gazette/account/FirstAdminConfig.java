package dev.gazette.account;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The first admin (env {@code GAZETTE_ADMIN_EMAIL} and {@code GAZETTE_ADMIN_PASSWORD}). */
@ConfigMapping(prefix = "gazette.admin")
interface FirstAdminConfig {

    /** The first admin's address; unset: an admin with one-time credentials is made on first start. */
    Optional<String> email();

    /** The first admin's password; set it from the environment only. */
    Optional<String> password();
}
