package dev.gazette.subscriber;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.ClientAddresses;
import dev.gazette.core.DomainException;
import dev.gazette.core.EmailAddresses;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.core.StudioText;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.subscriber.SubscriberRequests.AddSubscriber;
import dev.gazette.subscriber.SubscriberViews.SubscriberView;

/**
 * The studio's subscriber table of a publication (search, filters, counts per status, keyset
 * pages) and the form that adds one subscriber.
 */
@Path("/studio/publications/{slug}/subscribers")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class SubscribersPage {

    /** The filters as the writer typed them, to show them again. */
    record Shown(String q, String status, String tag, String source, String from, String to) {
    }

    record AddForm(String email, String name, String tags, boolean doubleOptIn, String consentNote) {
    }

    @CheckedTemplate(basePath = "subscriber")
    static class Templates {
        static native TemplateInstance subscribers(String lang, PublicationRef publication, Shown shown,
                SubscriberTable.Page page, Map<String, Long> counts, String filters, String error, String notice,
                String csrf, boolean admin);

        static native TemplateInstance subscriberNew(String lang, PublicationRef publication, AddForm form,
                Map<String, String> errors, String error, String csrf, boolean admin);
    }

    private final SubscriberTable table;
    private final SubscriberService subscribers;
    private final Publications publications;
    private final CurrentCaller caller;
    private final FormGuard guard;
    private final ClientAddresses clients;

    SubscribersPage(SubscriberTable table, SubscriberService subscribers, Publications publications,
            CurrentCaller caller, FormGuard guard, ClientAddresses clients) {
        this.table = table;
        this.subscribers = subscribers;
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
        this.clients = clients;
    }

    @GET
    public Response list(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @QueryParam("q") String q, @QueryParam("status") String status, @QueryParam("tag") String tag,
            @QueryParam("source") String source, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("after") Long after, @QueryParam("before") Long before, @QueryParam("done") String done) {
        String lang = Languages.of(languages);
        StudioText text = Languages.studio(lang);
        AudienceText words = SubscribersPage.words(lang);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        Shown shown = new Shown(blankToNull(q), blankToNull(status), blankToNull(tag), blankToNull(source),
                blankToNull(from), blankToNull(to));
        List<String> wrong = new ArrayList<>();
        SubscriberStatus wantedStatus = shown.status() == null ? null : parse(shown.status(), words.filterStatus(), wrong);
        String wantedTag = shown.tag() == null ? null : Tags.normalize(shown.tag()).orElse(null);
        if (shown.tag() != null && wantedTag == null) {
            wrong.add(words.filterTag());
        }
        if (shown.source() != null && !List.of(Consent.FORM, Consent.IMPORT, Consent.API).contains(shown.source())) {
            wrong.add(words.filterSource());
        }
        LocalDate fromDate = date(shown.from(), words.filterFrom(), wrong);
        LocalDate toDate = date(shown.to(), words.filterTo(), wrong);
        if (shown.q() != null && shown.q().length() > EmailAddresses.MAX_LENGTH) {
            wrong.add(text.search());
        }
        Map<String, Long> counts = table.counts(publication.id());
        String notice = "erased".equals(done) ? words.erased() : null;
        if (!wrong.isEmpty()) {
            String error = words.error_invalid_filter(String.join(", ", wrong));
            return Response.status(422).entity(page(lang, publication, shown, new SubscriberTable.Page(List.of(), null,
                    null), counts, error, notice)).build();
        }
        SubscriberTable.Filter filter = new SubscriberTable.Filter(shown.q(), wantedStatus, wantedTag, shown.source(),
                fromDate, toDate);
        SubscriberTable.Page rows = table.page(publication.id(), filter, ZoneId.of(publication.timeZone()), after,
                before);
        return Response.ok(page(lang, publication, shown, rows, counts, null, notice)).build();
    }

    @GET
    @Path("/new")
    public TemplateInstance addForm(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug) {
        String lang = Languages.of(languages);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        return addPage(lang, publication, new AddForm("", "", "", false, ""), Map.of(), null);
    }

    /** Adds one subscriber and opens their page; a refused address comes back as typed, with why. */
    @POST
    @Path("/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @RestForm String csrf, @RestForm String email, @RestForm String name, @RestForm String tags,
            @RestForm String doubleOptIn, @RestForm String consentNote, @Context HttpServerRequest http) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        StudioText text = Languages.studio(lang);
        AudienceText words = SubscribersPage.words(lang);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        AddForm form = new AddForm(email, name, tags, doubleOptIn != null, consentNote);
        Map<String, String> errors = new LinkedHashMap<>();
        if (email == null || EmailAddresses.normalize(email).isEmpty()) {
            errors.put("email", words.error_subscriber_email());
        }
        if (name != null && name.length() > SubscriberRequests.NAME_MAX) {
            errors.put("name", text.field_name() + ("ko".equals(lang) ? "" : " ") + text.error_invalid_length());
        }
        if (consentNote != null && consentNote.length() > 500) {
            errors.put("consentNote", words.field_consentNote() + ("ko".equals(lang) ? "" : " ")
                    + text.error_invalid_length());
        }
        if (!errors.isEmpty()) {
            return Response.status(422).entity(addPage(lang, publication, form, errors, null)).build();
        }
        try {
            SubscriberView added = subscribers.add(caller.get(), slug, new AddSubscriber(email, name, tagList(tags), null,
                    doubleOptIn != null, consentNote), clients.of(http));
            return Response.seeOther(URI.create("/studio/publications/" + slug + "/subscribers/" + added.id() + "?done=added"))
                    .build();
        } catch (DomainException e) {
            String code = e.fieldErrors().isEmpty() ? e.code() : e.fieldErrors().get(0).code();
            String why = switch (code) {
                case "subscriber_exists" -> words.error_subscriber_exists();
                case "address_suppressed" -> words.error_address_suppressed();
                case "invalid_tag" -> text.error_invalid_tag();
                case "too_many_tags" -> words.error_too_many_tags();
                case "invalid_email" -> words.error_subscriber_email();
                case "invalid_length", "line_break", "invalid_encoding" -> text.field_name() + ("ko".equals(lang) ? "" : " ")
                        + text.error_invalid_format();
                default -> throw e;
            };
            return Response.status(e.kind() == DomainException.Kind.CONFLICT ? 409 : 422)
                    .entity(addPage(lang, publication, form, Map.of(), why)).build();
        }
    }

    /** The subscriber pages' words in this language ({@code ko} or {@code en}). */
    static AudienceText words(String lang) {
        return MessageBundles.get(AudienceText.class, Localized.Literal.of(lang));
    }

    /** The tags a form field holds, separated by commas; null when it holds none. */
    static List<String> tagList(String tags) {
        if (tags == null || tags.isBlank()) {
            return null;
        }
        return Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    private TemplateInstance page(String lang, PublicationRef publication, Shown shown, SubscriberTable.Page rows,
            Map<String, Long> counts, String error, String notice) {
        return Templates.subscribers(lang, publication, shown, rows, counts, filters(shown), error, notice, guard.token(),
                caller.get().isAdmin()).setLocale(lang);
    }

    private TemplateInstance addPage(String lang, PublicationRef publication, AddForm form, Map<String, String> errors,
            String error) {
        return Templates.subscriberNew(lang, publication, form, errors, error, guard.token(), caller.get().isAdmin())
                .setLocale(lang);
    }

    /** The filters as a query string to which a page link adds its id ({@code q=...&status=...&}). */
    private static String filters(Shown shown) {
        StringBuilder query = new StringBuilder();
        append(query, "q", shown.q());
        append(query, "status", shown.status());
        append(query, "tag", shown.tag());
        append(query, "source", shown.source());
        append(query, "from", shown.from());
        append(query, "to", shown.to());
        return query.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
        }
    }

    private static SubscriberStatus parse(String status, String label, List<String> wrong) {
        try {
            return SubscriberStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            wrong.add(label);
            return null;
        }
    }

    private static LocalDate date(String value, String label, List<String> wrong) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            wrong.add(label);
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
