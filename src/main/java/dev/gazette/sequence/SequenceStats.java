package dev.gazette.sequence;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.gazette.sequence.SequenceViews.Enrollments;
import dev.gazette.sequence.SequenceViews.StepStats;

/**
 * A sequence's numbers, read in the caller's transaction: per step from the rollup the statistics
 * triggers keep over its mail's delivery and tracking rows (the step's message is an issue, so its
 * row in {@code stats_issue} counts exactly its deliveries), and the enrollments per state.
 */
@ApplicationScoped
class SequenceStats {

    private final EntityManager entityManager;

    SequenceStats(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Per step message (issue id): its numbers. */
    Map<Long, StepStats> steps(Collection<Long> issueIds) {
        Map<Long, StepStats> stats = new HashMap<>();
        if (issueIds.isEmpty()) {
            return stats;
        }
        // the rollup rows of the steps' messages
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT issue_id, recipients, sent, opens, unique_opens, clicks, unique_clicks, unsubscribes
                  FROM stats_issue WHERE issue_id = ANY (CAST(?1 AS bigint[]))""")
                .setParameter(1, issueIds.toArray(Long[]::new)).getResultList();
        for (Object[] r : rows) {
            stats.put(n(r[0]), new StepStats(n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6]), n(r[7])));
        }
        return stats;
    }

    Enrollments enrollments(long sequenceId) {
        // the sequence's subscribers per state
        Object[] r = (Object[]) entityManager.createNativeQuery("""
                SELECT count(*) FILTER (WHERE state = 'active'), count(*) FILTER (WHERE state = 'completed'),
                       count(*) FILTER (WHERE state = 'stopped')
                  FROM sequence_enrollment WHERE sequence_id = ?1""").setParameter(1, sequenceId).getSingleResult();
        return new Enrollments(n(r[0]), n(r[1]), n(r[2]));
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
