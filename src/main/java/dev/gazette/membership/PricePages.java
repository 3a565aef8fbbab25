package dev.gazette.membership;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
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
import dev.gazette.membership.PriceChanges.PriceChangeView;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * The studio's price change of a plan, {@code /studio/publications/{slug}/plans/{id}/price}: the
 * plan, its earlier changes with how many members were told, and a form (with {@code csrf}) for
 * the new price; a refused form comes back 422 as typed and changes nothing.
 */
@Path("/studio/publications/{slug}/plans/{id: \\d+}/price")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class PricePages {

    @CheckedTemplate(basePath = "membership")
    static class Templates {
        static native TemplateInstance price(String lang, PublicationRef publication, Plan plan,
                List<PriceChangeView> changes, int noticeDays, String price, String error, boolean saved, String csrf,
                boolean admin);
    }

    private final PriceChanges changes;
    private final Publications publications;
    private final MembershipConfig config;
    private final CurrentCaller caller;
    private final FormGuard guard;

    PricePages(PriceChanges changes, Publications publications, MembershipConfig config, CurrentCaller caller,
            FormGuard guard) {
        this.changes = changes;
        this.publications = publications;
        this.config = config;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    public TemplateInstance page(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @QueryParam("saved") String saved) {
        return render(Languages.of(languages), slug, id, "", null, saved != null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("id") long id, @RestForm String csrf, @RestForm String price) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        String typed = price == null ? "" : price;
        try {
            changes.change(caller.get(), slug, id, new PriceChanges.ChangePrice(decimal(typed)));
            return Response.seeOther(URI.create("/studio/publications/" + slug + "/plans/" + id + "/price?saved=1"))
                    .build();
        } catch (DomainException e) {
            if (e.fieldErrors().isEmpty()) {
                throw e;
            }
            DunningText w = MessageBundles.get(DunningText.class, Localized.Literal.of(lang));
            String why = "price_unchanged".equals(e.fieldErrors().get(0).code()) ? w.price_unchanged() : w.price_invalid();
            return Response.status(422).entity(render(lang, slug, id, typed, why, false)).build();
        }
    }

    private TemplateInstance render(String lang, String slug, long id, String price, String error, boolean saved) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        Plan plan = changes.plan(caller.get(), slug, id);
        return Templates.price(lang, publication, plan, changes.list(caller.get(), slug, id), config.priceNoticeDays(),
                price, error, saved, guard.token(), caller.get().isAdmin()).setLocale(lang);
    }

    private static BigDecimal decimal(String value) {
        try {
            return new BigDecimal(value.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw DomainException.invalidField("price", "invalid_price", "a number such as 6000 or 5.99");
        }
    }
}
