package dev.gazette.membership;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.core.DomainException;
import dev.gazette.core.SqlTimes;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * A writer changes a plan's price. New members pay the new price at once; each existing member is
 * told first ({@link Notices}, once per member) and pays it from their first period starting
 * {@code gazette.membership.price-notice-days} after that notice. The change is kept with how many
 * members were told.
 */
@ApplicationScoped
class PriceChanges {

    /** {@code price} above zero, in the plan's currency's major units. */
    record ChangePrice(BigDecimal price) {
    }

    /** A price change with how many members hold the plan and how many were told so far. */
    record PriceChangeView(long id, long planId, BigDecimal oldPrice, BigDecimal newPrice, String currency,
            int noticeDays, Instant createdAt, long noticesSent) {
    }

    private static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

    // A plan's price changes, newest first, with how many members were told of each.
    private static final String CHANGES = """
            SELECT c.id, c.plan_id, c.old_price, c.new_price, c.notice_days, c.created_at,
                   (SELECT count(*) FROM membership_notice n WHERE n.kind = 'price_change' AND n.reference = c.id)
              FROM plan_price_change c WHERE c.plan_id = ?1 ORDER BY c.id DESC""";

    private final Publications publications;
    private final Audit audit;
    private final MembershipConfig config;
    private final EntityManager entityManager;
    private final Clock clock;

    PriceChanges(Publications publications, Audit audit, MembershipConfig config, EntityManager entityManager,
            Clock clock) {
        this.publications = publications;
        this.audit = audit;
        this.config = config;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Sets the plan's price: 404 {@code plan_not_found} for a plan of another publication, 400 {@code
     * validation_failed} with {@code price}: {@code invalid_price} or {@code price_unchanged}.
     */
    @Transactional
    PriceChangeView change(Caller caller, String slug, long planId, ChangePrice request) {
        Plan plan = plan(caller, slug, planId);
        BigDecimal price = request == null ? null : request.price();
        int digits = Math.max(0, Currency.getInstance(plan.currency).getDefaultFractionDigits());
        if (price == null || price.signum() <= 0 || price.compareTo(MAX_PRICE) > 0
                || price.stripTrailingZeros().scale() > digits) {
            throw DomainException.invalidField("price", "invalid_price",
                    "above zero, with at most " + digits + " decimals in " + plan.currency);
        }
        if (price.compareTo(plan.price) == 0) {
            throw DomainException.invalidField("price", "price_unchanged", "the plan costs this already");
        }
        PlanPriceChange change = new PlanPriceChange();
        change.planId = plan.id;
        change.oldPrice = plan.price;
        change.newPrice = price;
        change.noticeDays = Math.max(0, config.priceNoticeDays());
        change.actor = Memberships.writer(caller.accountId());
        change.createdAt = clock.instant();
        change.persist();
        // those who join from now on pay the new price; members keep theirs until told
        plan.price = price;
        PublicationRef publication = publications.findById(plan.publicationId).orElseThrow();
        audit.record(caller, AuditAction.plan_price_changed, publication.id(), publication.slug(), "plan " + plan.id,
                change.oldPrice.toPlainString() + " -> " + price.toPlainString() + " " + plan.currency);
        return list(plan).get(0);
    }

    @Transactional
    List<PriceChangeView> list(Caller caller, String slug, long planId) {
        return list(plan(caller, slug, planId));
    }

    @Transactional
    Plan plan(Caller caller, String slug, long planId) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        return Plan.<Plan>find("id = ?1 and publicationId = ?2", planId, publication.id()).firstResultOptional()
                .orElseThrow(PlanService::planNotFound);
    }

    @SuppressWarnings("unchecked")
    private List<PriceChangeView> list(Plan plan) {
        entityManager.flush();
        List<Object[]> rows = entityManager.createNativeQuery(CHANGES).setParameter(1, plan.id).getResultList();
        return rows.stream().map(r -> new PriceChangeView(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                (BigDecimal) r[2], (BigDecimal) r[3], plan.currency, ((Number) r[4]).intValue(), SqlTimes.instant(r[5]),
                ((Number) r[6]).longValue())).toList();
    }
}
