package dev.gazette.membership;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.core.DomainException;
import dev.gazette.core.GazetteConfig;
import dev.gazette.subscriber.SubscriberLinks;

/**
 * The provider's own page where a member manages their card and subscription (Stripe's customer
 * portal), reached from the preferences page; it comes back to that page.
 */
@ApplicationScoped
class MemberPortal {

    private final SubscriberLinks links;
    private final BillingProviders providers;
    private final GazetteConfig gazette;

    MemberPortal(SubscriberLinks links, BillingProviders providers, GazetteConfig gazette) {
        this.links = links;
        this.providers = providers;
        this.gazette = gazette;
    }

    /**
     * A fresh portal session's address; 404 {@code invalid_token}, 404 {@code member_not_found},
     * 409 {@code portal_unavailable} for a membership whose provider has no portal.
     */
    @Transactional
    String url(String preferencesToken) {
        long subscriberId = links.preferencesSubscriber(preferencesToken).orElseThrow(() -> new DomainException(
                DomainException.Kind.NOT_FOUND, "invalid_token", "This link is not valid (it may have been changed)"));
        Membership m = Membership.<Membership>find("subscriberId = ?1 and state <> ?2", subscriberId,
                Membership.State.ended).firstResultOptional().orElseThrow(MemberService::memberNotFound);
        String back = gazette.baseUrl().resolve("/preferences/" + preferencesToken + "#membership").toString();
        return providers.serving(m.provider).flatMap(p -> p.portalUrl(m, back)).orElseThrow(() -> new DomainException(
                DomainException.Kind.CONFLICT, "portal_unavailable", "This membership has no provider page to manage it"));
    }
}
