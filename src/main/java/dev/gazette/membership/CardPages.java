package dev.gazette.membership;

import java.net.URI;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;

/**
 * {@code /membership/card/{token}}: the link of a declined charge's mail. To the provider's portal
 * when it has one; otherwise (the sandbox) a form for another test card, with {@code csrf}.
 */
@Path("/membership/card/{token}")
@Produces(MediaType.TEXT_HTML)
class CardPages {

    @CheckedTemplate(basePath = "membership")
    static class Templates {
        static native TemplateInstance card(String lang, Cards.CardPage view, String token, String typed, String error,
                boolean saved, String csrf);
    }

    private final Cards cards;
    private final FormGuard guard;

    CardPages(Cards cards, FormGuard guard) {
        this.cards = cards;
        this.guard = guard;
    }

    @GET
    public Response page(@PathParam("token") String token, @jakarta.ws.rs.QueryParam("saved") String saved) {
        Cards.CardPage page = cards.page(token);
        if (page.portal() != null) {
            return Response.seeOther(URI.create(page.portal())).build();
        }
        return Response.ok(render(page, token, "", null, saved != null)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("token") String token, @RestForm String csrf, @RestForm String card) {
        guard.check(csrf);
        try {
            cards.update(token, card);
            return Response.seeOther(URI.create("/membership/card/" + token + "?saved=1")).build();
        } catch (DomainException e) {
            if (e.fieldErrors().isEmpty()) {
                throw e;
            }
            Cards.CardPage page = cards.page(token);
            DunningText w = MessageBundles.get(DunningText.class, Localized.Literal.of(lang(page)));
            String why = "card_declined".equals(e.fieldErrors().get(0).code()) ? w.card_declined() : w.card_invalid();
            return Response.status(422).entity(render(page, token, card == null ? "" : card, why, false)).build();
        }
    }

    private TemplateInstance render(Cards.CardPage page, String token, String card, String error, boolean saved) {
        String lang = lang(page);
        return Templates.card(lang, page, token, card, error, saved, guard.token()).setLocale(lang);
    }

    private static String lang(Cards.CardPage page) {
        return "ko".equals(page.publication().locale()) ? "ko" : "en";
    }
}
