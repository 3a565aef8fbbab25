package dev.gazette.account;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import dev.gazette.core.Languages;

/**
 * What the account menu in the studio's and admin console's bar shows of the logged-in person: their
 * name and address, the language the page speaks and the page to come back to after switching it.
 * Templates read it as {@code {inject:accountMenu.name}}.
 */
@RequestScoped
@Named("accountMenu")
public class AccountMenu {

    private final SecurityIdentity identity;
    private final RoutingContext routing;

    AccountMenu(SecurityIdentity identity, RoutingContext routing) {
        this.identity = identity;
        this.routing = routing;
    }

    public String name() {
        Caller caller = caller();
        return caller == null ? "" : caller.name() == null || caller.name().isBlank() ? caller.email() : caller.name();
    }

    public String email() {
        Caller caller = caller();
        return caller == null ? "" : caller.email();
    }

    /** {@code ko} or {@code en}: the language of the page being made. */
    public String lang() {
        return Languages.of(routing.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /**
     * The path and query of the page being made, where the language switch comes back to; the
     * studio for a page that answers a form (its address takes no GET).
     */
    public String here() {
        return routing.request().method() == HttpMethod.GET ? routing.request().uri() : "/studio";
    }

    private Caller caller() {
        return identity.getAttribute(TokenIdentityProvider.CALLER);
    }
}
