package dev.gazette.account;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Accounts, logins and tokens. */
@ConfigMapping(prefix = "gazette.auth")
interface AuthConfig {

    /** bcrypt cost factor: each step doubles the time of a hash (11 takes about 150 ms here). */
    @WithDefault("11")
    int bcryptCost();

    /** How long a login (session cookie or the token it returns) stays valid. */
    @WithDefault("P30D")
    Duration sessionTtl();

    /** Login attempts per client address and minute. */
    @WithDefault("10")
    int loginPerMinute();

    /**
     * Wrong passwords for one account, within {@link #loginFailureWindow()}, that lock its password
     * logins for {@link #loginLockout()}: per-client limits do not stop a guesser with many addresses.
     */
    @WithDefault("10")
    int loginFailureLimit();

    /** The window in which {@link #loginFailureLimit()} wrong passwords lock an account. */
    @WithDefault("PT15M")
    Duration loginFailureWindow();

    /** How long a locked account's password logins are answered like a wrong password. */
    @WithDefault("PT15M")
    Duration loginLockout();

    /** Signups per client address and minute. */
    @WithDefault("5")
    int signupPerMinute();

    /** Whether anyone may sign up as a writer; when false, only the admin creates writers. */
    @WithDefault("true")
    boolean signupOpen();

    /** The name of the session cookie that the web pages use. */
    @WithDefault("gazette_session")
    String cookieName();
}
