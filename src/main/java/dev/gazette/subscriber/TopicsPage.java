package dev.gazette.subscriber;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.validation.Validator;
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
import dev.gazette.core.StudioText;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.subscriber.SubscriberRequests.PublicTopics;
import dev.gazette.subscriber.SubscriberRequests.TopicEntry;

/**
 * The studio page of a publication's topics: the tags readers may pick on their preferences
 * page, one {@code tag: name} a line. A refused list comes back as typed, with why; nothing changes.
 */
@Path("/studio/publications/{slug}/topics")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class TopicsPage {

    @CheckedTemplate(basePath = "subscriber")
    static class Templates {
        static native TemplateInstance topics(String lang, PublicationRef publication, String lines, String error,
                boolean saved, String csrf, boolean admin);
    }

    private final PublicTopicsService topics;
    private final Publications publications;
    private final CurrentCaller caller;
    private final FormGuard guard;
    private final Validator validator;

    TopicsPage(PublicTopicsService topics, Publications publications, CurrentCaller caller, FormGuard guard,
            Validator validator) {
        this.topics = topics;
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
        this.validator = validator;
    }

    @GET
    public TemplateInstance show(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @QueryParam("saved") String saved) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        String lines = topics.list(caller.get(), slug).stream().map(t -> t.tag() + ": " + t.label())
                .collect(Collectors.joining("\n"));
        return page(Languages.of(languages), publication, lines, null, saved != null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @RestForm String csrf, @RestForm String lines) {
        guard.check(csrf);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        String lang = Languages.of(languages);
        StudioText text = Languages.studio(lang);
        String typed = lines == null ? "" : lines;
        List<TopicEntry> entries = new ArrayList<>();
        String[] rows = typed.split("\\R");
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].isBlank()) {
                continue;
            }
            int colon = rows[i].indexOf(':');
            TopicEntry entry = colon < 0
                    ? null
                    : new TopicEntry(rows[i].substring(0, colon).strip(), rows[i].substring(colon + 1).strip());
            if (entry == null || !validator.validate(entry).isEmpty()) {
                return refused(lang, publication, typed, text.topicsLine(i + 1));
            }
            entries.add(entry);
        }
        if (!validator.validate(new PublicTopics(entries)).isEmpty()) {
            return refused(lang, publication, typed, text.error_too_many_topics());
        }
        try {
            topics.replace(caller.get(), slug, entries);
        } catch (DomainException e) {
            String why = switch (e.fieldErrors().isEmpty() ? e.code() : e.fieldErrors().get(0).code()) {
                case "invalid_tag" -> text.error_invalid_tag();
                case "duplicate_topic" -> text.error_duplicate_topic();
                default -> throw e;
            };
            return refused(lang, publication, typed, why);
        }
        return Response.seeOther(URI.create("/studio/publications/" + slug + "/topics?saved=1")).build();
    }

    private Response refused(String lang, PublicationRef publication, String typed, String error) {
        return Response.status(422).entity(page(lang, publication, typed, error, false)).build();
    }

    private TemplateInstance page(String lang, PublicationRef publication, String lines, String error, boolean saved) {
        return Templates.topics(lang, publication, lines, error, saved, guard.token(), caller.get().isAdmin())
                .setLocale(lang);
    }
}
