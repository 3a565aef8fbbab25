package dev.gazette.membership;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.gazette.core.FormGuard;
import dev.gazette.publication.PublicationRef;

/**
 * The sandbox provider's checkout page, {@code /checkout/membership/{id}}: it shows the plan and a
 * test card; its forms (with {@code csrf}) pay or cancel, and the answer links back to the issue.
 * No money moves, and the page exists only while {@code gazette.payments.provider} is {@code sandbox}.
 */
@Path("/checkout/membership/{id}")
@Produces(MediaType.TEXT_HTML)
class SandboxCheckoutPage {

    @CheckedTemplate(basePath = "membership")
    static class Templates {
        static native TemplateInstance checkout(String lang, String id, String status, Plan plan,
                PublicationRef publication, String back, String csrf);
    }

    private final Checkouts checkouts;
    private final FormGuard guard;

    SandboxCheckoutPage(Checkouts checkouts, FormGuard guard) {
        this.checkouts = checkouts;
        this.guard = guard;
    }

    @GET
    public TemplateInstance checkout(@PathParam("id") String id) {
        Checkouts.Pending pending = checkouts.sandbox(id);
        String lang = pending.publication().locale();
        return Templates.checkout(lang, id, pending.checkout().status.name(), pending.plan(), pending.publication(), null,
                guard.token()).setLocale(lang);
    }

    @POST
    @Path("/{answer:confirm|cancel}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance settle(@PathParam("id") String id, @PathParam("answer") String answer,
            @FormParam("csrf") String csrf, @FormParam("card") String card) {
        guard.check(csrf);
        Checkouts.Settled settled = checkouts.settleSandbox(id, answer.equals("confirm"), card);
        String lang = settled.publication().locale();
        return Templates.checkout(lang, id, settled.checkout().status.name(), settled.plan(), settled.publication(),
                settled.back(), guard.token()).setLocale(lang);
    }
}
