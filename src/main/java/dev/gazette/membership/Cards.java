package dev.gazette.membership;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.gazette.core.DomainException;
import dev.gazette.core.SignedTokens;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.subscriber.SubscriberLinks;

/**
 * The page a declined charge's mail links to: the link is signed for one membership and this
 * purpose only ({@link MemberMails#CARD_TOKEN}), for a while. A provider with a portal of its own
 * gets the reader there; the sandbox takes another test card on Gazette's page, and a running
 * dunning then tries it at once.
 */
@ApplicationScoped
class Cards {

    /** What the card page shows. */
    record CardPage(Membership membership, PublicationRef publication, String amount, String nextTry,
            String portal) {
    }

    private final SignedTokens tokens;
    private final Memberships memberships;
    private final Publications publications;
    private final Map<String, BillingProvider> providers;
    private final SubscriberLinks links;

    Cards(SignedTokens tokens, Memberships memberships, Publications publications, @All List<BillingProvider> providers,
            SubscriberLinks links) {
        this.tokens = tokens;
        this.memberships = memberships;
        this.publications = publications;
        this.providers = providers.stream().collect(java.util.stream.Collectors.toMap(BillingProvider::name, p -> p));
        this.links = links;
    }

    /** The membership a card link names; 404 {@code invalid_token} for a bad, expired or ended one. */
    @Transactional
    CardPage page(String token) {
        Membership m = membership(token, false);
        PublicationRef publication = publications.findById(m.publicationId).orElseThrow(Cards::invalid);
        return new CardPage(m, publication, MemberMails.money(Memberships.priceFor(m, m.currentPeriodEnd), m.currency),
                m.nextRetryAt == null ? null : MemberSelfService.date(m.nextRetryAt, publication), portal(m));
    }

    /**
     * The sandbox's new test card; a running dunning tries it at its next run. 400 {@code
     * validation_failed} ({@code card}: {@code invalid_card} for no card number, {@code card_declined}
     * for the card that declines), 409 {@code card_at_provider} when the provider keeps the card.
     */
    @Transactional
    Membership update(String token, String card) {
        Membership m = membership(token, true);
        if (!SandboxBilling.NAME.equals(m.provider)) {
            throw new DomainException(DomainException.Kind.CONFLICT, "card_at_provider",
                    "This membership's card is changed at its payment provider");
        }
        String number = card == null ? "" : card.replaceAll("[ -]", "");
        if (!number.matches("[0-9]{12,19}")) {
            throw DomainException.invalidField("card", "invalid_card", "a card number of 12 to 19 digits");
        }
        if (SandboxBilling.DECLINED.equals(number)) {
            throw DomainException.invalidField("card", "card_declined", "this test card is declined");
        }
        memberships.cardUpdated(m, SandboxBilling.reference(number));
        return m;
    }

    private String portal(Membership m) {
        BillingProvider provider = providers.get(m.provider);
        if (provider == null) {
            return null;
        }
        // back from the portal to the member's preferences page
        return provider.portalUrl(m, links.preferencesUrl(m.subscriberId)).orElse(null);
    }

    private Membership membership(String token, boolean lock) {
        long id = tokens.verify(MemberMails.CARD_TOKEN, token).flatMap(Cards::id).orElseThrow(Cards::invalid);
        var query = Membership.<Membership>find("id = ?1 and kind = ?2 and state <> ?3", id, Membership.Kind.paid,
                Membership.State.ended);
        if (lock) {
            query = query.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.firstResultOptional().orElseThrow(Cards::invalid);
    }

    private static Optional<Long> id(String subject) {
        try {
            return Optional.of(Long.parseLong(subject));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static DomainException invalid() {
        return new DomainException(DomainException.Kind.NOT_FOUND, "invalid_token",
                "This link is not valid (it may have expired)");
    }
}
