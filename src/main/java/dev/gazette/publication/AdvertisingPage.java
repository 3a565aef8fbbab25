package dev.gazette.publication;

import java.net.URI;
import java.util.Optional;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
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

/** The studio's advertising settings of a publication: {@code /studio/publications/{slug}/advertising}. */
@Path("/studio/publications/{slug}/advertising")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class AdvertisingPage {

    @CheckedTemplate(basePath = "publication")
    static class Templates {
        static native TemplateInstance advertising(String lang, PublicationRef publication,
                Optional<Advertising.Advertiser> advertiser, String contact, boolean everyIssue, String error,
                boolean saved, Advertising.Reminders reminders, String csrf, boolean admin);
    }

    private final Advertising advertising;
    private final Publications publications;
    private final FormGuard guard;
    private final CurrentCaller caller;
    private final Validator validator;

    AdvertisingPage(Advertising advertising, Publications publications, FormGuard guard, CurrentCaller caller,
            Validator validator) {
        this.validator = validator;
        this.advertising = advertising;
        this.publications = publications;
        this.guard = guard;
        this.caller = caller;
    }

    @GET
    public TemplateInstance show(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @QueryParam("saved") String saved) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        Optional<Advertising.Advertiser> advertiser = advertising.of(publication.id());
        return page(Languages.of(languages), publication, advertiser,
                advertiser.map(Advertising.Advertiser::contact).orElse(""),
                advertiser.map(Advertising.Advertiser::everyIssue).orElse(false), null, saved != null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @RestForm String csrf, @RestForm String contact, @RestForm boolean everyIssue) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        String typed = contact == null ? "" : contact;
        // the API's rules for the contact (one line, 300 characters at most)
        if (!validator.validate(new AdvertisingResource.AdvertisingRequest(everyIssue, typed)).isEmpty()) {
            return Response.status(422).entity(page(lang, publication, advertising.of(publication.id()), typed, everyIssue,
                    text(lang).contactInvalid(), false)).build();
        }
        try {
            advertising.update(caller.get(), slug, everyIssue, typed);
            return Response.seeOther(URI.create("/studio/publications/" + slug + "/advertising?saved=1")).build();
        } catch (DomainException e) {
            String code = e.fieldErrors().isEmpty() ? e.code() : e.fieldErrors().get(0).code();
            String why = "advertising_in_use".equals(code) ? text(lang).inUse() : text(lang).contactRequired();
            return Response.status(422).entity(page(lang, publication, advertising.of(publication.id()), typed, everyIssue,
                    why, false)).build();
        }
    }

    private TemplateInstance page(String lang, PublicationRef publication, Optional<Advertising.Advertiser> advertiser,
            String contact, boolean everyIssue, String error, boolean saved) {
        return Templates.advertising(lang, publication, advertiser, contact, everyIssue, error, saved,
                advertising.reminders(publication.id()), guard.token(), caller.get().isAdmin()).setLocale(lang);
    }

    private static AdvertisingText text(String lang) {
        return MessageBundles.get(AdvertisingText.class, Localized.Literal.of(lang));
    }
}
