package dev.gazette.account;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.AccountViews.IssuedToken;
import dev.gazette.account.AuthRequests.SignupRequest;
import dev.gazette.core.ClientAddresses;
import dev.gazette.core.DomainException;
import dev.gazette.core.FieldError;
import dev.gazette.core.FieldNotes;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.core.RateLimiter;
import dev.gazette.core.StudioText;

/**
 * The web signup form: creates a writer's account and logs them in, into the studio. An address
 * that already has an account is logged in only with its own password; otherwise its owner gets
 * the usual mail and the page says only that a message was sent, never that the account exists.
 */
@Path("/signup")
@Produces(MediaType.TEXT_HTML)
class SignupPage {

    /** What the form holds, as typed; the password is never shown again. */
    record Form(String name, String email) {
    }

    @CheckedTemplate(basePath = "account")
    static class Templates {
        static native TemplateInstance signup(String lang, Form form, Map<String, String> errors, String error,
                String csrf);

        /** After a signup that did not log in ({@code closed} false), or when signup is closed. */
        static native TemplateInstance signupNotice(String lang, boolean closed);
    }

    private final AccountService accounts;
    private final RateLimiter rateLimiter;
    private final AuthConfig config;
    private final SessionCookies cookies;
    private final ClientAddresses clients;
    private final FormGuard guard;
    private final Validator validator;

    SignupPage(AccountService accounts, RateLimiter rateLimiter, AuthConfig config, SessionCookies cookies,
            ClientAddresses clients, FormGuard guard, Validator validator) {
        this.accounts = accounts;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.cookies = cookies;
        this.clients = clients;
        this.guard = guard;
        this.validator = validator;
    }

    @GET
    public Response form(@HeaderParam("Accept-Language") String languages) {
        String lang = Languages.of(languages);
        if (!config.signupOpen()) {
            return closed(lang);
        }
        return Response.ok(page(lang, new Form("", ""), Map.of(), null)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@HeaderParam("Accept-Language") String languages, @FormParam("name") String name,
            @FormParam("email") String email, @FormParam("password") String password, @FormParam("csrf") String csrf,
            @Context HttpServerRequest http) {
        String lang = Languages.of(languages);
        Form form = new Form(name == null ? "" : name, email == null ? "" : email.strip());
        if (!guard.valid(csrf)) {
            // another site must not sign this browser up, nor log it in, with an account of its choosing
            return Response.status(403).entity(page(lang, form, Map.of(), text(lang).formStale())).build();
        }
        try {
            rateLimiter.acquire("signup", clients.of(http), config.signupPerMinute());
            SignupRequest request = new SignupRequest(form.email(), password == null ? "" : password, form.name());
            FieldNotes.check(validator.validate(request), passwordFindings(request.password()));
            accounts.signup(request.email(), request.password(), request.name());
            IssuedToken token = accounts.login(request.email(), request.password());
            return Response.seeOther(URI.create("/studio")).cookie(cookies.of(token.token(), token.expiresAt())).build();
        } catch (DomainException e) {
            return refused(lang, form, e);
        }
    }

    private Response refused(String lang, Form form, DomainException e) {
        if ("invalid_credentials".equals(e.code())) {
            // the address had an account and this is not its password: its owner has the mail
            return Response.ok(Templates.signupNotice(lang, false).setLocale(lang)).build();
        }
        if ("signup_closed".equals(e.code())) {
            return closed(lang);
        }
        if (e.kind() == DomainException.Kind.RATE_LIMITED) {
            return Response.status(429).entity(page(lang, form, Map.of(), text(lang).tooManyAttempts())).build();
        }
        if (e.fieldErrors().isEmpty()) {
            throw e;
        }
        Map<String, String> notes = FieldNotes.of(lang, e.fieldErrors(), SignupPage::label);
        StudioText text = text(lang);
        e.fieldErrors().stream().filter(f -> f.code().startsWith("password_")).findFirst().ifPresent(f -> notes.put(
                f.field(), text.field_password() + ("ko".equals(lang) ? "" : " ")
                        + ("password_too_long".equals(f.code())
                                ? text.error_password_too_long()
                                : text.error_password_too_short())));
        return Response.status(422).entity(page(lang, form, notes, null)).build();
    }

    /** The password rules of the API, found with the form's other notes. */
    private static List<FieldError> passwordFindings(String password) {
        try {
            Passwords.requireAcceptable("password", password);
            return List.of();
        } catch (DomainException e) {
            return e.fieldErrors();
        }
    }

    private Response closed(String lang) {
        return Response.status(403).entity(Templates.signupNotice(lang, true).setLocale(lang)).build();
    }

    private TemplateInstance page(String lang, Form form, Map<String, String> errors, String error) {
        return Templates.signup(lang, form, errors, error, guard.token()).setLocale(lang);
    }

    private static Function<String, String> label(StudioText text) {
        return field -> switch (field) {
            case "name" -> text.field_yourName();
            case "email" -> text.field_email();
            default -> text.field_password();
        };
    }

    private static StudioText text(String lang) {
        return Languages.studio(lang);
    }
}
