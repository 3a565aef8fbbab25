package dev.gazette.account;

import java.util.Optional;
import java.util.Set;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the caller's token from {@code Authorization: Bearer} or from the session cookie.
 * <p>
 * The cookie is sent by browsers on their own, so on {@code /api/} it authenticates only reads, or
 * writes that carry an {@code X-Requested-With} header (which a cross-site form cannot set):
 * a forged cross-site request is then simply anonymous.
 */
@ApplicationScoped
class TokenAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String BEARER = "bearer ";

    private final AuthConfig config;

    TokenAuthenticationMechanism(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return token(context)
                .map(token -> identityProviderManager.authenticate(
                        new TokenAuthenticationRequest(new TokenCredential(token, "bearer"))))
                .orElseGet(() -> Uni.createFrom().optional(Optional.empty()));
    }

    private Optional<String> token(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).trim());
        }
        Cookie cookie = context.request().getCookie(config.cookieName());
        if (cookie == null) {
            return Optional.empty();
        }
        boolean api = context.normalizedPath().startsWith("/api/");
        boolean unsafe = !SAFE.contains(context.request().method());
        if (api && unsafe && context.request().getHeader("X-Requested-With") == null) {
            return Optional.empty();
        }
        return Optional.of(cookie.getValue());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(),
                HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"gazette\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}
