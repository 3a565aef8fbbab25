package dev.gazette.membership;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.gazette.subscriber.ReaderData;

/** What the membership feature keeps about a subscriber, for their own data export. */
@ApplicationScoped
class MemberData implements ReaderData {

    // The subscriber's membership of the publication.
    private static final String MEMBERSHIP = """
            SELECT m.kind, m.state, m.cancel_at_period_end, p.name, m.price, m.currency, m.provider,
                   m.current_period_start, m.current_period_end, m.started_at, m.ended_at
              FROM membership m LEFT JOIN plan p ON p.id = m.plan_id
             WHERE m.publication_id = ?1 AND m.subscriber_id = ?2""";

    // Every change to it, oldest first.
    private static final String LEDGER = """
            SELECT l.at, l.actor, l.action, l.from_state, l.to_state, l.period_end, l.reason
              FROM membership_ledger l JOIN membership m ON m.id = l.membership_id
             WHERE m.publication_id = ?1 AND m.subscriber_id = ?2 ORDER BY l.id""";

    // Every charge: the receipts.
    private static final String CHARGES = """
            SELECT c.created_at, c.period_start, c.period_end, c.amount, c.currency, c.status, c.refunded
              FROM membership_charge c JOIN membership m ON m.id = c.membership_id
             WHERE m.publication_id = ?1 AND m.subscriber_id = ?2 ORDER BY c.id""";

    // The recurring-payment terms the subscriber accepted, with the client they accepted them from.
    private static final String TERMS = """
            SELECT t.accepted_at, t.terms_kind, t.terms_version, t.client_ip, t.user_agent
              FROM terms_acceptance t JOIN membership_checkout c ON c.id = t.checkout_id
             WHERE c.publication_id = ?1 AND t.subscriber_id = ?2 ORDER BY t.id""";

    private final EntityManager entityManager;

    MemberData(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public Map<String, List<Map<String, Object>>> of(Subject subject) {
        Map<String, List<Map<String, Object>>> sections = new LinkedHashMap<>();
        sections.put("membership", ReaderData.rows(query(MEMBERSHIP, subject), "kind", "state", "cancelAtPeriodEnd",
                "plan", "price", "currency", "provider", "currentPeriodStart", "currentPeriodEnd", "startedAt", "endedAt"));
        sections.put("membershipLedger", ReaderData.rows(query(LEDGER, subject), "at", "actor", "action", "fromState",
                "toState", "periodEnd", "reason"));
        sections.put("membershipCharges", ReaderData.rows(query(CHARGES, subject), "at", "periodStart", "periodEnd",
                "amount", "currency", "status", "refunded"));
        sections.put("termsAcceptances", ReaderData.rows(query(TERMS, subject), "acceptedAt", "kind", "version",
                "clientIp", "userAgent"));
        return sections;
    }

    private List<?> query(String sql, Subject subject) {
        return entityManager.createNativeQuery(sql).setParameter(1, subject.publicationId())
                .setParameter(2, subject.subscriberId()).getResultList();
    }
}
