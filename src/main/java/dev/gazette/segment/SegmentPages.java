package dev.gazette.segment;

import java.net.URI;
import java.util.List;
import java.util.Map;

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
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.segment.SegmentRequests.CreateSegment;
import dev.gazette.segment.SegmentRequests.UpdateSegment;
import dev.gazette.segment.SegmentViews.CountView;
import dev.gazette.segment.SegmentViews.MembersView;
import dev.gazette.segment.SegmentViews.SegmentView;

/**
 * The studio's segments: the list with each one's numbers, and the editor, whose count follows the
 * conditions as they are typed (a small script asks {@code count}; without scripts the Count button
 * does). Every form carries {@code csrf}; a refused form comes back 422 as typed, saying which
 * condition is wrong, and nothing changes.
 */
@Path("/studio/publications/{slug}/segments")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class SegmentPages {

    private static final int PREVIEW = 20;

    @CheckedTemplate(basePath = "segment")
    static class Templates {
        static native TemplateInstance segments(String lang, PublicationRef publication, List<SegmentView> segments,
                String csrf, boolean admin);

        static native TemplateInstance segment(String lang, PublicationRef publication, Long id, SegmentForm form,
                CountView counts, String error, boolean saved, MembersView members, String csrf, boolean admin);
    }

    private final SegmentService segments;
    private final Publications publications;
    private final CurrentCaller caller;
    private final FormGuard guard;

    SegmentPages(SegmentService segments, Publications publications, CurrentCaller caller, FormGuard guard) {
        this.segments = segments;
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    public TemplateInstance list(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug) {
        String lang = Languages.of(languages);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        return Templates.segments(lang, publication, segments.list(caller.get(), slug), guard.token(),
                caller.get().isAdmin()).setLocale(lang);
    }

    @GET
    @Path("/new")
    public TemplateInstance blank(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug) {
        String lang = Languages.of(languages);
        return page(lang, slug, null, SegmentForm.empty(), null, null, false);
    }

    /** Creates the segment ({@code action} save), or shows the form again counted ({@code count}) or longer ({@code more}). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @RestForm String csrf, @RestForm String action, @RestForm String name, @RestForm String match,
            @RestForm String matchA, @RestForm String matchB, @RestForm("condition") List<String> conditions,
            @RestForm("key") List<String> keys, @RestForm("value") List<String> values,
            @RestForm("in") List<String> ins) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        SegmentForm form = SegmentForm.of(name, match, matchA, matchB, conditions, keys, values, ins);
        SegmentForm.Built built = form.filter();
        if ("more".equals(action) || "count".equals(action)) {
            return again(lang, slug, null, form, action, built);
        }
        if (form.name().isBlank() || form.name().strip().length() > 120) {
            return refused(lang, slug, null, form, SegmentForm.words(lang).error_name());
        }
        try {
            SegmentView created = segments.create(caller.get(), slug, new CreateSegment(form.name(), built.json()));
            return Response.seeOther(URI.create(base(slug) + "/" + created.id() + "?saved=1")).build();
        } catch (DomainException e) {
            return refused(lang, slug, null, form, refusal(lang, built, e));
        }
    }

    @GET
    @Path("/{id: \\d+}")
    public TemplateInstance show(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @QueryParam("saved") String saved) {
        String lang = Languages.of(languages);
        SegmentView segment = segments.get(caller.get(), slug, id);
        SegmentForm form = SegmentForm.of(segment.name(), segments.filterOf(caller.get(), slug, id));
        return page(lang, slug, id, form, new CountView(segment.matching(), segment.mailable()), null, saved != null);
    }

    @POST
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @RestForm String csrf, @RestForm String action, @RestForm String name,
            @RestForm String match, @RestForm String matchA, @RestForm String matchB,
            @RestForm("condition") List<String> conditions, @RestForm("key") List<String> keys,
            @RestForm("value") List<String> values, @RestForm("in") List<String> ins, @RestForm String tooDeep) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        SegmentView segment = segments.get(caller.get(), slug, id);
        if (tooDeep != null) {
            // a filter the editor cannot show keeps its filter; only the name changes here
            SegmentForm kept = SegmentForm.of(orEmpty(name), segments.filterOf(caller.get(), slug, id));
            if (kept.name().isBlank() || kept.name().strip().length() > 120) {
                return refused(lang, slug, id, kept, SegmentForm.words(lang).error_name());
            }
            segments.update(caller.get(), slug, id, new UpdateSegment(kept.name(), null));
            return Response.seeOther(URI.create(base(slug) + "/" + id + "?saved=1")).build();
        }
        SegmentForm form = SegmentForm.of(name, match, matchA, matchB, conditions, keys, values, ins);
        SegmentForm.Built built = form.filter();
        if ("more".equals(action) || "count".equals(action)) {
            return again(lang, slug, segment.id(), form, action, built);
        }
        if (form.name().isBlank() || form.name().strip().length() > 120) {
            return refused(lang, slug, id, form, SegmentForm.words(lang).error_name());
        }
        try {
            segments.update(caller.get(), slug, id, new UpdateSegment(form.name(), built.json()));
            return Response.seeOther(URI.create(base(slug) + "/" + id + "?saved=1")).build();
        } catch (DomainException e) {
            return refused(lang, slug, id, form, refusal(lang, built, e));
        }
    }

    @POST
    @Path("/{id: \\d+}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        try {
            segments.delete(caller.get(), slug, id);
        } catch (DomainException e) {
            if (!"segment_in_use".equals(e.code())) {
                throw e;
            }
            String lang = Languages.of(languages);
            SegmentView segment = segments.get(caller.get(), slug, id);
            SegmentForm form = SegmentForm.of(segment.name(), segments.filterOf(caller.get(), slug, id));
            return Response.status(409).entity(page(lang, slug, id, form,
                    new CountView(segment.matching(), segment.mailable()), SegmentForm.words(lang).error_in_use(), false))
                    .build();
        }
        return Response.seeOther(URI.create(base(slug))).build();
    }

    /**
     * The live count of the editor's conditions as they stand: the same fields as the form, read
     * only (no token needed, nothing changes). While a condition is incomplete, which is normal as
     * one types, the answer is still 200, with the refusal in words ({@code error}) in place of numbers.
     */
    @GET
    @Path("/count")
    @Produces(MediaType.APPLICATION_JSON)
    public Response count(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @QueryParam("match") String match, @QueryParam("matchA") String matchA, @QueryParam("matchB") String matchB,
            @QueryParam("condition") List<String> conditions, @QueryParam("key") List<String> keys,
            @QueryParam("value") List<String> values, @QueryParam("in") List<String> ins) {
        String lang = Languages.of(languages);
        SegmentForm form = SegmentForm.of("", match, matchA, matchB, conditions, keys, values, ins);
        SegmentForm.Built built = form.filter();
        try {
            return Response.ok(segments.count(caller.get(), slug, built.json())).build();
        } catch (DomainException e) {
            if (!"validation_failed".equals(e.code())) {
                throw e;
            }
            return Response.ok(Map.of("error", refusal(lang, built, e))).build();
        }
    }

    /** The form again, counted or with more blank rows, saving nothing. */
    private Response again(String lang, String slug, Long id, SegmentForm form, String action, SegmentForm.Built built) {
        if ("more".equals(action)) {
            return Response.ok(page(lang, slug, id, form.withBlankRows(form.blankRows() + SegmentForm.BLANK_ROWS), null,
                    null, false)).build();
        }
        try {
            return Response.ok(page(lang, slug, id, form, segments.count(caller.get(), slug, built.json()), null, false))
                    .build();
        } catch (DomainException e) {
            return refused(lang, slug, id, form, refusal(lang, built, e));
        }
    }

    private static String refusal(String lang, SegmentForm.Built built, DomainException e) {
        if (e.fieldErrors().isEmpty()) {
            throw e;
        }
        if (e.fieldErrors().stream().allMatch(f -> "name".equals(f.field()))) {
            return SegmentForm.words(lang).error_name();
        }
        return SegmentForm.refusal(lang, built, e);
    }

    private Response refused(String lang, String slug, Long id, SegmentForm form, String error) {
        return Response.status(422).entity(page(lang, slug, id, form, null, error, false)).build();
    }

    private TemplateInstance page(String lang, String slug, Long id, SegmentForm form, CountView counts, String error,
            boolean saved) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        MembersView members = id == null ? null : segments.members(caller.get(), slug, id, 0, PREVIEW);
        return Templates.segment(lang, publication, id, form.rows().isEmpty() && !form.tooDeep()
                ? form.withBlankRows(SegmentForm.BLANK_ROWS)
                : form, counts, error, saved, members, guard.token(), caller.get().isAdmin()).setLocale(lang);
    }

    static String base(String slug) {
        return "/studio/publications/" + slug + "/segments";
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
