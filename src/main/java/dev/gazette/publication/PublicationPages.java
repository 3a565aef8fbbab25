package dev.gazette.publication;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.validation.Validator;
import jakarta.ws.rs.BeanParam;
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
import dev.gazette.core.FieldError;
import dev.gazette.core.FieldNotes;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.core.StudioText;
import dev.gazette.publication.PublicationRequests.CreatePublication;
import dev.gazette.publication.PublicationRequests.UpdatePublication;

/**
 * The studio's publication pages: a new publication, and its settings. Each form is posted with
 * the page's CSRF token; a refusal shows the page again with what was typed and a note next to
 * each field at fault, in the writer's language, and changes nothing.
 */
@Path("/studio/publications")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class PublicationPages {

    /** What the form holds, as typed. */
    record Form(String slug, String name, String tagline, String description, String category, String locale,
            String timeZone, String senderName, String senderEmail, String replyTo, String copyrightNotice,
            String tipPrice, String tipCurrency, boolean tracking) {

        static Form of(PublicationView p) {
            return new Form(p.slug(), p.name(), p.tagline(), p.description(), p.category(), p.locale(), p.timeZone(),
                    p.senderName(), p.senderEmail(), p.replyTo(), p.copyrightNotice(),
                    p.tipPrice() == null ? null : p.tipPrice().stripTrailingZeros().toPlainString(), p.tipCurrency(),
                    p.tracking());
        }

        static Form blank(String lang, String email) {
            return new Form("", "", "", "", "", lang, "", "", email, "", "", "", "", true);
        }
    }

    /** The fields of the posted form, as the browser sent them (a checkbox left unticked is absent). */
    public static class Posted {
        @RestForm
        public String csrf;
        @RestForm
        public String slug;
        @RestForm
        public String name;
        @RestForm
        public String tagline;
        @RestForm
        public String description;
        @RestForm
        public String category;
        @RestForm
        public String locale;
        @RestForm
        public String timeZone;
        @RestForm
        public String senderName;
        @RestForm
        public String senderEmail;
        @RestForm
        public String replyTo;
        @RestForm
        public String copyrightNotice;
        @RestForm
        public String tipPrice;
        @RestForm
        public String tipCurrency;
        @RestForm
        public String tracking;

        Form form(String slug) {
            return new Form(slug, name, tagline, description, category, locale, timeZone, senderName, senderEmail,
                    replyTo, copyrightNotice, tipPrice, tipCurrency, tracking != null);
        }
    }

    @CheckedTemplate(basePath = "publication")
    static class Templates {
        static native TemplateInstance form(String lang, boolean creating, Form form, Map<String, String> errors,
                boolean saved, String csrf, boolean admin, String status);
    }

    private final PublicationService publications;
    private final CurrentCaller caller;
    private final FormGuard guard;
    private final Validator validator;

    PublicationPages(PublicationService publications, CurrentCaller caller, FormGuard guard, Validator validator) {
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
        this.validator = validator;
    }

    @GET
    @Path("/new")
    public TemplateInstance blank(@HeaderParam("Accept-Language") String languages) {
        String lang = Languages.of(languages);
        return page(lang, true, Form.blank(lang, ""), Map.of(), false, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@HeaderParam("Accept-Language") String languages, @BeanParam Posted posted) {
        guard.check(posted.csrf);
        String lang = Languages.of(languages);
        Form form = posted.form(trim(posted.slug));
        try {
            BigDecimal price = price(form.tipPrice());
            // an optional field left empty is not given at all
            CreatePublication request = new CreatePublication(form.slug(), form.name(), empty(form.tagline()),
                    empty(form.description()), empty(form.category()), form.locale(), empty(form.timeZone()),
                    form.senderName(), form.senderEmail(), empty(form.replyTo()), empty(form.copyrightNotice()), price,
                    empty(form.tipCurrency()), form.tracking());
            FieldNotes.check(validator.validate(request), List.of());
            PublicationView created = publications.create(caller.get(), request);
            return Response.seeOther(URI.create("/studio/publications/" + created.slug() + "/settings?saved=1")).build();
        } catch (DomainException e) {
            return refused(lang, true, form, e, null);
        }
    }

    @GET
    @Path("/{slug}/settings")
    public TemplateInstance settings(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @QueryParam("saved") String saved) {
        PublicationView publication = publications.get(caller.get(), slug);
        return page(Languages.of(languages), false, Form.of(publication), Map.of(), saved != null, publication.status());
    }

    @POST
    @Path("/{slug}/settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @BeanParam Posted posted) {
        guard.check(posted.csrf);
        String lang = Languages.of(languages);
        PublicationView current = publications.get(caller.get(), slug); // 404 for a publication not theirs
        Form form = posted.form(current.slug());
        try {
            BigDecimal price = price(form.tipPrice());
            UpdatePublication request = new UpdatePublication(required(form.name()), orEmpty(form.tagline()),
                    orEmpty(form.description()), orEmpty(form.category()), form.locale(), orEmpty(form.timeZone()),
                    required(form.senderName()), required(form.senderEmail()), orEmpty(form.replyTo()),
                    orEmpty(form.copyrightNotice()), price, empty(form.tipCurrency()), form.tracking());
            List<FieldError> missing = missing(request);
            FieldNotes.check(validator.validate(request), missing);
            publications.update(caller.get(), slug, request, price == null);
            return Response.seeOther(URI.create("/studio/publications/" + slug + "/settings?saved=1")).build();
        } catch (DomainException e) {
            return refused(lang, false, form, e, current.status());
        }
    }

    private TemplateInstance page(String lang, boolean creating, Form form, Map<String, String> errors, boolean saved,
            String status) {
        return Templates.form(lang, creating, form, errors, saved, guard.token(), caller.get().isAdmin(), status)
                .setLocale(lang);
    }

    /** The page again, with what was typed and a note next to each field at fault: 422 (409 for a taken slug). */
    private Response refused(String lang, boolean creating, Form form, DomainException e, String status) {
        if (e.fieldErrors().isEmpty()) {
            throw e; // not about a field (a suspended or missing publication): the usual problem answer
        }
        Map<String, String> errors = FieldNotes.of(lang, e.fieldErrors(), PublicationPages::label);
        int code = "slug_taken".equals(e.code()) ? 409 : 422;
        return Response.status(code).entity(page(lang, creating, form, errors, false, status)).build();
    }

    /** The field's label on the form. */
    private static Function<String, String> label(StudioText text) {
        return field -> switch (field) {
            case "slug" -> text.field_slug();
            case "name" -> text.field_name();
            case "tagline" -> text.field_tagline();
            case "description" -> text.field_description();
            case "category" -> text.field_category();
            case "locale" -> text.field_locale();
            case "timeZone" -> text.field_timeZone();
            case "senderName" -> text.field_senderName();
            case "senderEmail" -> text.field_senderEmail();
            case "replyTo" -> text.field_replyTo();
            case "copyrightNotice" -> text.field_copyrightNotice();
            case "tipPrice" -> text.field_tipPrice();
            case "tipCurrency" -> text.field_tipCurrency();
            default -> field;
        };
    }

    /** The settings form always sends the fields a publication cannot be without: empty is refused, not kept. */
    private static List<FieldError> missing(UpdatePublication request) {
        List<FieldError> missing = new java.util.ArrayList<>();
        if (request.name() == null) {
            missing.add(new FieldError("name", "required", "is required"));
        }
        if (request.senderName() == null) {
            missing.add(new FieldError("senderName", "required", "is required"));
        }
        if (request.senderEmail() == null) {
            missing.add(new FieldError("senderEmail", "required", "is required"));
        }
        return missing;
    }

    private static BigDecimal price(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(typed.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw DomainException.invalidField("tipPrice", "invalid_number", "is not a number");
        }
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }

    private static String empty(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String required(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
