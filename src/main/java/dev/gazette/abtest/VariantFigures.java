package dev.gazette.abtest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.gazette.abtest.SubjectTestViews.Figures;

/**
 * A started test's numbers per variant, read from the send's delivery rows and their tracking
 * events: the sample's for each variant, and the remainder's. One statement over the send's rows.
 */
@ApplicationScoped
class VariantFigures {

    /** The numbers of a send: each variant's sample (by number), the remainder, how many are still held. */
    record Split(Map<Integer, Figures> sample, Figures remainder, long held) {
    }

    // Per group (sample variant, or the remainder): recipients, sent, held, and the recipients with at
    // least one open or click that looked like a person's.
    private static final String FIGURES = """
            SELECT d.in_sample, COALESCE(d.variant, 0), count(*),
                   count(*) FILTER (WHERE d.status = 'sent'),
                   count(*) FILTER (WHERE d.status = 'held'),
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM tracking_event e
                                                   WHERE e.delivery_id = d.id AND e.kind = 'open' AND NOT e.machine)),
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM tracking_event e
                                                   WHERE e.delivery_id = d.id AND e.kind = 'click' AND NOT e.machine))
              FROM delivery d WHERE d.send_id = ?1
             GROUP BY d.in_sample, COALESCE(d.variant, 0)""";

    private final EntityManager entityManager;

    VariantFigures(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    Split of(long sendId) {
        List<?> rows = entityManager.createNativeQuery(FIGURES).setParameter(1, sendId).getResultList();
        Map<Integer, Figures> sample = new HashMap<>();
        long[] rest = new long[4];
        long held = 0;
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            long recipients = n(r[2]);
            long sent = n(r[3]);
            long opens = n(r[5]);
            long clicks = n(r[6]);
            held += n(r[4]);
            if ((Boolean) r[0]) {
                sample.put((int) n(r[1]), Figures.of(recipients, sent, opens, clicks));
            } else {
                rest[0] += recipients;
                rest[1] += sent;
                rest[2] += opens;
                rest[3] += clicks;
            }
        }
        return new Split(sample, Figures.of(rest[0], rest[1], rest[2], rest[3]), held);
    }

    /**
     * The winner by this metric: the highest rate of recipients who opened (or clicked) among the
     * messages sent; a tie goes to the lower variant number (the writer's first subject first).
     */
    static int winner(Map<Integer, Figures> sample, int variants, String metric) {
        int best = 1;
        for (int v = 2; v <= variants; v++) {
            if (better(sample.getOrDefault(v, Figures.NONE), sample.getOrDefault(best, Figures.NONE), metric)) {
                best = v;
            }
        }
        return best;
    }

    /** Whether {@code a}'s rate is strictly higher than {@code b}'s, compared exactly (cross-multiplied). */
    private static boolean better(Figures a, Figures b, String metric) {
        long hitsA = "clicks".equals(metric) ? a.uniqueClicks() : a.uniqueOpens();
        long hitsB = "clicks".equals(metric) ? b.uniqueClicks() : b.uniqueOpens();
        if (a.sent() == 0 || b.sent() == 0) {
            return a.sent() > 0 && hitsA > 0 && b.sent() == 0;
        }
        return hitsA * b.sent() > hitsB * a.sent();
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
