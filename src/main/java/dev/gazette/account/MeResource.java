package dev.gazette.account;

import java.util.List;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.AccountViews.AccountView;
import dev.gazette.account.AccountViews.IssuedToken;
import dev.gazette.account.AccountViews.TokenView;
import dev.gazette.account.AuthRequests.ChangePasswordRequest;
import dev.gazette.account.AuthRequests.CreateTokenRequest;

/** The caller's own account, password and tokens: {@code /api/v1/me}. */
@Path("/api/v1/me")
@Authenticated
class MeResource {

    private final AccountService accounts;
    private final CurrentCaller caller;
    private final SessionCookies cookies;

    MeResource(AccountService accounts, CurrentCaller caller, SessionCookies cookies) {
        this.accounts = accounts;
        this.caller = caller;
        this.cookies = cookies;
    }

    @GET
    public AccountView me() {
        return accounts.me(caller.get());
    }

    /** Changes the password, revokes every session and token, and returns a new session. */
    @POST
    @Path("/password")
    public Response changePassword(@NotNull @Valid ChangePasswordRequest request) {
        IssuedToken token = accounts.changePassword(caller.get(), request.currentPassword(), request.newPassword());
        return Response.ok(token).cookie(cookies.of(token.token(), token.expiresAt())).build();
    }

    @GET
    @Path("/tokens")
    public List<TokenView> tokens() {
        return accounts.tokens(caller.get());
    }

    @POST
    @Path("/tokens")
    public Response createToken(@NotNull @Valid CreateTokenRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(accounts.createApiToken(caller.get(), request.name(), request.expiresInDays()))
                .build();
    }

    @DELETE
    @Path("/tokens/{id}")
    public Response revokeToken(@PathParam("id") long id) {
        accounts.revokeToken(caller.get(), id);
        return Response.noContent().build();
    }
}
