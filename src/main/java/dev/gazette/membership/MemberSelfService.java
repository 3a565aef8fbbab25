package dev.gazette.membership;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.membership.MembershipViews.ChargeView;
import dev.gazette.membership.MembershipViews.MemberView;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.subscriber.PreferenceSections;
import dev.gazette.subscriber.SubscriberLinks;

/**
 * A reader's own membership on their preferences page: the plan, the next charge (date and
 * amount), cancel at the period's end and resume, and the receipts. The preferences link's token
 * is the credential, and every form also carries the page's {@code csrf}.
 */
@ApplicationScoped
class MemberSelfService implements PreferenceSections {

    /** What the section shows; dates already in the publication's zone and language. */
    record Panel(MemberView membership, String periodEnd, String amount, List<ChargeView> charges,
            Map<Long, String> dates, String joinUrl, RawString change) {
    }

    @CheckedTemplate(basePath = "membership")
    static class Templates {
        static native TemplateInstance panel(Panel view, String token, String csrf);
    }

    private final MemberService members;
    private final Memberships memberships;
    private final MemberAccess access;
    private final PlanService plans;
    private final Publications publications;
    private final SubscriberLinks links;
    private final FormGuard guard;
    private final BillingProviders providers;
    private final PlanSwitch planSwitch;

    MemberSelfService(MemberService members, Memberships memberships, MemberAccess access, PlanService plans,
            Publications publications, SubscriberLinks links, FormGuard guard, BillingProviders providers,
            PlanSwitch planSwitch) {
        this.providers = providers;
        this.planSwitch = planSwitch;
        this.members = members;
        this.memberships = memberships;
        this.access = access;
        this.plans = plans;
        this.publications = publications;
        this.links = links;
        this.guard = guard;
    }

    /** Nothing for a publication without plans and a subscriber who never was a member. */
    @Override
    @Transactional
    public RawString section(long publicationId, long subscriberId, String preferencesToken, String locale) {
        PublicationRef publication = publications.findById(publicationId).orElse(null);
        List<MemberView> found = members.members(publicationId, subscriberId);
        boolean offered = !plans.offered(publicationId).isEmpty();
        if (publication == null || (found.isEmpty() && !offered)) {
            return new RawString("");
        }
        MemberView current = found.stream().filter(m -> !"ended".equals(m.state())).findFirst().orElse(null);
        List<ChargeView> charges = found.isEmpty() ? List.of() : members.charges(found.get(0).id());
        Map<Long, String> dates = new HashMap<>();
        charges.forEach(c -> dates.put(c.id(), date(c.at(), publication)));
        // the next charge at the price it will have: an announced price change once it applies
        Membership running = current == null ? null : Membership.findById(current.id());
        java.math.BigDecimal next = running == null || running.price == null
                ? null
                : Memberships.priceFor(running, running.currentPeriodEnd);
        String amount = next == null ? null : next.stripTrailingZeros().toPlainString() + " " + current.currency();
        String joinUrl = current == null && offered
                ? access.joinPath(publication.slug(), "", access.token(subscriberId))
                : null;
        Panel panel = new Panel(current,
                current == null || current.currentPeriodEnd() == null ? null : date(current.currentPeriodEnd(), publication),
                amount, charges, dates, joinUrl,
                current == null ? new RawString("") : planSwitch.section(current.id(), preferencesToken, locale));
        return new RawString(Templates.panel(panel, preferencesToken, guard.token()).setLocale(locale).render());
    }

    /** Cancels at the period's end; 404 {@code invalid_token}, 404 {@code member_not_found}, 409 as {@link Memberships} says. */
    @Transactional
    void cancel(String preferencesToken) {
        Membership m = own(preferencesToken);
        memberships.cancelAtPeriodEnd(m, Memberships.READER);
        // a provider that renews on its own (Stripe) is told, or it would charge the next period anyway
        providers.serving(m.provider).ifPresent(p -> p.cancelAtPeriodEnd(m, true));
    }

    /** Takes the cancellation back while the period runs. */
    @Transactional
    void resume(String preferencesToken) {
        Membership m = own(preferencesToken);
        memberships.resume(m, Memberships.READER);
        providers.serving(m.provider).ifPresent(p -> p.cancelAtPeriodEnd(m, false));
    }

    private Membership own(String preferencesToken) {
        long subscriberId = links.preferencesSubscriber(preferencesToken).orElseThrow(() -> new DomainException(
                DomainException.Kind.NOT_FOUND, "invalid_token", "This link is not valid (it may have been changed)"));
        return Membership.<Membership>find("subscriberId = ?1 and state <> ?2", subscriberId, Membership.State.ended)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional().orElseThrow(MemberService::memberNotFound);
    }

    static String date(Instant when, PublicationRef publication) {
        Locale locale = "ko".equals(publication.locale()) ? Locale.KOREAN : Locale.ENGLISH;
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                .format(when.atZone(ZoneId.of(publication.timeZone())));
    }
}
