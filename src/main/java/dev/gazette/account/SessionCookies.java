package dev.gazette.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import dev.gazette.core.GazetteConfig;

/** The session cookie for web pages: the login's token, unreadable by scripts. */
@ApplicationScoped
class SessionCookies {

    private final AuthConfig authConfig;
    private final GazetteConfig config;
    private final Clock clock;

    SessionCookies(AuthConfig authConfig, GazetteConfig config, Clock clock) {
        this.authConfig = authConfig;
        this.config = config;
        this.clock = clock;
    }

    NewCookie of(String token, Instant expiresAt) {
        return new NewCookie.Builder(authConfig.cookieName())
                .value(token)
                .path("/")
                .httpOnly(true)
                .secure(config.secure())
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge((int) Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds()))
                .build();
    }

    NewCookie cleared() {
        return of("", Instant.EPOCH);
    }
}
