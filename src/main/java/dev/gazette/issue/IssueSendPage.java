package dev.gazette.issue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.issue.IssueRequests.Send;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.subscriber.Audience;

/**
 * The studio's way out for an issue: a test to the writer (or any address), and sending, now or at
 * a time in the publication's zone, from a page that says how many subscribers it will reach.
 */
@Path("/studio/publications/{slug}/issues/{id}")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class IssueSendPage {

    @CheckedTemplate(basePath = "issue")
    static class Templates {
        static native TemplateInstance send(String lang, PublicationRef publication, IssueView issue, long audience,
                String csrf, boolean admin);
    }

    private final IssueSending sending;
    private final IssueService issues;
    private final Publications publications;
    private final Audience audience;
    private final CurrentCaller caller;
    private final FormGuard guard;

    IssueSendPage(IssueSending sending, IssueService issues, Publications publications, Audience audience,
            CurrentCaller caller, FormGuard guard) {
        this.sending = sending;
        this.issues = issues;
        this.publications = publications;
        this.audience = audience;
        this.caller = caller;
        this.guard = guard;
    }

    /** A test to one address (the writer's own by default), marked as a test; back to the editor. */
    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response test(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf,
            @RestForm String to) {
        guard.check(csrf);
        String address = to == null || to.isBlank() ? caller.get().email() : to.strip();
        var sent = sending.test(caller.get(), slug, id, List.of(address));
        return Response.seeOther(URI.create("/studio/publications/" + slug + "/issues/" + id + "/edit?tested="
                + URLEncoder.encode(sent.to().get(0), StandardCharsets.UTF_8))).build();
    }

    @GET
    @Path("/send")
    public TemplateInstance confirm(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id) {
        String lang = Languages.of(languages);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        IssueView issue = issues.get(caller.get(), slug, id);
        return Templates.send(lang, publication, issue, audience.count(publication.id(), List.of()), guard.token(),
                caller.get().isAdmin()).setLocale(lang);
    }

    /** Cancels a scheduled send (to change its time) or stops one under way; back to the send page. */
    @POST
    @Path("/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        sending.cancel(caller.get(), slug, id);
        return Response.seeOther(URI.create("/studio/publications/" + slug + "/issues/" + id + "/send")).build();
    }

    /** Sends now, or at {@code when} (a local date and time in the publication's zone); then the issues list. */
    @POST
    @Path("/send")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response send(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf,
            @RestForm String when) {
        guard.check(csrf);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        OffsetDateTime at = null;
        if (when != null && !when.isBlank()) {
            try {
                at = LocalDateTime.parse(when.strip()).atZone(ZoneId.of(publication.timeZone())).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw DomainException.invalidField("when", "invalid_format", "must be a date and time");
            }
        }
        sending.send(caller.get(), slug, id, new Send(at, null));
        return Response.seeOther(URI.create("/studio/publications/" + slug + "/issues")).build();
    }
}
