package dev.gazette.engagement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/** A publication's tips as its writer keeps the books: each tip with its issue, and the totals per month. */
@ApplicationScoped
class TipLedger {

    /** One tip: {@code net} is what stays with the writer (the amount less refunds) once paid. */
    record Line(long id, Instant createdAt, Instant paidAt, String issueTitle, int coffees, BigDecimal amount,
            BigDecimal refunded, BigDecimal net, String currency, String name, String message, String status) {
    }

    /** A month (in the publication's zone, {@code yyyy-MM}) and currency: paid tips, coffees, and money. */
    record Month(String month, String currency, long tips, long coffees, BigDecimal amount, BigDecimal refunded,
            BigDecimal net) {
    }

    // A page of the publication's tips, newest first by id (keyset), with the issue each was for.
    private static final String LINES = """
            SELECT t.id, t.created_at, t.paid_at, i.title, t.coffees, t.amount, t.amount_refunded, t.currency,
                   t.tipper_name, t.message, t.status
            FROM tip t LEFT JOIN issue i ON i.id = t.issue_id
            WHERE t.publication_id = ?1 AND t.id < ?2 AND (?3 = '' OR t.status = ?3)
            ORDER BY t.id DESC LIMIT ?4
            """;

    // Paid tips (refunded ones included, at what stays) per month of their payment in the publication's zone.
    private static final String MONTHS = """
            SELECT to_char(t.paid_at AT TIME ZONE ?2, 'YYYY-MM'), t.currency, count(*), sum(t.coffees),
                   sum(t.amount), sum(t.amount_refunded)
            FROM tip t
            WHERE t.publication_id = ?1 AND t.paid_at IS NOT NULL AND t.status IN ('paid', 'refunded')
            GROUP BY 1, 2 ORDER BY 1 DESC, 2
            """;

    private static final List<String> STATUSES = java.util.Arrays.stream(Tip.Status.values()).map(Enum::name).toList();

    private final Publications publications;
    private final EntityManager entityManager;

    TipLedger(Publications publications, EntityManager entityManager) {
        this.publications = publications;
        this.entityManager = entityManager;
    }

    /** Tips older than {@code before} (a tip id; null: the newest), of one status or all. */
    @Transactional
    List<Line> lines(Caller caller, String slug, String status, Long before, int count) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(LINES).setParameter(1, publication.id())
                .setParameter(2, before == null ? Long.MAX_VALUE : before)
                .setParameter(3, STATUSES.contains(status) ? status : "").setParameter(4, count)
                .getResultList();
        return rows.stream().map(r -> {
            BigDecimal amount = (BigDecimal) r[5];
            BigDecimal refunded = (BigDecimal) r[6];
            String state = (String) r[10];
            boolean kept = "paid".equals(state) || "refunded".equals(state);
            return new Line(((Number) r[0]).longValue(), SqlValues.instant(r[1]), SqlValues.instant(r[2]), (String) r[3],
                    ((Number) r[4]).intValue(), amount, refunded, kept ? amount.subtract(refunded) : BigDecimal.ZERO,
                    ((String) r[7]).strip(), (String) r[8], (String) r[9], state);
        }).toList();
    }

    @Transactional
    List<Month> months(Caller caller, String slug) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(MONTHS).setParameter(1, publication.id())
                .setParameter(2, publication.timeZone()).getResultList();
        return rows.stream().map(r -> {
            BigDecimal amount = (BigDecimal) r[4];
            BigDecimal refunded = (BigDecimal) r[5];
            return new Month((String) r[0], ((String) r[1]).strip(), ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue(), amount, refunded, amount.subtract(refunded));
        }).toList();
    }
}
