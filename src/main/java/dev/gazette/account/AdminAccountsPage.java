package dev.gazette.account;

import java.net.URI;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
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

import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;

/**
 * The admin console's accounts: a searchable list (a page at a time by id), and forms that disable
 * or enable an account, make it an admin or a writer, or log it out everywhere. A form without its
 * token is refused (403 {@code csrf_failed}) and changes nothing; a refusal the admin can act on
 * (their own account) comes back as the page with the reason in words.
 */
@Path("/admin/accounts")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
class AdminAccountsPage {

    @CheckedTemplate(basePath = "admin")
    static class Templates {
        static native TemplateInstance accounts(String lang, String q, AccountAdministration.Page page, long self,
                String done, String error, String csrf);
    }

    private final AccountAdministration accounts;
    private final CurrentCaller caller;
    private final FormGuard guard;

    AdminAccountsPage(AccountAdministration accounts, CurrentCaller caller, FormGuard guard) {
        this.accounts = accounts;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    public TemplateInstance list(@HeaderParam("Accept-Language") String languages, @QueryParam("q") String q,
            @QueryParam("before") Long before, @QueryParam("done") String done) {
        String lang = Languages.of(languages);
        return page(lang, q, before, done, null);
    }

    /** One of the account forms: {@code disable}, {@code enable}, {@code role} (form {@code role}) or {@code revoke}. */
    @POST
    @Path("/{id}/{action: disable|enable|role|revoke}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(@HeaderParam("Accept-Language") String languages, @PathParam("id") long id,
            @PathParam("action") String action, @RestForm String csrf, @RestForm String role) {
        guard.check(csrf);
        try {
            switch (action) {
                case "disable" -> accounts.disable(caller.get(), id);
                case "enable" -> accounts.enable(caller.get(), id);
                case "role" -> accounts.setRole(caller.get(), id, role);
                default -> accounts.revokeSessions(caller.get(), id);
            }
        } catch (DomainException e) {
            if (!"own_account".equals(e.code())) {
                throw e;
            }
            String lang = Languages.of(languages);
            return Response.status(409).entity(page(lang, null, null, null, Languages.admin(lang).admin_ownAccount()))
                    .build();
        }
        return Response.seeOther(URI.create("/admin/accounts?done=" + action)).build();
    }

    private TemplateInstance page(String lang, String q, Long before, String done, String error) {
        return Templates.accounts(lang, q == null ? "" : q, accounts.search(caller.get(), q, before),
                caller.get().accountId(), done, error, guard.token()).setLocale(lang);
    }
}
