package dev.gazette.account;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether a request could be someone's logged-in request at all: it carries a token or the session
 * cookie. A page that anonymous readers share checks this first, so that only such requests pay
 * for resolving who is calling.
 */
@ApplicationScoped
public class LoginClaims {

    private final AuthConfig config;

    LoginClaims(AuthConfig config) {
        this.config = config;
    }

    public boolean claimed(HttpServerRequest request) {
        return request.getHeader("Authorization") != null || request.getCookie(config.cookieName()) != null;
    }
}
