package dev.gazette.membership;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.core.DomainException;

/**
 * The pages of a checkout with a real provider: {@code /checkout/membership/{id}/toss} opens
 * Toss's card registration window, which comes back to {@code .../toss/success} (the billing key
 * is issued and the first period charged) or {@code .../toss/fail}; Stripe's Checkout comes back
 * to {@code .../done}, which shows the checkout as its webhooks left it. Toss's return is a GET
 * without a form token: what proves it is the {@code authKey}, which only Toss can give for the
 * checkout's customer key.
 */
@Path("/checkout/membership/{id}")
@Produces(MediaType.TEXT_HTML)
class ProviderCheckoutPages {

    @CheckedTemplate(basePath = "membership")
    static class Templates {
        static native TemplateInstance provider(String lang, String mode, ProviderCheckouts.View view, String clientKey,
                String customerKey, String scriptUrl, String message);
    }

    private final ProviderCheckouts checkouts;
    private final TossConfig toss;

    ProviderCheckoutPages(ProviderCheckouts checkouts, TossConfig toss) {
        this.checkouts = checkouts;
        this.toss = toss;
    }

    @GET
    @Path("/toss")
    public TemplateInstance toss(@PathParam("id") String id) {
        ProviderCheckouts.View view = checkouts.view(id, TossBilling.NAME);
        return page(view.checkout().status == Checkout.Status.pending ? "toss" : "result", view, null);
    }

    @GET
    @Path("/toss/success")
    public Response tossSuccess(@PathParam("id") String id, @QueryParam("authKey") String authKey,
            @QueryParam("customerKey") String customerKey) {
        try {
            return Response.ok(page("result", checkouts.tossReturned(id, authKey, customerKey), null)).build();
        } catch (DomainException e) {
            if (!"card_not_registered".equals(e.code())) {
                throw e;
            }
            return Response.status(409).entity(page("failed", checkouts.view(id, TossBilling.NAME), e.code())).build();
        }
    }

    @GET
    @Path("/toss/fail")
    public TemplateInstance tossFail(@PathParam("id") String id, @QueryParam("code") String code,
            @QueryParam("message") String message) {
        String said = message == null || message.isBlank() ? code : message;
        return page("failed", checkouts.view(id, TossBilling.NAME),
                said == null ? null : said.length() > 200 ? said.substring(0, 200) : said);
    }

    @GET
    @Path("/done")
    public TemplateInstance done(@PathParam("id") String id) {
        return page("result", checkouts.view(id, StripeBilling.NAME), null);
    }

    private TemplateInstance page(String mode, ProviderCheckouts.View view, String message) {
        String lang = view.publication().locale();
        return Templates.provider(lang, mode, view, toss.clientKey().orElse(""),
                TossBilling.customerKey(view.checkout().publicId), toss.scriptUrl(), message).setLocale(lang);
    }
}
