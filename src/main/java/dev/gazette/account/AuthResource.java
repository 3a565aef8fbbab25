package dev.gazette.account;

import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.AccountViews.IssuedToken;
import dev.gazette.account.AuthRequests.LoginRequest;
import dev.gazette.account.AuthRequests.SignupRequest;
import dev.gazette.core.ClientAddresses;
import dev.gazette.core.RateLimiter;

/** Signup, login and logout: {@code /api/v1/auth}. */
@Path("/api/v1/auth")
class AuthResource {

    private final AccountService accounts;
    private final RateLimiter rateLimiter;
    private final AuthConfig authConfig;
    private final SessionCookies cookies;
    private final CurrentCaller caller;
    private final ClientAddresses clients;

    AuthResource(AccountService accounts, RateLimiter rateLimiter, AuthConfig authConfig, SessionCookies cookies,
            CurrentCaller caller, ClientAddresses clients) {
        this.accounts = accounts;
        this.rateLimiter = rateLimiter;
        this.authConfig = authConfig;
        this.cookies = cookies;
        this.caller = caller;
        this.clients = clients;
    }

    @POST
    @Path("/signup")
    public Response signup(@NotNull @Valid SignupRequest request, @Context HttpServerRequest http) {
        rateLimiter.acquire("signup", clients.of(http), authConfig.signupPerMinute());
        return Response.status(Response.Status.CREATED)
                .entity(accounts.signup(request.email(), request.password(), request.name()))
                .build();
    }

    @POST
    @Path("/login")
    public Response login(@NotNull @Valid LoginRequest request, @Context HttpServerRequest http) {
        rateLimiter.acquire("login", clients.of(http), authConfig.loginPerMinute());
        IssuedToken token = accounts.login(request.email(), request.password());
        return Response.ok(token).cookie(cookies.of(token.token(), token.expiresAt())).build();
    }

    @POST
    @Path("/logout")
    @Authenticated
    public Response logout() {
        accounts.logout(caller.get());
        return Response.noContent().cookie(cookies.cleared()).build();
    }
}
