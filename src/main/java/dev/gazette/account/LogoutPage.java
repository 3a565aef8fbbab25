package dev.gazette.account;

import java.net.URI;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.core.FormGuard;

/** The studio's "log out" button: ends the session (its token is revoked) and goes back to the login form. */
@Path("/logout")
class LogoutPage {

    private final AccountService accounts;
    private final CurrentCaller caller;
    private final SessionCookies cookies;
    private final FormGuard guard;

    LogoutPage(AccountService accounts, CurrentCaller caller, SessionCookies cookies, FormGuard guard) {
        this.accounts = accounts;
        this.caller = caller;
        this.cookies = cookies;
        this.guard = guard;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logOut(@FormParam("csrf") String csrf) {
        guard.check(csrf); // another site must not be able to log a writer out
        accounts.logout(caller.get());
        return Response.seeOther(URI.create("/login")).cookie(cookies.cleared()).build();
    }
}
