package dev.gazette.membership;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;
import dev.gazette.membership.MembershipRequests.CreatePlan;
import dev.gazette.membership.MembershipViews.PlanView;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * A publication's paid plans: created by its writer, retired when no longer offered. Retiring
 * changes no membership: those who have the plan keep it and are renewed at its price.
 */
@ApplicationScoped
class PlanService {

    // How many hold each plan of the publication now.
    private static final String HOLDERS = """
            SELECT plan_id, count(*) FROM membership
             WHERE publication_id = ?1 AND plan_id IS NOT NULL AND state <> 'ended' GROUP BY plan_id""";

    private static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

    private final Publications publications;
    private final EntityManager entityManager;
    private final Clock clock;

    PlanService(Publications publications, EntityManager entityManager, Clock clock) {
        this.publications = publications;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    List<PlanView> list(Caller caller, String slug) {
        return list(publications.requireManaged(caller, slug).id());
    }

    /** Every plan, retired ones last, with how many hold each. */
    @Transactional
    List<PlanView> list(long publicationId) {
        @SuppressWarnings("unchecked")
        Map<Long, Long> holders = ((List<Object[]>) entityManager.createNativeQuery(HOLDERS)
                .setParameter(1, publicationId).getResultList()).stream()
                .collect(java.util.stream.Collectors.toMap(r -> ((Number) r[0]).longValue(), r -> ((Number) r[1]).longValue()));
        return Plan.<Plan>list("publicationId = ?1 order by retiredAt nulls first, id", publicationId).stream()
                .map(p -> PlanView.of(p, holders.getOrDefault(p.id, 0L))).toList();
    }

    /** The plans a reader may choose now. */
    @Transactional
    List<Plan> offered(long publicationId) {
        return Plan.list("publicationId = ?1 and retiredAt is null order by price, id", publicationId);
    }

    @Transactional
    PlanView create(Caller caller, String slug, CreatePlan request) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        CreatePlan r = request == null ? new CreatePlan(null, null, null, null, null) : request;
        String name = r.name() == null ? "" : r.name().strip();
        if (name.isEmpty() || name.length() > 80 || name.contains("\n") || name.contains("\r")) {
            throw DomainException.invalidField("name", "invalid_name", "1 to 80 characters on one line");
        }
        Plan.Interval interval;
        try {
            interval = Plan.Interval.valueOf(r.interval() == null ? "" : r.interval());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidField("interval", "invalid_interval", "must be month or year");
        }
        String currency = r.currency() == null || r.currency().isBlank() ? publication.tipCurrency() : r.currency();
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidField("currency", "unknown_currency", "not an ISO 4217 currency");
        }
        BigDecimal price = r.price();
        if (price == null || price.signum() <= 0 || price.compareTo(MAX_PRICE) > 0
                || price.stripTrailingZeros().scale() > digits) {
            throw DomainException.invalidField("price", "invalid_price",
                    "above zero, with at most " + digits + " decimals in " + currency);
        }
        int trialDays = r.trialDays() == null ? 0 : r.trialDays();
        if (trialDays < 0 || trialDays > 365) {
            throw DomainException.invalidField("trialDays", "invalid_trial_days", "0 to 365 days");
        }
        Plan plan = new Plan();
        plan.publicationId = publication.id();
        plan.name = name;
        plan.interval = interval;
        plan.price = price;
        plan.currency = currency;
        plan.trialDays = trialDays;
        plan.createdAt = clock.instant();
        plan.persist();
        return PlanView.of(plan, 0);
    }

    /** Offers the plan to no one new; its members keep it. Retiring a retired plan changes nothing. */
    @Transactional
    PlanView retire(Caller caller, String slug, long id) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        Plan plan = Plan.<Plan>find("id = ?1 and publicationId = ?2", id, publication.id()).firstResultOptional()
                .orElseThrow(PlanService::planNotFound);
        if (plan.retiredAt == null) {
            plan.retiredAt = clock.instant();
        }
        return list(publication.id()).stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    static DomainException planNotFound() {
        return new DomainException(DomainException.Kind.NOT_FOUND, "plan_not_found", "No such plan");
    }
}
