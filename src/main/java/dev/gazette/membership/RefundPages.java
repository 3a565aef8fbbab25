package dev.gazette.membership;

import java.math.BigDecimal;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import dev.gazette.membership.MembershipViews.ChargeView;
import dev.gazette.membership.MembershipViews.MemberDetail;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * The studio's page of one member's charges, {@code
 * /studio/publications/{slug}/members/{subscriberId}/charges}: each charge with what was refunded,
 * a refund form (amount, prefilled with what is left, and a reason) per charge that has money left,
 * and the refunds made. Each form carries {@code csrf} and a fresh idempotency key, so a double
 * click refunds once; a refused refund comes back 422 with why, and nothing changed.
 */
@Path("/studio/publications/{slug}/members/{subscriberId: \\d+}/charges")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class RefundPages {

    @CheckedTemplate(basePath = "membership")
    static class Templates {
        static native TemplateInstance charges(String lang, PublicationRef publication, MemberDetail member,
                Map<Long, String> dates, List<Refunds.RefundView> refunds, Map<Long, String> refundDates, Long errorCharge,
                String error, boolean saved,
                String key, String csrf, boolean admin);
    }

    private final MemberService members;
    private final Refunds refunds;
    private final Publications publications;
    private final CurrentCaller caller;
    private final FormGuard guard;

    RefundPages(MemberService members, Refunds refunds, Publications publications, CurrentCaller caller,
            FormGuard guard) {
        this.members = members;
        this.refunds = refunds;
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    public TemplateInstance charges(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("subscriberId") long subscriberId, @QueryParam("saved") String saved) {
        return page(Languages.of(languages), slug, subscriberId, null, null, saved != null);
    }

    @POST
    @Path("/{chargeId: \\d+}/refund")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response refund(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @PathParam("subscriberId") long subscriberId, @PathParam("chargeId") long chargeId, @RestForm String csrf,
            @RestForm String amount, @RestForm String reason, @RestForm String key) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        try {
            refunds.refund(caller.get(), slug, subscriberId,
                    new Refunds.RefundRequest(chargeId, decimal(amount), reason, key == null ? "" : key));
            return Response.seeOther(
                    URI.create("/studio/publications/" + slug + "/members/" + subscriberId + "/charges?saved=1")).build();
        } catch (DomainException e) {
            String why = inWords(lang, e);
            return Response.status(422).entity(page(lang, slug, subscriberId, chargeId, why, false)).build();
        }
    }

    private TemplateInstance page(String lang, String slug, long subscriberId, Long errorCharge, String error,
            boolean saved) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        MemberDetail member = members.get(caller.get(), slug, subscriberId);
        Map<Long, String> dates = new HashMap<>();
        for (ChargeView c : member.charges()) {
            dates.put(c.id(), MemberSelfService.date(c.at(), publication));
        }
        List<Refunds.RefundView> made = refunds.list(caller.get(), slug, subscriberId);
        Map<Long, String> refundDates = new HashMap<>();
        made.forEach(r -> refundDates.put(r.id(), MemberSelfService.date(r.at(), publication)));
        return Templates.charges(lang, publication, member, dates, made, refundDates, errorCharge, error, saved,
                Refunds.newKey(), guard.token(), caller.get().isAdmin()).setLocale(lang);
    }

    private static String inWords(String lang, DomainException e) {
        BillingText w = MessageBundles.get(BillingText.class, Localized.Literal.of(lang));
        String code = e.fieldErrors().isEmpty() ? e.code() : e.fieldErrors().get(0).code();
        return switch (code) {
            case "invalid_amount" -> w.error_amount();
            case "refund_exceeds_charge" -> w.error_exceeds();
            case "charge_fully_refunded" -> w.error_full();
            case "charge_not_paid" -> w.error_not_paid();
            case "refund_refused" -> w.error_refused();
            case "payment_provider_unavailable" -> w.error_unavailable();
            default -> throw e;
        };
    }

    /** A typed amount; empty refunds what is left, anything else that is not a number is refused. */
    private static BigDecimal decimal(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw DomainException.invalidField("amount", "invalid_amount", "a number such as 2000 or 4.99");
        }
    }
}
