package dev.gazette.account;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import dev.gazette.account.AccountViews.AccountView;
import dev.gazette.account.AccountViews.IssuedToken;
import dev.gazette.account.AccountViews.TokenView;
import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;

/**
 * The account menu's settings page ({@code /studio/account}): who one is, a new password (which
 * ends every other session and token, as the API's does), the live sessions and API tokens with
 * a revoke for each, and a new API token shown once.
 */
@Path("/studio/account")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class AccountPage {

    @CheckedTemplate(basePath = "account")
    static class Templates {
        static native TemplateInstance settings(String lang, AccountView account, List<TokenView> tokens,
                Map<String, String> errors, String tokenName, String tokenDays, String newToken, String done,
                String csrf, boolean admin);
    }

    private final AccountService accounts;
    private final CurrentCaller caller;
    private final SessionCookies cookies;
    private final FormGuard guard;

    AccountPage(AccountService accounts, CurrentCaller caller, SessionCookies cookies, FormGuard guard) {
        this.accounts = accounts;
        this.caller = caller;
        this.cookies = cookies;
        this.guard = guard;
    }

    @GET
    public TemplateInstance show(@HeaderParam("Accept-Language") String languages, @QueryParam("done") String done) {
        return page(Languages.of(languages), Map.of(), "", "", null, done);
    }

    /** A new password: back to the page with a new session cookie, or the page with the field's error (422). */
    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response password(@HeaderParam("Accept-Language") String languages, @RestForm String csrf,
            @RestForm String currentPassword, @RestForm String newPassword) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        try {
            IssuedToken token = accounts.changePassword(caller.get(), currentPassword, newPassword);
            return Response.seeOther(URI.create("/studio/account?done=password"))
                    .cookie(cookies.of(token.token(), token.expiresAt())).build();
        } catch (DomainException e) {
            if (e.fieldErrors().isEmpty()) {
                throw e;
            }
            String field = e.fieldErrors().get(0).field();
            AccountText text = MessageBundles.get(AccountText.class, Localized.Literal.of(lang));
            String message = switch (e.fieldErrors().get(0).code()) {
                case "password_too_short" -> text.error_password_too_short();
                case "password_too_long" -> text.error_password_too_long();
                default -> text.error_wrong_password();
            };
            return Response.status(422).entity(page(lang, Map.of(field, message), "", "", null, null)).build();
        }
    }

    /** A new API token, shown once on the page this answers. */
    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createToken(@HeaderParam("Accept-Language") String languages, @RestForm String csrf,
            @RestForm String name, @RestForm String expiresInDays) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        AccountText text = MessageBundles.get(AccountText.class, Localized.Literal.of(lang));
        String given = name == null ? "" : name.strip();
        String days = expiresInDays == null ? "" : expiresInDays.strip();
        if (given.isEmpty() || given.length() > 100 || given.chars().anyMatch(Character::isISOControl)) {
            return Response.status(422)
                    .entity(page(lang, Map.of("name", text.tokenNameError()), given, days, null, null)).build();
        }
        Integer expires = days.isEmpty() ? null : days(days);
        if (!days.isEmpty() && expires == null) {
            return Response.status(422)
                    .entity(page(lang, Map.of("expiresInDays", text.tokenDaysError()), given, days, null, null)).build();
        }
        IssuedToken token = accounts.createApiToken(caller.get(), given, expires);
        return Response.ok(page(lang, Map.of(), "", "", token.token(), null)).build();
    }

    @POST
    @Path("tokens/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        accounts.revokeToken(caller.get(), id);
        return Response.seeOther(URI.create("/studio/account?done=revoked#tokens")).build();
    }

    private TemplateInstance page(String lang, Map<String, String> errors, String tokenName, String tokenDays,
            String newToken, String done) {
        Caller me = caller.get();
        return Templates.settings(lang, accounts.me(me), accounts.tokens(me), errors, tokenName, tokenDays, newToken,
                done, guard.token(), me.isAdmin()).setLocale(lang);
    }

    private static Integer days(String value) {
        try {
            int days = Integer.parseInt(value);
            return days >= 1 && days <= 3650 ? days : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
