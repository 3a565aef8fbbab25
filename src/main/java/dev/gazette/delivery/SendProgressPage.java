package dev.gazette.delivery;

import java.net.URI;
import java.util.Locale;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.issue.IssueStates;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * The studio's page of a send under way: sent, failed and remaining messages, the rate and the
 * state, kept live from the progress stream, with pause and resume as plain forms (cancel is the
 * issue's own, see {@code IssueSendPage}). A sent issue's page is its stats.
 */
@Path("/studio/publications/{slug}/issues/{id}/progress")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class SendProgressPage {

    /** The progress as the page shows it; {@code live} when the stream is worth following. */
    record View(String status, long sent, long failed, long remaining, long total, long done, String rate,
            String pauseReason, String pauseWords, boolean live) {

        static View of(SendProgress.Progress p, String lang) {
            return new View(p.status(), p.sent(), p.failed(), p.queued() + p.retrying(), p.total(),
                    p.sent() + p.failed() + p.skipped(), String.format(Locale.ROOT, "%.1f", p.rate()), p.pauseReason(),
                    PauseReasons.inWords(lang, p.pauseReason()),
                    "sending".equals(p.status()) || "paused".equals(p.status()));
        }
    }

    @CheckedTemplate(basePath = "delivery")
    static class Templates {
        static native TemplateInstance progress(String lang, PublicationRef publication, long issueId, String title,
                View view, String csrf, boolean admin);
    }

    private final SendProgress sends;
    private final IssueStates issues;
    private final Publications publications;
    private final CurrentCaller caller;
    private final FormGuard guard;

    SendProgressPage(SendProgress sends, IssueStates issues, Publications publications, CurrentCaller caller,
            FormGuard guard) {
        this.sends = sends;
        this.issues = issues;
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    public Response show(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        SendProgress.Progress progress = sends.progress(caller.get(), slug, id);
        if ("sent".equals(progress.status())) {
            return Response.seeOther(URI.create("/publications/" + slug + "/issues/" + id + "/stats")).build();
        }
        String lang = Languages.of(languages);
        String title = issues.titleOf(publication.id(), id).orElse("");
        return Response.ok(Templates.progress(lang, publication, id, title,
                View.of(progress, lang), guard.token(),
                caller.get().isAdmin()).setLocale(lang)).build();
    }

    /** Pauses the send; back to the page, which says where it stands (already over, say). */
    @POST
    @Path("/pause")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response pause(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        try {
            sends.pause(caller.get(), slug, id);
        } catch (DomainException e) {
            rethrowUnlessConflict(e);
        }
        return back(slug, id);
    }

    /** Resumes a paused send; back to the page, which shows why it stays paused if it does (a suspension, say). */
    @POST
    @Path("/resume")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resume(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        try {
            sends.resume(caller.get(), slug, id);
        } catch (DomainException e) {
            rethrowUnlessConflict(e);
        }
        return back(slug, id);
    }

    static void rethrowUnlessConflict(DomainException e) {
        if (e.kind() != DomainException.Kind.CONFLICT) {
            throw e;
        }
    }

    private static Response back(String slug, long id) {
        return Response.seeOther(URI.create("/studio/publications/" + slug + "/issues/" + id + "/progress")).build();
    }
}
