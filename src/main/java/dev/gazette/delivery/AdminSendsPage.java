package dev.gazette.delivery;

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
import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;

/**
 * The admin console's sending: every send under way (progress, rate, why it is paused) with pause
 * and resume, the scheduled issues, the relay's circuit as this instance sees it, and the queue.
 * Pause and resume are the writer's own (the same services, audited the same way); a send that
 * moved on meanwhile simply shows its new state.
 */
@Path("/admin/sends")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
class AdminSendsPage {

    @CheckedTemplate(basePath = "admin")
    static class Templates {
        static native TemplateInstance sends(String lang, AdminSends.View view, String csrf,
                List<SendingGuards.Tripped> guards);
    }

    private final AdminSends sends;
    private final SendProgress progress;
    private final CurrentCaller caller;
    private final FormGuard guard;
    private final SendingGuards guards;

    AdminSendsPage(AdminSends sends, SendProgress progress, CurrentCaller caller, FormGuard guard,
            SendingGuards guards) {
        this.guards = guards;
        this.sends = sends;
        this.progress = progress;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    public TemplateInstance show(@HeaderParam("Accept-Language") String languages) {
        String lang = Languages.of(languages);
        AdminSends.View view = sends.view(caller.get());
        AdminSends.View shown = new AdminSends.View(view.running().stream()
                .map(r -> r.withWords(PauseReasons.inWords(lang, r.pauseReason()))).toList(), view.scheduled(),
                view.queue(), view.relay(), view.instance());
        return Templates.sends(lang, shown, guard.token(), guards.tripped()).setLocale(lang);
    }

    /** Overrides a publication's sending guard: its paused sends resume (audited). */
    @POST
    @Path("/guards/{slug}/override")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response override(@PathParam("slug") String slug, @RestForm String csrf) {
        guard.check(csrf);
        guards.override(caller.get(), slug);
        return Response.seeOther(URI.create("/admin/sends")).build();
    }

    /** Pauses or resumes a send as its writer would; a send that moved on meanwhile just shows its new state. */
    @POST
    @Path("/{slug}/{id}/{action: pause|resume}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response control(@PathParam("slug") String slug, @PathParam("id") long id,
            @PathParam("action") String action, @RestForm String csrf) {
        guard.check(csrf);
        try {
            if ("pause".equals(action)) {
                progress.pause(caller.get(), slug, id);
            } else {
                progress.resume(caller.get(), slug, id);
            }
        } catch (DomainException e) {
            SendProgressPage.rethrowUnlessConflict(e);
        }
        return Response.seeOther(URI.create("/admin/sends")).build();
    }
}
