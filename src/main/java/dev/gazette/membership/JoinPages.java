package dev.gazette.membership;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.gazette.core.ClientAddresses;
import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.core.RateLimiter;

/**
 * Where a reader becomes a paid member: {@code /p/{slug}/join} (the plans, the recurring-payment
 * terms, and the form that starts paying; or, for a reader the page does not know, a form that
 * mails them their link). The GET only shows; each form carries {@code csrf}. The JSON twin of the join form ({@code POST
 * /p/{slug}/join} with {@code {r, plan, acceptTerms, issue}}) answers 201 {@code {checkoutUrl}}.
 */
@Path("/p/{slug}/join")
@Produces(MediaType.TEXT_HTML)
class JoinPages {

    @CheckedTemplate(basePath = "membership")
    static class Templates {
        static native TemplateInstance join(String lang, Checkouts.Offer offer, String error, boolean sent, String csrf);
    }

    /** The JSON join request. */
    record JoinBody(String r, Long plan, Boolean acceptTerms, String issue) {
    }

    private final Checkouts checkouts;
    private final FormGuard guard;
    private final ClientAddresses clients;
    private final RateLimiter rateLimiter;
    private final MembershipConfig config;

    JoinPages(Checkouts checkouts, FormGuard guard, ClientAddresses clients, RateLimiter rateLimiter,
            MembershipConfig config) {
        this.checkouts = checkouts;
        this.guard = guard;
        this.clients = clients;
        this.rateLimiter = rateLimiter;
        this.config = config;
    }

    @GET
    public TemplateInstance join(@PathParam("slug") String slug, @QueryParam("r") String readerToken,
            @QueryParam("issue") String issue, @QueryParam("sent") String sent) {
        Checkouts.Offer offer = checkouts.offer(slug, readerToken, blankToNull(issue));
        return page(offer, null, sent != null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response joinForm(@PathParam("slug") String slug, @FormParam("csrf") String csrf, @FormParam("r") String r,
            @FormParam("plan") String plan, @FormParam("acceptTerms") String acceptTerms, @FormParam("issue") String issue,
            @HeaderParam("User-Agent") String userAgent, @Context HttpServerRequest http) {
        guard.check(csrf);
        Long planId = plan == null || !plan.matches("\\d{1,18}") ? null : Long.valueOf(plan);
        try {
            String url = checkouts.start(slug, r, planId, "true".equals(acceptTerms), blankToNull(issue), clients.of(http),
                    userAgent);
            return Response.seeOther(URI.create(url)).build();
        } catch (DomainException e) {
            Checkouts.Offer offer = checkouts.offer(slug, r, blankToNull(issue));
            return Response.status(422).entity(page(offer, inWords(offer, e), false)).build();
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response joinJson(@PathParam("slug") String slug, JoinBody body, @HeaderParam("User-Agent") String userAgent,
            @Context HttpServerRequest http) {
        JoinBody b = body == null ? new JoinBody(null, null, null, null) : body;
        String url = checkouts.start(slug, b.r(), b.plan(), Boolean.TRUE.equals(b.acceptTerms()), blankToNull(b.issue()),
                clients.of(http), userAgent);
        return Response.status(201).entity(Map.of("checkoutUrl", url)).build();
    }

    @POST
    @Path("/link")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response mailLink(@PathParam("slug") String slug, @FormParam("csrf") String csrf,
            @FormParam("email") String email, @FormParam("issue") String issue, @Context HttpServerRequest http) {
        guard.check(csrf);
        rateLimiter.acquire("membership-link", clients.of(http), config.linksPerMinute());
        try {
            checkouts.mailLink(slug, email, blankToNull(issue));
        } catch (DomainException e) {
            Checkouts.Offer offer = checkouts.offer(slug, null, blankToNull(issue));
            return Response.status(422).entity(page(offer, inWords(offer, e), false)).build();
        }
        String back = "/p/" + slug + "/join?sent=1"
                + (issue == null || issue.isBlank() ? "" : "&issue=" + URLEncoder.encode(issue, StandardCharsets.UTF_8));
        return Response.seeOther(URI.create(back)).build();
    }

    private TemplateInstance page(Checkouts.Offer offer, String error, boolean sent) {
        String lang = offer.publication().locale();
        return Templates.join(lang, offer, error, sent, guard.token()).setLocale(lang);
    }

    /** A refusal in the reader's words; the exception again when the page has none for it. */
    private static String inWords(Checkouts.Offer offer, DomainException e) {
        PaidText w = MessageBundles.get(PaidText.class, Localized.Literal.of(offer.publication().locale()));
        String code = e.fieldErrors().isEmpty() ? e.code() : e.fieldErrors().get(0).code();
        return switch (code) {
            case "unknown_plan", "plan_retired" -> w.error_plan();
            case "terms_not_accepted" -> w.error_terms();
            case "payments_off", "provider_unsupported" -> w.error_payments_off();
            case "already_member" -> w.alreadyMember();
            case "invalid_token" -> w.error_token();
            case "invalid_email" -> w.error_email();
            default -> throw e;
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
