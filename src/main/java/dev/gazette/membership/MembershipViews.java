package dev.gazette.membership;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What the plans and members API and pages show. */
final class MembershipViews {

    private MembershipViews() {
    }

    /** A plan with how many hold it now (retired ones too: retiring touches none of them). */
    record PlanView(long id, String name, String interval, BigDecimal price, String currency, int trialDays,
            boolean retired, Instant createdAt, Instant retiredAt, long members) {

        static PlanView of(Plan p, long members) {
            return new PlanView(p.id, p.name, p.interval.name(), p.price, p.currency, p.trialDays, p.retired(), p.createdAt,
                    p.retiredAt, members);
        }
    }

    /** One member of a publication, with their state and current period. */
    record MemberView(long id, long subscriberId, String email, String name, String kind, String state,
            boolean cancelAtPeriodEnd, Long planId, String planName, BigDecimal price, String currency, String provider,
            Instant currentPeriodStart, Instant currentPeriodEnd, Instant startedAt, Instant endedAt) {
    }

    /** One change in a membership's ledger. */
    record LedgerLine(Instant at, String actor, String action, String fromState, String toState, Long planId,
            Instant periodEnd, String reason) {
    }

    /** One charge: a receipt, with how much of it was refunded. */
    record ChargeView(long id, Instant at, Instant periodStart, Instant periodEnd, BigDecimal amount, String currency,
            String status, BigDecimal refunded) {
    }

    /** A member with the ledger of every change and every charge. */
    record MemberDetail(MemberView member, List<LedgerLine> ledger, List<ChargeView> charges) {
    }
}
