package dev.gazette.sender;

import java.net.URI;
import java.util.List;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;

/** The admin console's sender domains: every writer's, with owner and state, and a revoke form for each. */
@Path("/admin/domains")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
class AdminDomainsPage {

    @CheckedTemplate(basePath = "sender")
    static class Templates {
        static native TemplateInstance adminDomains(String lang, List<DomainWords.Row> domains, String error,
                String csrf);
    }

    private final AdminDomains domains;
    private final CurrentCaller caller;
    private final FormGuard guard;

    AdminDomainsPage(AdminDomains domains, CurrentCaller caller, FormGuard guard) {
        this.domains = domains;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    public TemplateInstance show(@HeaderParam("Accept-Language") String languages) {
        return page(Languages.of(languages), null);
    }

    @POST
    @Path("/{id: \\d+}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@HeaderParam("Accept-Language") String languages, @PathParam("id") long id,
            @RestForm String csrf, @RestForm String reason) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        if (reason == null || reason.isBlank() || reason.length() > 300) {
            return Response.status(422).entity(page(lang, DomainWords.text(lang).error_reason())).build();
        }
        domains.revoke(caller.get(), id, reason);
        return Response.seeOther(URI.create("/admin/domains")).build();
    }

    private TemplateInstance page(String lang, String error) {
        return Templates.adminDomains(lang, domains.list().stream().map(d -> DomainWords.of(lang, d)).toList(), error,
                guard.token()).setLocale(lang);
    }
}
