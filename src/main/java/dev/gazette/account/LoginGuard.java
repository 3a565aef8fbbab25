package dev.gazette.account;

import java.security.SecureRandom;
import java.util.Base64;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;

import dev.gazette.core.GazetteConfig;
import dev.gazette.core.SignedTokens;

/**
 * Login CSRF protection for the login form (double-submit, signed, like the reader forms' guard):
 * the form page sets a random {@code gazette_login} cookie and carries a token signed for its value.
 * Another site can make a browser post the form with the attacker's credentials, which would log
 * the victim in as the attacker; it can neither read the cookie nor sign a token for it, and the
 * cookie (SameSite=Lax) does not even travel with its cross-site post.
 */
@RequestScoped
class LoginGuard {

    static final String COOKIE = "gazette_login";
    private static final String PURPOSE = "login-form";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RoutingContext routing;
    private final SignedTokens tokens;
    private final GazetteConfig gazette;

    LoginGuard(RoutingContext routing, SignedTokens tokens, GazetteConfig gazette) {
        this.routing = routing;
        this.tokens = tokens;
        this.gazette = gazette;
    }

    /** The token the form carries; sets the cookie when the browser has none. */
    String token() {
        Cookie cookie = routing.request().getCookie(COOKIE);
        String nonce;
        if (cookie != null && !cookie.getValue().isBlank()) {
            nonce = cookie.getValue();
        } else {
            byte[] bytes = new byte[18];
            RANDOM.nextBytes(bytes);
            nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            routing.response().addCookie(Cookie.cookie(COOKIE, nonce).setPath("/login").setHttpOnly(true)
                    .setSameSite(CookieSameSite.LAX).setSecure(gazette.secure()));
        }
        return tokens.sign(PURPOSE, nonce, null);
    }

    /** Whether a posted form's token was made for this browser's cookie. */
    boolean valid(String formToken) {
        Cookie cookie = routing.request().getCookie(COOKIE);
        return cookie != null && formToken != null
                && tokens.verify(PURPOSE, formToken).filter(cookie.getValue()::equals).isPresent();
    }
}
