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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.issue.StepMessages;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.sequence.SequenceRequests.CreateStep;
import dev.gazette.sequence.SequenceRequests.UpdateStep;
import dev.gazette.sequence.SequenceViews.SequenceView;
import dev.gazette.sequence.SequenceViews.StepView;

/**
 * The studio's step editor: subject, preheader, the Markdown body (in the issue editor's TOAST UI
 * Editor when the browser runs script), layout, delay and place; removing and resuming a step.
 */
@Path("/studio/publications/{slug}/sequences/{id: \\d+}/steps")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class StepPages {

    /** A step as the form holds it; {@code delay} counted in {@code unit} (minutes, hours or days). */
    record Form(String subject, String preheader, String body, long templateId, String delay, String unit,
            String position) {
    }

    @CheckedTemplate(basePath = "sequence")
    static class Templates {
        static native TemplateInstance step(String lang, PublicationRef publication, SequenceView sequence, long stepId,
                Form form, List<StepMessages.Layout> layouts, String error, String csrf, boolean admin);
    }

    private final StepService steps;
    private final SequenceService sequences;
    private final StepMessages messages;
    private final Publications publications;
    private final CurrentCaller caller;
    private final FormGuard guard;
    private final Validator validator;

    StepPages(StepService steps, SequenceService sequences, StepMessages messages, Publications publications,
            CurrentCaller caller, FormGuard guard, Validator validator) {
        this.steps = steps;
        this.sequences = sequences;
        this.messages = messages;
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
        this.validator = validator;
    }

    @GET
    @Path("/new")
    public TemplateInstance blank(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id) {
        SequenceView sequence = sequences.get(caller.get(), slug, id);
        String unit = sequence.steps().isEmpty() ? "minutes" : "days";
        Form form = new Form("", "", "", 0, sequence.steps().isEmpty() ? "0" : "1", unit, "");
        return page(Languages.of(languages), slug, sequence, 0, form, null);
    }

    @GET
    @Path("/{step: \\d+}")
    public TemplateInstance edit(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @PathParam("step") long stepId) {
        SequenceView sequence = sequences.get(caller.get(), slug, id);
        StepView step = sequence.steps().stream().filter(s -> s.id() == stepId).findFirst()
                .orElseThrow(SequenceErrors::stepNotFound);
        Form form = new Form(step.subject(), step.preheader() == null ? "" : step.preheader(), step.bodyMarkdown(),
                step.templateId() == null ? 0 : step.templateId(), String.valueOf(step.delayAmount()), step.delayUnit(),
                String.valueOf(step.position()));
        return page(Languages.of(languages), slug, sequence, stepId, form, null);
    }

    @POST
    @Path("/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @RestForm String csrf, @RestForm String subject, @RestForm String preheader,
            @RestForm String bodyMarkdown, @RestForm String templateId, @RestForm String delay, @RestForm String unit,
            @RestForm String position) {
        guard.check(csrf);
        Form form = form(subject, preheader, bodyMarkdown, templateId, delay, unit, position);
        CreateStep request = new CreateStep(form.subject(), form.preheader(), form.body(), form.templateId(),
                minutes(form), position(form));
        return submit(Languages.of(languages), slug, id, 0, form, request, () -> steps.add(caller.get(), slug, id, request));
    }

    @POST
    @Path("/{step: \\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @PathParam("step") long stepId, @RestForm String csrf, @RestForm String subject,
            @RestForm String preheader, @RestForm String bodyMarkdown, @RestForm String templateId,
            @RestForm String delay, @RestForm String unit, @RestForm String position) {
        guard.check(csrf);
        Form form = form(subject, preheader, bodyMarkdown, templateId, delay, unit, position);
        UpdateStep request = new UpdateStep(form.subject(), form.preheader(), form.body(), form.templateId(),
                minutes(form), position(form));
        return submit(Languages.of(languages), slug, id, stepId, form, request,
                () -> steps.update(caller.get(), slug, id, stepId, request));
    }

    @POST
    @Path("/{step: \\d+}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("slug") String slug, @PathParam("id") long id, @PathParam("step") long stepId,
            @RestForm String csrf) {
        guard.check(csrf);
        steps.remove(caller.get(), slug, id, stepId);
        return Response.seeOther(URI.create(SequencePages.base(slug) + "/" + id)).build();
    }

    @POST
    @Path("/{step: \\d+}/resume")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resume(@PathParam("slug") String slug, @PathParam("id") long id, @PathParam("step") long stepId,
            @RestForm String csrf) {
        guard.check(csrf);
        steps.resume(caller.get(), slug, id, stepId);
        return Response.seeOther(URI.create(SequencePages.base(slug) + "/" + id)).build();
    }

    /** Validates the form's request and saves it (back to the sequence), or shows the form again with why (422). */
    private Response submit(String lang, String slug, long id, long stepId, Form form, Object request, Runnable save) {
        String refused = SequenceForms.refusal(SequenceForms.words(lang), validator.validate(request));
        if (refused == null) {
            try {
                save.run();
                return Response.seeOther(URI.create(SequencePages.base(slug) + "/" + id + "?saved=1")).build();
            } catch (DomainException e) {
                refused = SequenceForms.refusal(SequenceForms.words(lang), e);
            }
        }
        SequenceView sequence = sequences.get(caller.get(), slug, id);
        return Response.status(422).entity(page(lang, slug, sequence, stepId, form, refused)).build();
    }

    private TemplateInstance page(String lang, String slug, SequenceView sequence, long stepId, Form form, String error) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        return Templates.step(lang, publication, sequence, stepId, form, messages.layouts(publication.id()), error,
                guard.token(), caller.get().isAdmin()).setLocale(lang);
    }

    private static Form form(String subject, String preheader, String body, String templateId, String delay,
            String unit, String position) {
        Long layout = number(templateId);
        return new Form(SequencePages.orEmpty(subject), SequencePages.orEmpty(preheader), SequencePages.orEmpty(body),
                layout == null ? 0 : layout, SequencePages.orEmpty(delay).strip(),
                List.of("minutes", "hours", "days").contains(unit) ? unit : "minutes",
                SequencePages.orEmpty(position).strip());
    }

    /** The delay in minutes; null (refused as missing) when it is not a whole number, and past a year when too large. */
    private static Integer minutes(Form form) {
        Long amount = number(form.delay());
        if (amount == null) {
            return null;
        }
        long factor = switch (form.unit()) {
            case "days" -> 1440;
            case "hours" -> 60;
            default -> 1;
        };
        return (int) Math.max(-1, Math.min(Integer.MAX_VALUE, Math.min(amount, Integer.MAX_VALUE) * factor));
    }

    /** The place asked for; 0 (refused) when it is not a whole number, null (last) when empty. */
    private static Integer position(Form form) {
        if (form.position().isEmpty()) {
            return null;
        }
        Long place = number(form.position());
        return place == null ? Integer.valueOf(0) : Integer.valueOf((int) Math.max(0, Math.min(Integer.MAX_VALUE, place)));
    }

    private static Long number(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
