package dev.gazette.sender;

import java.net.URI;
import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;

/**
 * The studio's sender domain pages: {@code /studio/domains} (the writer's domains and the form that
 * adds one) and {@code /studio/domains/{domain}} (the records to publish, what the last check found,
 * check now, delete). Forms are checked against {@link FormGuard}; a refused one comes back 422 with
 * why in words and changes nothing.
 */
@Path("/studio/domains")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class DomainPages {

    @CheckedTemplate(basePath = "sender")
    static class Templates {
        static native TemplateInstance domains(String lang, List<DomainWords.Row> domains, String typed, String error,
                String csrf, boolean admin);

        static native TemplateInstance domain(String lang, DomainWords.Row domain, String notice, String csrf,
                boolean admin);
    }

    private final DomainService domains;
    private final CurrentCaller caller;
    private final FormGuard guard;

    DomainPages(DomainService domains, CurrentCaller caller, FormGuard guard) {
        this.domains = domains;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    public TemplateInstance list(@HeaderParam("Accept-Language") String languages) {
        String lang = Languages.of(languages);
        return list(lang, "", null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@HeaderParam("Accept-Language") String languages, @RestForm String csrf, @RestForm String domain) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        try {
            DomainView added = domains.add(caller.get(), domain);
            return Response.seeOther(URI.create("/studio/domains/" + added.domain())).build();
        } catch (DomainException e) {
            return Response.status(422).entity(list(lang, domain == null ? "" : domain, DomainWords.why(lang, e))).build();
        }
    }

    @GET
    @Path("/{domain}")
    public TemplateInstance show(@HeaderParam("Accept-Language") String languages, @PathParam("domain") String domain,
            @QueryParam("done") String done) {
        String lang = Languages.of(languages);
        DomainWords.Row row = DomainWords.of(lang, domains.get(caller.get(), domain));
        String notice = "checked".equals(done) ? DomainWords.text(lang).checked(row.stateWords()) : null;
        return Templates.domain(lang, row, notice, guard.token(), caller.get().isAdmin()).setLocale(lang);
    }

    /** The domain page's buttons: check the records now, or delete the domain. */
    @POST
    @Path("/{domain}/{action: verify|delete}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(@PathParam("domain") String domain, @PathParam("action") String action, @RestForm String csrf) {
        guard.check(csrf);
        if ("delete".equals(action)) {
            domains.delete(caller.get(), domain);
            return Response.seeOther(URI.create("/studio/domains")).build();
        }
        DomainView checked = domains.verify(caller.get(), domain);
        return Response.seeOther(URI.create("/studio/domains/" + checked.domain() + "?done=checked")).build();
    }

    private TemplateInstance list(String lang, String typed, String error) {
        List<DomainWords.Row> rows = domains.list(caller.get()).stream().map(d -> DomainWords.of(lang, d)).toList();
        return Templates.domains(lang, rows, typed, error, guard.token(), caller.get().isAdmin()).setLocale(lang);
    }
}
