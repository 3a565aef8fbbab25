package dev.gazette.core;

import java.security.SecureRandom;
import java.util.Base64;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;

/**
 * CSRF protection for the forms a browser posts to the public pages, reader and subscriber pages
 * alike (double-submit, signed): the page that shows a form sets a random {@code gazette_form} cookie, and the form carries a token
 * signed for that cookie's value. A cross-site page can make a browser post with its cookies, but
 * can neither read the cookie nor sign a token for it. See docs/adr/0008-payment-providers.md
 * for why this is not quarkus-rest-csrf.
 */
@RequestScoped
public class FormGuard {

    public static final String COOKIE = "gazette_form";
    public static final String FIELD = "csrf";
    private static final String PURPOSE = "reader-form";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RoutingContext routing;
    private final SignedTokens tokens;
    private final GazetteConfig gazette;
    private String nonce;

    FormGuard(RoutingContext routing, SignedTokens tokens, GazetteConfig gazette) {
        this.routing = routing;
        this.tokens = tokens;
        this.gazette = gazette;
    }

    /** The token a form on the page being made carries; sets the cookie when the browser has none. */
    public String token() {
        if (nonce == null) {
            Cookie cookie = routing.request().getCookie(COOKIE);
            if (cookie != null && !cookie.getValue().isBlank()) {
                nonce = cookie.getValue();
            } else {
                byte[] bytes = new byte[18];
                RANDOM.nextBytes(bytes);
                nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                routing.response().addCookie(Cookie.cookie(COOKIE, nonce).setPath("/").setHttpOnly(true)
                        .setSameSite(CookieSameSite.LAX).setSecure(gazette.secure()));
            }
        }
        return tokens.sign(PURPOSE, nonce, null);
    }

    /** Whether a posted form's token was made for this browser's cookie. */
    public boolean valid(String formToken) {
        Cookie cookie = routing.request().getCookie(COOKIE);
        return cookie != null && formToken != null
                && tokens.verify(PURPOSE, formToken).filter(cookie.getValue()::equals).isPresent();
    }

    /** Refuses a posted form whose token was not made for this browser's cookie: 403 {@code csrf_failed}. */
    public void check(String formToken) {
        if (!valid(formToken)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "csrf_failed",
                    "The form is stale or was not sent from this site: reload the page and try again");
        }
    }
}
