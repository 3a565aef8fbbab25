package dev.gazette.rss;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
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

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.issue.StepMessages;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.rss.FeedRequests.CreateFeed;
import dev.gazette.rss.FeedRequests.UpdateFeed;
import dev.gazette.rss.FeedViews.FeedView;
import dev.gazette.rss.FeedViews.ItemView;

/**
 * The studio's feeds: the publication's followed feeds with a form to follow one, and one feed with
 * its last fetch in words, a "fetch now", its settings, and the posts seen with the issues they
 * became. Every form carries {@code csrf}; a refused form comes back 422 as typed, with why, and
 * changes nothing.
 */
@Path("/studio/publications/{slug}/feeds")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class FeedPages {

    /** A feed's settings as the form holds them. */
    record Form(String url, String mode, String digestEvery, String digestTime, int digestWeekday, String titlePattern,
            String tags, long templateId, boolean enabled, boolean includeLatest) {

        static final Form EMPTY = new Form("", "draft", "weekly", "08:00", 1, "", "", 0, true, false);

        static Form of(FeedView f) {
            return new Form(f.url(), f.mode(), f.digestEvery() == null ? "weekly" : f.digestEvery(),
                    f.digestTime() == null ? "08:00" : f.digestTime(), f.digestWeekday() == null ? 1 : f.digestWeekday(),
                    f.titlePattern() == null ? "" : f.titlePattern(), String.join(", ", f.tags()),
                    f.templateId() == null ? 0 : f.templateId(), f.enabled(), f.includeLatest());
        }
    }

    @CheckedTemplate(basePath = "rss")
    static class Templates {
        static native TemplateInstance feeds(String lang, PublicationRef publication, List<FeedView> feeds,
                List<StepMessages.Layout> layouts, Form form, String error, String csrf, boolean admin);

        static native TemplateInstance feed(String lang, PublicationRef publication, FeedView feed, List<ItemView> items,
                List<StepMessages.Layout> layouts, Form form, String error, String notice, String csrf, boolean admin);
    }

    private final FeedService feeds;
    private final FeedActivity activity;
    private final Publications publications;
    private final StepMessages layouts;
    private final CurrentCaller caller;
    private final FormGuard guard;
    private final Validator validator;

    FeedPages(FeedService feeds, FeedActivity activity, Publications publications, StepMessages layouts,
            CurrentCaller caller, FormGuard guard, Validator validator) {
        this.feeds = feeds;
        this.activity = activity;
        this.publications = publications;
        this.layouts = layouts;
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
            @RestForm String csrf, @RestForm String url, @RestForm String mode, @RestForm String digestEvery,
            @RestForm String digestTime, @RestForm String digestWeekday, @RestForm String titlePattern,
            @RestForm String tags, @RestForm String templateId, @RestForm String includeLatest) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        Form form = new Form(orEmpty(url), orEmpty(mode), orEmpty(digestEvery), orEmpty(digestTime), number(digestWeekday),
                orEmpty(titlePattern), orEmpty(tags), number(templateId), true, includeLatest != null);
        boolean digest = FollowedFeed.DIGEST.equals(form.mode());
        CreateFeed request = new CreateFeed(form.url(), form.mode(), digest ? form.digestEvery() : null,
                digest ? form.digestTime() : null,
                digest && "weekly".equals(form.digestEvery()) ? form.digestWeekday() : null, form.titlePattern(),
                tagList(form.tags()), form.templateId(), true, form.includeLatest());
        String refused = refusal(lang, validator.validate(request));
        if (refused == null) {
            try {
                FeedView created = feeds.create(caller.get(), slug, request);
                return Response.seeOther(URI.create(base(slug) + "/" + created.id())).build();
            } catch (DomainException e) {
                refused = refusal(lang, e);
            }
        }
        return Response.status(422).entity(listPage(lang, slug, form, refused)).build();
    }

    @GET
    @Path("/{id: \\d+}")
    public TemplateInstance show(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @QueryParam("saved") String saved, @QueryParam("fetched") String fetched) {
        String lang = Languages.of(languages);
        FeedView feed = feeds.get(caller.get(), slug, id);
        FeedText words = words(lang);
        String notice = saved != null ? words.saved() : fetched != null ? words.fetched() : null;
        return feedPage(lang, slug, feed, Form.of(feed), null, notice);
    }

    @POST
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @RestForm String csrf, @RestForm String url, @RestForm String mode,
            @RestForm String digestEvery, @RestForm String digestTime, @RestForm String digestWeekday,
            @RestForm String titlePattern, @RestForm String tags, @RestForm String templateId,
            @RestForm String enabled) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        FeedView current = feeds.get(caller.get(), slug, id);
        Form form = new Form(orEmpty(url), orEmpty(mode), orEmpty(digestEvery), orEmpty(digestTime), number(digestWeekday),
                orEmpty(titlePattern), orEmpty(tags), number(templateId), enabled != null, current.includeLatest());
        boolean digest = FollowedFeed.DIGEST.equals(form.mode());
        UpdateFeed request = new UpdateFeed(form.url(), form.mode(), digest ? form.digestEvery() : null,
                digest ? form.digestTime() : null, digest && "weekly".equals(form.digestEvery()) ? form.digestWeekday() : null,
                form.titlePattern(), tagList(form.tags()), form.templateId(), form.enabled());
        String refused = refusal(lang, validator.validate(request));
        if (refused == null) {
            try {
                feeds.update(caller.get(), slug, id, request);
                return Response.seeOther(URI.create(base(slug) + "/" + id + "?saved=1")).build();
            } catch (DomainException e) {
                refused = refusal(lang, e);
            }
        }
        return Response.status(422).entity(feedPage(lang, slug, current, form, refused, null)).build();
    }

    @POST
    @Path("/{id: \\d+}/fetch")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response fetch(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        try {
            activity.fetchNow(caller.get(), slug, id);
        } catch (DomainException e) {
            if (!"feed_busy".equals(e.code())) {
                throw e;
            }
            String lang = Languages.of(languages);
            FeedView feed = feeds.get(caller.get(), slug, id);
            return Response.status(409).entity(feedPage(lang, slug, feed, Form.of(feed), words(lang).busy(), null))
                    .build();
        }
        return Response.seeOther(URI.create(base(slug) + "/" + id + "?fetched=1")).build();
    }

    @POST
    @Path("/{id: \\d+}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        feeds.delete(caller.get(), slug, id);
        return Response.seeOther(URI.create(base(slug))).build();
    }

    private TemplateInstance listPage(String lang, String slug, Form form, String error) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        return Templates.feeds(lang, publication, feeds.list(caller.get(), slug), layouts.layouts(publication.id()),
                form, error, guard.token(), caller.get().isAdmin()).setLocale(lang);
    }

    private TemplateInstance feedPage(String lang, String slug, FeedView feed, Form form, String error, String notice) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        return Templates.feed(lang, publication, feed, activity.items(caller.get(), slug, feed.id()),
                layouts.layouts(publication.id()), form, error, notice, guard.token(), caller.get().isAdmin())
                .setLocale(lang);
    }

    static FeedText words(String lang) {
        return MessageBundles.get(FeedText.class, Localized.Literal.of(lang));
    }

    /** The first refused field of a form's request, in words; null when the request is valid. */
    private static <T> String refusal(String lang, Set<ConstraintViolation<T>> violations) {
        if (violations.isEmpty()) {
            return null;
        }
        String field = violations.iterator().next().getPropertyPath().toString();
        return inWords(words(lang), field.startsWith("tags") ? "tags" : field);
    }

    /** A service's refusal in words; the exception again when no form field explains it. */
    private static String refusal(String lang, DomainException e) {
        String code = e.fieldErrors().isEmpty() ? e.code() : e.fieldErrors().get(0).code();
        String why = inWords(words(lang), code);
        if (why == null) {
            throw e;
        }
        return why;
    }

    private static String inWords(FeedText words, String code) {
        return switch (code) {
            case "url", "feed_url_invalid" -> words.refused_url();
            case "feed_host_unknown" -> words.error_host_unknown();
            case "feed_address_refused" -> words.error_address_refused();
            case "feed_already_followed" -> words.refused_already();
            case "too_many_feeds" -> words.refused_tooMany();
            case "mode", "invalid_mode" -> words.refused_mode();
            case "digestEvery", "invalid_digest_every" -> words.refused_every();
            case "digestTime", "invalid_digest_time" -> words.refused_time();
            case "digestWeekday", "weekday_required" -> words.refused_weekday();
            case "templateId", "unknown_template" -> words.refused_template();
            case "tags", "invalid_tag", "too_many_tags" -> words.refused_tags();
            case "titlePattern" -> words.refused_titlePattern();
            default -> null;
        };
    }

    static List<String> tagList(String tags) {
        return Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    static String base(String slug) {
        return "/studio/publications/" + slug + "/feeds";
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }

    private static int number(String value) {
        return value != null && value.strip().matches("\\d{1,9}") ? Integer.parseInt(value.strip()) : 0;
    }
}
