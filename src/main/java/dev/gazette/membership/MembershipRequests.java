package dev.gazette.membership;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** Request bodies of the plans and members API. */
final class MembershipRequests {

    private MembershipRequests() {
    }

    /**
     * A new paid plan: {@code interval} {@code month} or {@code year}; {@code price} above zero in
     * the currency's major units (no more decimals than the currency has); {@code currency} ISO 4217
     * (left out: the publication's tip currency); {@code trialDays} 0 to 365 (left out: 0).
     */
    record CreatePlan(String name, String interval, BigDecimal price, String currency, Integer trialDays) {
    }

    /** A writer's gift: {@code until} left out for a comp without an end; {@code reason} for the ledger. */
    record GiveComp(OffsetDateTime until, String reason) {
    }
}
