package dev.gazette.membership;

import java.util.List;
import java.util.Map;

import io.quarkus.arc.All;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.core.GazetteConfig;
import dev.gazette.subscriber.SubscriberLinks;

/**
 * A member changes plan from their preferences page: up, down, or monthly to yearly and back,
 * between the publication's offered plans. No proration: the period paid runs to its end as it is,
 * and the new plan's price and interval apply from the next period (the ledger says so). A provider
 * that bills itself keeps the plan in its own portal, so the page links there instead.
 */
@ApplicationScoped
class PlanSwitch {

    /** The section's part: the plans to switch to (none: no form), or the provider's portal link. */
    record Options(List<Plan> plans, Plan current, boolean atProvider) {
    }

    @CheckedTemplate(basePath = "membership")
    static class Templates {
        static native TemplateInstance planChange(Options options, String token, String csrf);
    }

    private final PlanService plans;
    private final Memberships memberships;
    private final Map<String, BillingProvider> providers;
    private final SubscriberLinks links;
    private final GazetteConfig gazette;
    private final FormGuard guard;

    PlanSwitch(PlanService plans, Memberships memberships, @All List<BillingProvider> providers, SubscriberLinks links,
            GazetteConfig gazette, FormGuard guard) {
        this.plans = plans;
        this.memberships = memberships;
        this.providers = providers.stream().collect(java.util.stream.Collectors.toMap(BillingProvider::name, p -> p));
        this.links = links;
        this.gazette = gazette;
        this.guard = guard;
    }

    /** The plan-change part of the preferences section for a running paid membership; empty otherwise. */
    @Transactional
    RawString section(long membershipId, String preferencesToken, String locale) {
        Membership m = Membership.findById(membershipId);
        if (m == null || m.kind != Membership.Kind.paid || m.state == Membership.State.ended) {
            return new RawString("");
        }
        BillingProvider provider = providers.get(m.provider);
        boolean atProvider = provider != null && provider.billsItself();
        List<Plan> others = plans.offered(m.publicationId).stream().filter(p -> !p.id.equals(m.planId)).toList();
        if (!atProvider && others.isEmpty()) {
            return new RawString("");
        }
        Options options = new Options(others, Plan.findById(m.planId), atProvider);
        return new RawString(Templates.planChange(options, preferencesToken, guard.token()).setLocale(locale).render());
    }

    /**
     * Switches to {@code planId} from the next period. 404 {@code invalid_token}, 404 {@code
     * member_not_found}, 400 {@code validation_failed} ({@code plan}: {@code unknown_plan}, {@code
     * plan_retired}, {@code same_plan}), 409 {@code manage_at_provider} for a provider that bills itself.
     */
    @Transactional
    Membership change(String preferencesToken, Long planId) {
        Membership m = own(preferencesToken);
        BillingProvider provider = providers.get(m.provider);
        if (provider != null && provider.billsItself()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "manage_at_provider",
                    "This membership's plan is changed at its payment provider");
        }
        Plan plan = planId == null
                ? null
                : Plan.<Plan>find("id = ?1 and publicationId = ?2", planId, m.publicationId).firstResult();
        if (plan == null) {
            throw DomainException.invalidField("plan", "unknown_plan", "choose one of the publication's plans");
        }
        if (plan.retired()) {
            throw DomainException.invalidField("plan", "plan_retired", "this plan is no longer offered");
        }
        if (plan.id.equals(m.planId)) {
            throw DomainException.invalidField("plan", "same_plan", "this is the plan you have");
        }
        memberships.planChanged(m, plan, Memberships.READER);
        return m;
    }

    private Membership own(String preferencesToken) {
        long subscriberId = links.preferencesSubscriber(preferencesToken).orElseThrow(() -> new DomainException(
                DomainException.Kind.NOT_FOUND, "invalid_token", "This link is not valid (it may have been changed)"));
        return Membership.<Membership>find("subscriberId = ?1 and kind = ?2 and state <> ?3", subscriberId,
                Membership.Kind.paid, Membership.State.ended).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().orElseThrow(MemberService::memberNotFound);
    }
}
