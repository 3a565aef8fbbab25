package dev.gazette.account;

import java.net.URI;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.AccountViews.IssuedToken;
import dev.gazette.core.ClientAddresses;
import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.core.RateLimiter;

/** The web login form: sets the session cookie that the pages use. */
@Path("/login")
class LoginPage {

    @CheckedTemplate(basePath = "account")
    static class Templates {
        static native TemplateInstance login(String next, String email, String error, String csrf);
    }

    private final AccountService accounts;
    private final RateLimiter rateLimiter;
    private final AuthConfig config;
    private final SessionCookies cookies;
    private final ClientAddresses clients;
    private final FormGuard guard;

    LoginPage(AccountService accounts, RateLimiter rateLimiter, AuthConfig config, SessionCookies cookies,
            ClientAddresses clients, FormGuard guard) {
        this.guard = guard;
        this.accounts = accounts;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.cookies = cookies;
        this.clients = clients;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form(@QueryParam("next") String next) {
        return Templates.login(localPath(next), "", null, guard.token());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response submit(@FormParam("email") String email, @FormParam("password") String password,
            @FormParam("next") String next, @FormParam("csrf") String csrf, @Context HttpServerRequest http) {
        String target = localPath(next);
        if (!guard.valid(csrf)) {
            // login CSRF: another site posting its own credentials would log this browser in as them
            return Response.status(403).entity(Templates.login(target, "",
                    "The form is stale or was not sent from this site: try again", guard.token())).build();
        }
        try {
            rateLimiter.acquire("login", clients.of(http), config.loginPerMinute());
            IssuedToken token = accounts.login(email, password);
            return Response.seeOther(URI.create(target)).cookie(cookies.of(token.token(), token.expiresAt())).build();
        } catch (DomainException e) {
            int status = switch (e.kind()) {
                case RATE_LIMITED -> 429;
                case FORBIDDEN -> 403; // a disabled account, with its right password
                default -> 401;
            };
            return Response.status(status)
                    .entity(Templates.login(target, email == null ? "" : email, e.getMessage(), guard.token())).build();
        }
    }

    /** Only a path on this site, the studio (a writer's starting point) otherwise. */
    static String localPath(String next) {
        return dev.gazette.core.LocalPaths.orElse(next, "/studio");
    }
}
