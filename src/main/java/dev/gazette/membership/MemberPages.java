package dev.gazette.membership;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
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
import dev.gazette.membership.MembershipRequests.CreatePlan;
import dev.gazette.membership.MembershipRequests.GiveComp;
import dev.gazette.membership.MembershipViews.MemberView;
import dev.gazette.membership.MembershipViews.PlanView;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * The studio's plans and members: {@code /studio/publications/{slug}/plans} (the plans with how
 * many hold each, a form for a new one, retire) and {@code .../members} (members with state and
 * period, give a comp by address, remove one). Every form carries {@code csrf}; a refused form
 * comes back 422 as typed, with why, and changes nothing.
 */
@Path("/studio/publications/{slug}")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class MemberPages {

    record PlanForm(String name, String interval, String price, String currency, String trialDays) {
    }

    record CompForm(String email, String until, String reason) {
        static final CompForm EMPTY = new CompForm("", "", "");
    }

    @CheckedTemplate(basePath = "membership")
    static class Templates {
        static native TemplateInstance plans(String lang, PublicationRef publication, List<PlanView> plans, PlanForm form,
                String error, String csrf, boolean admin);

        static native TemplateInstance members(String lang, PublicationRef publication, List<MemberView> members,
                Map<Long, String> dates, CompForm form, String error, boolean saved, String csrf, boolean admin);
    }

    private final PlanService plans;
    private final MemberService members;
    private final Checkouts checkouts;
    private final Publications publications;
    private final CurrentCaller caller;
    private final FormGuard guard;

    MemberPages(PlanService plans, MemberService members, Checkouts checkouts, Publications publications,
            CurrentCaller caller, FormGuard guard) {
        this.plans = plans;
        this.members = members;
        this.checkouts = checkouts;
        this.publications = publications;
        this.caller = caller;
        this.guard = guard;
    }

    @GET
    @Path("/plans")
    public TemplateInstance plans(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        return plansPage(Languages.of(languages), publication,
                new PlanForm("", "month", "", publication.tipCurrency(), "0"), null);
    }

    @POST
    @Path("/plans")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createPlan(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @RestForm String csrf, @RestForm String name, @RestForm String interval, @RestForm String price,
            @RestForm String currency, @RestForm String trialDays) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        PlanForm form = new PlanForm(orEmpty(name), orEmpty(interval), orEmpty(price), orEmpty(currency),
                orEmpty(trialDays));
        try {
            plans.create(caller.get(), slug, new CreatePlan(form.name(), form.interval(), decimal(form.price()),
                    form.currency().isBlank() ? null : form.currency().strip().toUpperCase(java.util.Locale.ROOT),
                    form.trialDays().isBlank() ? 0 : integer(form.trialDays())));
            return Response.seeOther(URI.create("/studio/publications/" + slug + "/plans")).build();
        } catch (DomainException e) {
            return Response.status(422).entity(plansPage(lang, publication, form, inWords(lang, e))).build();
        }
    }

    @POST
    @Path("/plans/{id: \\d+}/retire")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retire(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String csrf) {
        guard.check(csrf);
        plans.retire(caller.get(), slug, id);
        return Response.seeOther(URI.create("/studio/publications/" + slug + "/plans")).build();
    }

    @GET
    @Path("/members")
    public TemplateInstance members(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @QueryParam("saved") String saved) {
        return membersPage(Languages.of(languages), slug, CompForm.EMPTY, null, saved != null);
    }

    @POST
    @Path("/members/comp")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response giveComp(@HeaderParam("Accept-Language") String languages, @PathParam("slug") String slug,
            @RestForm String csrf, @RestForm String email, @RestForm String until, @RestForm String reason) {
        guard.check(csrf);
        String lang = Languages.of(languages);
        CompForm form = new CompForm(orEmpty(email), orEmpty(until), orEmpty(reason));
        try {
            PublicationRef publication = publications.requireManaged(caller.get(), slug);
            long subscriberId = checkouts.activeSubscriber(publication, form.email()).orElseThrow(
                    () -> new DomainException(DomainException.Kind.NOT_FOUND, "subscriber_not_found", "No such subscriber"));
            java.time.OffsetDateTime end = form.until().isBlank() ? null : endOfDay(form.until(), publication);
            members.giveComp(caller.get(), slug, subscriberId, new GiveComp(end, form.reason()));
            return Response.seeOther(URI.create("/studio/publications/" + slug + "/members?saved=1")).build();
        } catch (DomainException e) {
            return Response.status(422).entity(membersPage(lang, slug, form, inWords(lang, e), false)).build();
        }
    }

    @POST
    @Path("/members/{subscriberId: \\d+}/remove-comp")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeComp(@PathParam("slug") String slug, @PathParam("subscriberId") long subscriberId,
            @RestForm String csrf) {
        guard.check(csrf);
        members.removeComp(caller.get(), slug, subscriberId);
        return Response.seeOther(URI.create("/studio/publications/" + slug + "/members?saved=1")).build();
    }

    private TemplateInstance plansPage(String lang, PublicationRef publication, PlanForm form, String error) {
        return Templates.plans(lang, publication, plans.list(caller.get(), publication.slug()), form, error, guard.token(),
                caller.get().isAdmin()).setLocale(lang);
    }

    private TemplateInstance membersPage(String lang, String slug, CompForm form, String error, boolean saved) {
        PublicationRef publication = publications.requireManaged(caller.get(), slug);
        List<MemberView> list = members.list(caller.get(), slug);
        Map<Long, String> dates = new HashMap<>();
        for (MemberView m : list) {
            dates.put(m.id(), MemberSelfService.date(m.currentPeriodStart(), publication) + " – "
                    + (m.currentPeriodEnd() == null ? "" : MemberSelfService.date(m.currentPeriodEnd(), publication)));
        }
        return Templates.members(lang, publication, list, dates, form, error, saved, guard.token(),
                caller.get().isAdmin()).setLocale(lang);
    }

    /** A comp's last day, to its end in the publication's zone; 400 {@code invalid_until} for no date. */
    private static java.time.OffsetDateTime endOfDay(String date, PublicationRef publication) {
        try {
            return LocalDate.parse(date).plusDays(1).atStartOfDay(ZoneId.of(publication.timeZone())).toOffsetDateTime();
        } catch (java.time.format.DateTimeParseException e) {
            throw DomainException.invalidField("until", "invalid_until", "a date such as 2027-01-31");
        }
    }

    private static String inWords(String lang, DomainException e) {
        PaidText w = MessageBundles.get(PaidText.class, Localized.Literal.of(lang));
        String code = e.fieldErrors().isEmpty() ? e.code() : e.fieldErrors().get(0).code();
        return switch (code) {
            case "invalid_name" -> w.error_name();
            case "invalid_interval" -> w.error_interval();
            case "invalid_price" -> w.error_price();
            case "unknown_currency" -> w.error_currency();
            case "invalid_trial_days" -> w.error_trialDays();
            case "subscriber_not_found" -> w.error_subscriber();
            case "already_member" -> w.error_already_member();
            case "until_in_past", "invalid_until" -> w.error_until();
            case "reason_too_long" -> w.error_reason();
            case "invalid_email" -> w.error_email();
            default -> throw e;
        };
    }

    /** A typed price; anything that is not a number is refused as the price. */
    private static BigDecimal decimal(String value) {
        try {
            return new BigDecimal(value.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw DomainException.invalidField("price", "invalid_price", "a number such as 5000 or 4.99");
        }
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalidField("trialDays", "invalid_trial_days", "a whole number of days");
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
