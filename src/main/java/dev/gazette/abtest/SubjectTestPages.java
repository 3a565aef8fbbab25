package dev.gazette.abtest;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.Authenticated;
import jakarta.validation.ConstraintViolation;
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

import dev.gazette.abtest.SubjectTestRequests.SaveTest;
import dev.gazette.abtest.SubjectTestRequests.VariantWords;
import dev.gazette.abtest.SubjectTestViews.View;
import dev.gazette.account.CurrentCaller;
import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.issue.IssueStates;
import dev.gazette.issue.IssueStatus;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * The studio's subject test page of an issue: the variants and settings while the issue is a draft
 * or scheduled; once its send has started, each variant's numbers, the winner and how it was
 * chosen, and a button per variant to pick it by hand. Every form carries {@code csrf}; a refused
 * form comes back 422 as typed, with why, and changes nothing.
 */
@Path("/studio/publications/{slug}/issues/{id: \\d+}/subject-test")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class SubjectTestPages {

    /** The form: four rows of subject and preheader (empty rows left out), the sample, the hours, the metric. */
    record Form(List<Row> rows, String sample, String hours, String metric) {
    }

    record Row(int number, String subject, String preheader) {
    }

    /** What the page shows besides the form: the issue, whether it may change, the test's state in words. */
    record Page(PublicationRef publication, long issueId, String issueTitle, boolean editable, View test, String state) {
    }

    @CheckedTemplate(basePath = "abtest")
    static class Templates {
        static native TemplateInstance subjectTest(String lang, Page page, Form form, int minimum, String error,
                boolean saved, String csrf, boolean admin);
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final SubjectTestService tests;
    private final Publications publications;
    private final IssueStates issues;
    private final SubjectTestConfig config;
    private final CurrentCaller caller;
    private final FormGuard guard;
    private final Validator validator;

    SubjectTestPages(SubjectTestService tests, Publications publications, IssueStates issues, SubjectTestConfig config,
            CurrentCaller caller, FormGuard guard, Validator validator) {
        this.tests = tests;
        this.publications = publications;
        this.issues = issues;
        this.config = config;
        this.caller = caller;
        this.guard = guard;
        this.validator = validator;
    }

    @GET
    public TemplateInstance show(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @QueryParam("saved") String saved) {
        Optional<View> test = tests.find(caller.get(), slug, id);
        return page(Languages.of(languages), slug, id, test.map(SubjectTestPages::form).orElseGet(SubjectTestPages::blank),
                null, saved != null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @RestForm String csrf, @RestForm("subject") List<String> subjects,
            @RestForm("preheader") List<String> preheaders, @RestForm String sample, @RestForm String hours,
            @RestForm String metric) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        List<Row> rows = new ArrayList<>();
        List<VariantWords> variants = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String subject = subjects != null && i < subjects.size() ? orEmpty(subjects.get(i)) : "";
            String preheader = preheaders != null && i < preheaders.size() ? orEmpty(preheaders.get(i)) : "";
            rows.add(new Row(i + 1, subject, preheader));
            if (!subject.isBlank() || !preheader.isBlank()) {
                variants.add(new VariantWords(subject.strip(), preheader.isBlank() ? null : preheader.strip()));
            }
        }
        Form form = new Form(rows, orEmpty(sample).strip(), orEmpty(hours).strip(), orEmpty(metric));
        Integer minutes = number(form.hours()) == null ? null : (int) Math.min(Integer.MAX_VALUE, number(form.hours()) * 60);
        Integer percent = number(form.sample()) == null ? null : (int) Math.min(Integer.MAX_VALUE, number(form.sample()));
        SaveTest request = new SaveTest(variants, percent, minutes, form.metric());
        String refused = refusal(words(lang), validator.validate(request));
        if (refused == null) {
            try {
                tests.save(caller.get(), slug, id, request);
                return Response.seeOther(URI.create(base(slug, id) + "?saved=1")).build();
            } catch (DomainException e) {
                refused = refusal(words(lang), e);
            }
        }
        return Response.status(422).entity(page(lang, slug, id, form, refused, false)).build();
    }

    @POST
    @Path("/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        tests.remove(caller.get(), slug, id);
        return Response.seeOther(URI.create(base(slug, id))).build();
    }

    @POST
    @Path("/winner")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response pick(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @RestForm String csrf, @RestForm String variant) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        Long number = number(variant);
        try {
            if (number == null || number < 1 || number > 4) {
                throw SubjectTestErrors.noSuchVariant();
            }
            tests.pick(caller.get(), slug, id, number.intValue());
            return Response.seeOther(URI.create(base(slug, id))).build();
        } catch (DomainException e) {
            Form form = tests.find(caller.get(), slug, id).map(SubjectTestPages::form).orElseGet(SubjectTestPages::blank);
            return Response.status(e.kind() == DomainException.Kind.CONFLICT ? 409 : 422)
                    .entity(page(lang, slug, id, form, refusal(words(lang), e), false)).build();
        }
    }

    private TemplateInstance page(String lang, String slug, long id, Form form, String error, boolean saved) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        IssueStatus status = issues.statusOf(publication.id(), id).orElseThrow(SubjectTestErrors::issueNotFound);
        View test = tests.find(caller.get(), slug, id).orElse(null);
        boolean editable = status == IssueStatus.draft || status == IssueStatus.scheduled;
        String title = issues.titleOf(publication.id(), id).orElse("");
        return Templates.subjectTest(lang, new Page(publication, id, title, editable, test, state(words(lang), test)),
                form, config.minimumPerVariant(), error, saved, guard.token(), caller.get().isAdmin()).setLocale(lang);
    }

    /** The test's state in a sentence; null before the send. */
    private static String state(SubjectTestText words, View test) {
        if (test == null || "ready".equals(test.state())) {
            return null;
        }
        return switch (test.state()) {
            case "testing" -> words.testing(test.perVariant(), test.held(), when(test.decideAt()));
            case "stopped" -> words.stopped();
            default -> "hand".equals(test.decidedBy())
                    ? words.decidedByHand(test.winner(), when(test.decidedAt()))
                    : words.decidedByMetric(test.winner(),
                            "clicks".equals(test.metric()) ? words.word_clicks() : words.word_opens(),
                            when(test.decidedAt()));
        };
    }

    private static String when(Instant at) {
        return at == null ? "" : WHEN.format(at);
    }

    private static Form form(View test) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SubjectTestViews.VariantView v = i < test.variants().size() ? test.variants().get(i) : null;
            rows.add(new Row(i + 1, v == null ? "" : v.subject(), v == null || v.preheader() == null ? "" : v.preheader()));
        }
        return new Form(rows, String.valueOf(test.samplePercent()), String.valueOf(test.waitMinutes() / 60), test.metric());
    }

    private static Form blank() {
        return new Form(List.of(new Row(1, "", ""), new Row(2, "", ""), new Row(3, "", ""), new Row(4, "", "")), "20", "4",
                "opens");
    }

    static SubjectTestText words(String lang) {
        return MessageBundles.get(SubjectTestText.class, Localized.Literal.of(lang));
    }

    /** The first refused field in words; null when there is none. */
    private static <T> String refusal(SubjectTestText words, Set<ConstraintViolation<T>> violations) {
        return violations.stream().map(v -> v.getPropertyPath().toString()).sorted().findFirst()
                .map(field -> inWords(words, field)).orElse(null);
    }

    private static String refusal(SubjectTestText words, DomainException e) {
        return switch (e.code()) {
            case "subject_test_locked" -> words.locked();
            case "subject_test_needs_tracking" -> words.noTracking();
            case "subject_test_decided" -> words.error_decided();
            case "subject_test_not_started", "subject_test_not_found" -> words.error_notStarted();
            case "subject_test_stopped" -> words.stopped();
            default -> e.fieldErrors().isEmpty() ? e.getMessage() : inWords(words, e.fieldErrors().get(0).field());
        };
    }

    private static String inWords(SubjectTestText words, String field) {
        if (field.contains("preheader")) {
            return words.error_preheader();
        }
        if (field.startsWith("samplePercent")) {
            return words.error_sample();
        }
        if (field.startsWith("waitMinutes")) {
            return words.error_wait();
        }
        if (field.startsWith("metric")) {
            return words.error_metric();
        }
        return words.error_subjects();
    }

    static String base(String slug, long id) {
        return "/studio/publications/" + slug + "/issues/" + id + "/subject-test";
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static Long number(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
