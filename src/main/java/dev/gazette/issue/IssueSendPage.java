package dev.gazette.issue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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
import dev.gazette.core.FieldNotes;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.core.StudioText;
import dev.gazette.issue.IssueRequests.Send;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.segment.Segments;
import dev.gazette.subscriber.Audience;

/**
 * The studio's way out for an issue: a test to the writer's own address, and sending, now or at
 * a time in the publication's zone, to everyone or to the readers of some topics, from a page that
 * says exactly how many subscribers it will reach. Sending now needs that number confirmed; a
 * scheduled send can be moved to another time or cancelled. With no subscriber to mail at all, the
 * page offers to publish the issue on the web only instead, saying that no one will be mailed.
 */
@Path("/studio/publications/{slug}/issues/{id}")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class IssueSendPage {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** One topic's checkbox. */
    record Choice(String tag, String label, boolean checked) {
    }

    /**
     * What the page shows besides the issue: the topics to choose from, the chosen tags with their
     * names and how many subscribers they reach, the time typed (or scheduled), and why a form was
     * refused. {@code webOnly}: no subscriber at all can be mailed, so publishing on the web only is
     * offered in place of sending now. {@code segments}: the publication's segments to choose from;
     * {@code segment} the chosen one (null: none), named {@code segmentName}.
     */
    record Form(List<Choice> topics, List<String> tags, String topicNames, long audience, String when,
            String scheduled, Map<String, String> errors, String note, boolean webOnly, List<Segments.Choice> segments,
            Long segment, String segmentName) {
    }

    @CheckedTemplate(basePath = "issue")
    static class Templates {
        static native TemplateInstance send(String lang, PublicationRef publication, IssueView issue, Form form,
                String csrf, boolean admin);
    }

    private final IssueSending sending;
    private final IssueService issues;
    private final Publications publications;
    private final Audience audience;
    private final CurrentCaller caller;
    private final FormGuard guard;
    private final Segments segments;

    IssueSendPage(IssueSending sending, IssueService issues, Publications publications, Audience audience,
            CurrentCaller caller, FormGuard guard, Segments segments) {
        this.segments = segments;
        this.sending = sending;
        this.issues = issues;
        this.publications = publications;
        this.audience = audience;
        this.caller = caller;
        this.guard = guard;
    }

    /** A test to the writer's own address (the only one a test goes to), marked as a test; back to the editor. */
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

    /** The send page; {@code tags} are the topics ticked, whose audience it counts (none: everyone). */
    @GET
    @Path("/send")
    public TemplateInstance confirm(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @QueryParam("tags") List<String> tags, @QueryParam("segment") String segment) {
        String lang = Languages.of(languages);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        return page(lang, publication, issues.get(caller.get(), slug, id), tags, chosenSegment(publication, segment), null,
                Map.of(), null);
    }

    /** Cancels a scheduled send or stops one under way; back to the send page. */
    @POST
    @Path("/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        sending.cancel(caller.get(), slug, id);
        return Response.seeOther(URI.create(base(slug, id) + "/send")).build();
    }

    /** Stops a send under way from its progress page, and goes back there (the send's own controls are delivery's). */
    @POST
    @Path("/progress/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancelInProgress(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        sending.cancel(caller.get(), slug, id);
        return Response.seeOther(URI.create(base(slug, id) + "/progress")).build();
    }

    /**
     * Sends now to the ticked topics' readers (all when none), once {@code confirm} repeats the number
     * the page showed; or at {@code when}, a local date and time in the publication's zone. With
     * {@code webOnly}, publishes now on the web only, mailing no one (the page offers it when it showed
     * no subscriber, and {@code confirm} is that 0). A refusal comes back as the page with a note
     * (422), and nothing changes.
     */
    @POST
    @Path("/send")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response send(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @RestForm String csrf, @RestForm List<String> tags, @RestForm String confirm,
            @RestForm String when, @RestForm boolean webOnly, @RestForm String segment) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        List<String> chosen = tags == null || webOnly ? List.of() : tags;
        Long target = webOnly ? null : chosenSegment(publication, segment);
        OffsetDateTime at;
        try {
            at = webOnly ? null : at(publication, when);
            if (at == null) {
                List<String> normal = List.of(Audience.normalTags("tags", chosen));
                long count = target == null
                        ? audience.count(publication.id(), normal)
                        : segments.mailable(publication.id(), target, normal);
                StudioText text = Languages.studio(lang);
                if (confirm == null || confirm.isBlank()) {
                    return refused(lang, publication, id, chosen, target, when, Map.of(), text.confirmMissing());
                }
                if (!confirm.strip().equals(Long.toString(count))) {
                    return refused(lang, publication, id, chosen, target, when, Map.of(), text.audienceChanged(count));
                }
            }
            sending.send(caller.get(), slug, id, new Send(at, chosen.isEmpty() ? null : chosen, webOnly, target));
        } catch (DomainException e) {
            return refused(lang, publication, id, chosen, target, when, e);
        }
        return Response.seeOther(URI.create(base(slug, id) + (at == null ? "/progress" : "/send"))).build();
    }

    /** Moves a scheduled send to {@code when} (cancelled and scheduled again at once); back to the send page. */
    @POST
    @Path("/reschedule")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reschedule(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @RestForm String csrf, @RestForm String when) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        try {
            OffsetDateTime at = at(publication, when);
            if (at == null) {
                throw DomainException.invalidField("when", "required", "is required");
            }
            sending.reschedule(caller.get(), slug, id, at);
        } catch (DomainException e) {
            return refused(lang, publication, id, null, null, when, e);
        }
        return Response.seeOther(URI.create(base(slug, id) + "/send")).build();
    }

    /** The local date and time typed, in the publication's zone; null when none was. */
    private static OffsetDateTime at(PublicationRef publication, String when) {
        if (when == null || when.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(when.strip()).atZone(ZoneId.of(publication.timeZone())).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw DomainException.invalidField("when", "invalid_format", "must be a date and time");
        }
    }

    /** The segment picked on the page: one of the publication's, or none (an unknown one is none, and said so on sending). */
    private Long chosenSegment(PublicationRef publication, String segment) {
        if (segment == null || !segment.strip().matches("[0-9]{1,18}")) {
            return null;
        }
        long id = Long.parseLong(segment.strip());
        return segments.choices(publication.id()).stream().anyMatch(c -> c.id() == id) ? id : null;
    }

    private Response refused(String lang, PublicationRef publication, long id, List<String> tags, Long segment,
            String when, DomainException e) {
        if ("issue_not_sendable".equals(e.code())) {
            // sent or scheduled already (a second click, another tab): the send page says which
            return Response.seeOther(URI.create(base(publication.slug(), id) + "/send")).build();
        }
        StudioText text = Languages.studio(lang);
        if ("empty_audience".equals(e.code())) {
            String note = (tags == null || tags.isEmpty()) && segment == null
                    ? text.emptyAudienceEveryone()
                    : text.emptyAudience();
            return refused(lang, publication, id, tags, segment, when, Map.of(), note);
        }
        if (e.fieldErrors().isEmpty()) {
            throw e;
        }
        // the service names the time scheduledAt; on this page it is the field "when"
        Map<String, String> errors = FieldNotes.of(lang, e.fieldErrors(), t -> field -> switch (field) {
            case "tags" -> t.topics();
            default -> t.field_when();
        }).entrySet().stream().collect(Collectors.toMap(n -> "tags".equals(n.getKey()) ? "tags" : "when",
                Map.Entry::getValue, (a, b) -> a));
        return refused(lang, publication, id, tags, segment, when, errors, text.fixFields());
    }

    private Response refused(String lang, PublicationRef publication, long id, List<String> tags, Long segment,
            String when, Map<String, String> errors, String note) {
        IssueView issue = issues.get(caller.get(), publication.slug(), id);
        return Response.status(422).entity(page(lang, publication, issue, tags, segment, when, errors, note)).build();
    }

    private TemplateInstance page(String lang, PublicationRef publication, IssueView issue, List<String> tags,
            Long segment, String when, Map<String, String> errors, String note) {
        List<Audience.Topic> topics = audience.topics(publication.id());
        Map<String, String> names = topics.stream()
                .collect(Collectors.toMap(Audience.Topic::tag, Audience.Topic::label, (a, b) -> a));
        // a scheduled or started send keeps its own audience; a draft's is the ticked topics, nothing else
        List<String> chosen = "draft".equals(issue.status()) || "cancelled".equals(issue.status())
                ? topics.stream().map(Audience.Topic::tag).filter(tag -> tags != null && tags.contains(tag)).toList()
                : issue.tags();
        ZoneId zone = ZoneId.of(publication.timeZone());
        String scheduled = issue.scheduledAt() == null
                ? null
                : SHOWN.format(issue.scheduledAt().atZone(zone)) + " (" + zone.getId() + ")";
        String typed = when != null
                ? when
                : "scheduled".equals(issue.status()) && issue.scheduledAt() != null
                        ? LocalDateTime.ofInstant(issue.scheduledAt(), zone).truncatedTo(ChronoUnit.MINUTES).toString()
                        : "";
        // likewise the segment: the draft's as picked, the scheduled send's its own
        Long target = "draft".equals(issue.status()) || "cancelled".equals(issue.status()) ? segment : issue.segment();
        long count = target == null
                ? audience.count(publication.id(), chosen)
                : mailableOrZero(publication, target, chosen);
        // topics that reach no one are the writer's to change; no one at all is what web-only is for
        Form form = new Form(topics.stream().map(t -> new Choice(t.tag(), t.label(), chosen.contains(t.tag()))).toList(),
                chosen, chosen.stream().map(tag -> names.getOrDefault(tag, tag)).collect(Collectors.joining(", ")),
                count, typed, scheduled, errors, note, count == 0 && chosen.isEmpty() && target == null,
                segments.choices(publication.id()), target, target == null ? null : segments.name(target).orElse(null));
        return Templates.send(lang, publication, issue, form, guard.token(), caller.get().isAdmin()).setLocale(lang);
    }

    /** What a send to the segment would mail now; a segment deleted since (a send under way) counts none. */
    private long mailableOrZero(PublicationRef publication, long segment, List<String> tags) {
        try {
            return segments.mailable(publication.id(), segment, tags);
        } catch (DomainException e) {
            return 0;
        }
    }

    private static String base(String slug, long id) {
        return "/studio/publications/" + slug + "/issues/" + id;
    }
}
