package dev.gazette.sequence;

import java.net.URI;
import java.util.List;

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
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.segment.Segments;
import dev.gazette.sequence.SequenceRequests.CreateSequence;
import dev.gazette.sequence.SequenceRequests.UpdateSequence;
import dev.gazette.sequence.SequenceViews.SequenceView;
import dev.gazette.subscriber.Audience;

/**
 * The studio's sequences: the publication's list with a form for a new one, and one sequence with
 * its settings, its steps and their numbers. Every form carries {@code csrf}; a refused form comes
 * back 422 as typed, with why, and changes nothing.
 */
@Path("/studio/publications/{slug}/sequences")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class SequencePages {

    /** A sequence's settings as the form holds them. */
    record Form(String name, String trigger, String topic, boolean active, String segment) {

        static final Form EMPTY = new Form("", "confirmed", "", true, "");
    }

    @CheckedTemplate(basePath = "sequence")
    static class Templates {
        static native TemplateInstance sequences(String lang, PublicationRef publication, List<SequenceView> sequences,
                List<Audience.Topic> topics, List<Segments.Choice> segments, Form form, String error, String csrf,
                boolean admin);

        static native TemplateInstance sequence(String lang, PublicationRef publication, SequenceView sequence,
                List<Audience.Topic> topics, List<Segments.Choice> segments, Form form, String error, boolean saved,
                String csrf, boolean admin);
    }

    private final SequenceService sequences;
    private final Publications publications;
    private final Audience audience;
    private final CurrentCaller caller;
    private final FormGuard guard;
    private final Validator validator;
    private final Segments segments;

    SequencePages(SequenceService sequences, Publications publications, Audience audience, CurrentCaller caller,
            FormGuard guard, Validator validator, Segments segments) {
        this.segments = segments;
        this.sequences = sequences;
        this.publications = publications;
        this.audience = audience;
        this.caller = caller;
        this.guard = guard;
        this.validator = validator;
    }

    @GET
    public TemplateInstance list(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug) {
        return listPage(Languages.of(languages), slug, Form.EMPTY, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @RestForm String csrf, @RestForm String name, @RestForm String trigger, @RestForm String topic,
            @RestForm String segment) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        Form form = new Form(orEmpty(name), orEmpty(trigger), orEmpty(topic), true, orEmpty(segment));
        Long chosen = segmentId(segment);
        CreateSequence request = new CreateSequence(form.name(), form.trigger(), blankToNull(topic), true,
                chosen == 0 ? null : chosen);
        String refused = SequenceForms.refusal(SequenceForms.words(lang), validator.validate(request));
        if (refused == null) {
            try {
                SequenceView created = sequences.create(caller.get(), slug, request);
                return Response.seeOther(URI.create(base(slug) + "/" + created.id())).build();
            } catch (DomainException e) {
                refused = SequenceForms.refusal(SequenceForms.words(lang), e);
            }
        }
        return Response.status(422).entity(listPage(lang, slug, form, refused)).build();
    }

    @GET
    @Path("/{id: \\d+}")
    public TemplateInstance show(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @QueryParam("saved") String saved) {
        SequenceView sequence = sequences.get(caller.get(), slug, id);
        Form form = new Form(sequence.name(), sequence.trigger(), sequence.topic() == null ? "" : sequence.topic(),
                sequence.active(), sequence.segment() == null ? "" : sequence.segment().toString());
        return sequencePage(Languages.of(languages), slug, sequence, form, null, saved != null);
    }

    @POST
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @RestForm String csrf, @RestForm String name, @RestForm String trigger,
            @RestForm String topic, @RestForm String active, @RestForm String segment) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        Form form = new Form(orEmpty(name), orEmpty(trigger), orEmpty(topic), active != null, orEmpty(segment));
        UpdateSequence request = new UpdateSequence(form.name(), form.trigger(), form.topic(), form.active(),
                segmentId(segment));
        String refused = SequenceForms.refusal(SequenceForms.words(lang), validator.validate(request));
        if (refused == null) {
            try {
                sequences.update(caller.get(), slug, id, request);
                return Response.seeOther(URI.create(base(slug) + "/" + id + "?saved=1")).build();
            } catch (DomainException e) {
                refused = SequenceForms.refusal(SequenceForms.words(lang), e);
            }
        }
        SequenceView sequence = sequences.get(caller.get(), slug, id);
        return Response.status(422).entity(sequencePage(lang, slug, sequence, form, refused, false)).build();
    }

    @POST
    @Path("/{id: \\d+}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        sequences.delete(caller.get(), slug, id);
        return Response.seeOther(URI.create(base(slug))).build();
    }

    private TemplateInstance listPage(String lang, String slug, Form form, String error) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        return Templates.sequences(lang, publication, sequences.list(caller.get(), slug),
                audience.topics(publication.id()), segments.choices(publication.id()), form, error, guard.token(),
                caller.get().isAdmin()).setLocale(lang);
    }

    private TemplateInstance sequencePage(String lang, String slug, SequenceView sequence, Form form, String error,
            boolean saved) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        return Templates.sequence(lang, publication, sequence, audience.topics(publication.id()),
                segments.choices(publication.id()), form, error, saved, guard.token(), caller.get().isAdmin())
                .setLocale(lang);
    }

    static String base(String slug) {
        return "/studio/publications/" + slug + "/sequences";
    }

    /** The segment picked: its id, or 0 for none (the form's empty choice, or anything not an id). */
    private static Long segmentId(String segment) {
        return segment == null || !segment.strip().matches("[0-9]{1,18}") ? 0L : Long.valueOf(segment.strip());
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
