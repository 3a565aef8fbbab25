package dev.gazette.subscriber;

import java.net.URI;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.core.Languages;
import dev.gazette.core.StudioText;
import dev.gazette.subscriber.SubscriberProfiles.Profile;
import dev.gazette.subscriber.SubscriberRequests.UpdateSubscriber;

/**
 * One subscriber in the studio: their consent record, tags, attributes and what they received and
 * sent back; their tags changed, unsubscribed, or erased after a page that says what goes.
 */
@Path("/studio/publications/{slug}/subscribers/{id: \\d+}")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class SubscriberPage {

    @CheckedTemplate(basePath = "subscriber")
    static class Templates {
        static native TemplateInstance subscriber(String lang, Profile profile, String tags, String error, String notice,
                String csrf, boolean admin);

        static native TemplateInstance erase(String lang, Profile profile, String csrf, boolean admin);
    }

    private final SubscriberProfiles profiles;
    private final SubscriberService subscribers;
    private final CurrentCaller caller;
    private final FormGuard guard;

    SubscriberPage(SubscriberProfiles profiles, SubscriberService subscribers, CurrentCaller caller, FormGuard guard) {
        this.profiles = profiles;
        this.subscribers = subscribers;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    public TemplateInstance show(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @QueryParam("done") String done) {
        String lang = Languages.of(languages);
        StudioText text = Languages.studio(lang);
        AudienceText words = SubscribersPage.words(lang);
        Profile profile = profiles.of(caller.get(), slug, id);
        String notice = done == null ? null : switch (done) {
            case "added" -> words.added();
            case "tags" -> text.saved();
            case "unsubscribed" -> words.unsubscribedNotice();
            default -> null;
        };
        return page(lang, profile, String.join(", ", profile.subscriber().tags()), null, notice);
    }

    /** Replaces the tags; a refused list comes back as typed, with why, and nothing changes. */
    @POST
    @Path("/tags")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response tags(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @RestForm String csrf, @RestForm String tags) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        StudioText text = Languages.studio(lang);
        AudienceText words = SubscribersPage.words(lang);
        Profile profile = profiles.of(caller.get(), slug, id);
        try {
            List<String> list = SubscribersPage.tagList(tags);
            subscribers.update(caller.get(), slug, id, new UpdateSubscriber(null, list == null ? List.of() : list,
                    null));
        } catch (DomainException e) {
            String code = e.fieldErrors().isEmpty() ? e.code() : e.fieldErrors().get(0).code();
            String why = switch (code) {
                case "invalid_tag" -> text.error_invalid_tag();
                case "too_many_tags" -> words.error_too_many_tags();
                default -> throw e;
            };
            return Response.status(422).entity(page(lang, profile, tags == null ? "" : tags, why, null)).build();
        }
        return done(slug, id, "tags");
    }

    @POST
    @Path("/unsubscribe")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response unsubscribe(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        subscribers.unsubscribe(caller.get(), slug, id);
        return done(slug, id, "unsubscribed");
    }

    /** What erasing deletes and what it keeps without a name, before the button that does it. */
    @GET
    @Path("/erase")
    public TemplateInstance confirmErase(@HeaderParam("Accept-Language") String languages,
            @PathParam("slug") String slug, @PathParam("id") long id) {
        String lang = Languages.of(languages);
        return Templates.erase(lang, profiles.of(caller.get(), slug, id), guard.token(), caller.get().isAdmin())
                .setLocale(lang);
    }

    /** Erases through the same service as the API's DELETE: comments and tips are anonymized. */
    @POST
    @Path("/erase")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response erase(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        subscribers.delete(caller.get(), slug, id);
        return Response.seeOther(URI.create("/studio/publications/" + slug + "/subscribers?done=erased")).build();
    }

    private static Response done(String slug, long id, String what) {
        return Response.seeOther(URI.create("/studio/publications/" + slug + "/subscribers/" + id + "?done=" + what))
                .build();
    }

    private TemplateInstance page(String lang, Profile profile, String tags, String error, String notice) {
        return Templates.subscriber(lang, profile, tags, error, notice, guard.token(), caller.get().isAdmin())
                .setLocale(lang);
    }
}
