package dev.gazette.account;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

import dev.gazette.core.DomainException;

/** The authenticated caller of the current request, for resources of every feature. */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;

    CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        Caller caller = identity.getAttribute(TokenIdentityProvider.CALLER);
        if (caller == null) {
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "unauthenticated", "Log in first");
        }
        return caller;
    }
}
