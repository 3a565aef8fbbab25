package dev.gazette.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import dev.gazette.core.EmailAddresses;
import dev.gazette.issue.IssueStates;

/**
 * A send's state: sending, paused (by the writer, or by the engine when the relay refuses on
 * policy grounds), sent when no row is left to send, cancelled. The issue follows along.
 */
@ApplicationScoped
class SendLifecycle {

    private static final Logger LOG = Logger.getLogger(SendLifecycle.class);
    private static final Duration ACTIVE_CACHE = Duration.ofMillis(250);

    private final EntityManager entityManager;
    private final IssueStates issues;
    private final Clock clock;
    private volatile Set<Long> active = Set.of();
    private volatile Instant activeReadAt = Instant.MIN;
    private volatile long waiting;
    private volatile Instant waitingReadAt = Instant.MIN;

    SendLifecycle(EntityManager entityManager, IssueStates issues, Clock clock) {
        this.entityManager = entityManager;
        this.issues = issues;
        this.clock = clock;
    }

    /** The sends rows may be sent for now (not of a suspended publication); read at most four times a second. */
    Set<Long> activeSendIds() {
        Instant now = clock.instant();
        // read again when it is old, or when the clock went back since (a stepped clock must not freeze it)
        if (activeReadAt.plus(ACTIVE_CACHE).isBefore(now) || activeReadAt.isAfter(now)) {
            List<?> ids = QuarkusTransaction.requiringNew().call(() -> entityManager
                    .createNativeQuery("SELECT s.id FROM send s JOIN publication p ON p.id = s.publication_id "
                            + "WHERE s.status = 'sending' AND p.status = 'active'")
                    .getResultList());
            Set<Long> fresh = new HashSet<>();
            ids.forEach(id -> fresh.add(((Number) id).longValue()));
            active = fresh;
            activeReadAt = now;
        }
        return new HashSet<>(active);
    }

    void pause(long sendId, String reason) {
        pause(sendId, reason, () -> {
        });
    }

    /** Pauses a send; {@code also} runs in the same transaction when it was sending (a person's pause is audited so). */
    private void pause(long sendId, String reason, Runnable also) {
        Long issueId = QuarkusTransaction.requiringNew().call(() -> {
            Long paused = issueOf(entityManager.createNativeQuery(
                    "UPDATE send SET status = 'paused', pause_reason = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'sending' "
                            + "RETURNING issue_id")
                    .setParameter(1, sendId).setParameter(2, truncate(reason))
                    .setParameter(3, clock.instant()).getResultList());
            if (paused != null) {
                also.run();
            }
            return paused;
        });
        if (issueId != null) {
            LOG.errorf("Send %d (issue %d) paused: %s", sendId, issueId, EmailAddresses.masked(reason));
            issues.paused(issueId);
            activeReadAt = Instant.MIN;
        }
    }

    /** Pauses the send of an issue, {@code also} in the same transaction; false when it is not sending. */
    boolean pauseIssue(long issueId, String reason, Runnable also) {
        Long sendId = sendOf(issueId);
        if (sendId == null) {
            return false;
        }
        pause(sendId, reason, also);
        return true;
    }

    /** Resumes a paused send, {@code also} in the same transaction; false when it is not paused. */
    boolean resumeIssue(long issueId, Runnable also) {
        int changed = QuarkusTransaction.requiringNew().call(() -> {
            int resumed = entityManager.createNativeQuery(
                    "UPDATE send SET status = 'sending', pause_reason = NULL, updated_at = ?2 WHERE issue_id = ?1 AND status = 'paused'")
                    .setParameter(1, issueId).setParameter(2, clock.instant()).executeUpdate();
            if (resumed > 0) {
                also.run();
            }
            return resumed;
        });
        if (changed > 0) {
            issues.resumed(issueId);
            activeReadAt = Instant.MIN;
        }
        return changed > 0;
    }

    /** Cancels a started send: rows not yet sent are skipped; what went out stays out. */
    boolean cancelIssue(long issueId) {
        int changed = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            List<?> ids = entityManager.createNativeQuery("UPDATE send SET status = 'cancelled', finished_at = ?2, "
                    + "updated_at = ?2 WHERE issue_id = ?1 AND status IN ('sending', 'paused') RETURNING id")
                    .setParameter(1, issueId).setParameter(2, now).getResultList();
            if (ids.isEmpty()) {
                return 0;
            }
            long sendId = ((Number) ids.get(0)).longValue();
            // every row not yet sent, leased ones too: a paused or stopped worker holds claimed rows it
            // will not send, and nothing claims a cancelled send's rows again. A message on the wire at
            // this moment may still arrive; its outcome no longer changes the skipped row. The
            // retrying ones apart, so that their counter follows; the rows an A/B subject test
            // held for its winner are skipped too.
            String[] from = {"retrying", "queued", "held"};
            int[] skipped = new int[from.length];
            for (int i = 0; i < from.length; i++) {
                skipped[i] = entityManager
                        .createNativeQuery("UPDATE delivery SET status = 'skipped', last_reply = 'cancelled', "
                                + "lease_owner = NULL, lease_until = NULL WHERE send_id = ?1 AND status = ?2")
                        .setParameter(1, sendId).setParameter(2, from[i]).executeUpdate();
            }
            entityManager.createNativeQuery("UPDATE send SET skipped_count = skipped_count + ?2, "
                    + "retrying_count = retrying_count - ?3 WHERE id = ?1")
                    .setParameter(1, sendId).setParameter(2, skipped[0] + skipped[1] + skipped[2])
                    .setParameter(3, skipped[0])
                    .executeUpdate();
            return 1;
        });
        if (changed > 0) {
            issues.cancelled(issueId);
            activeReadAt = Instant.MIN;
        }
        return changed > 0;
    }

    /**
     * Stops the sends whose issue the writer cancelled (the issue feature only marks the issue):
     * their rows not yet handed to the relay are skipped. Run as often as the finisher, so a
     * cancel takes effect within a second, and again after a crash between the two.
     */
    @Scheduled(every = "${gazette.delivery.finish-check:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void stopCancelled() {
        // started sends (sending or paused) of issues cancelled since
        List<?> issueIds = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT s.issue_id FROM send s JOIN issue i ON i.id = s.issue_id "
                        + "WHERE s.status IN ('sending', 'paused') AND i.status = 'cancelled'")
                .getResultList());
        for (Object issueId : issueIds) {
            if (cancelIssue(((Number) issueId).longValue())) {
                LOG.infof("The send of issue %s is cancelled", issueId);
            }
        }
    }

    /**
     * Marks sends with nothing left to send as sent, and their issues with them; a sequence step's
     * send stays open (continuous) for the subscribers who reach the step later, and a send whose
     * A/B subject test still holds rows for the winner is not over either.
     */
    @Scheduled(every = "${gazette.delivery.finish-check:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void finishDone() {
        Instant now = clock.instant();
        List<?> done = QuarkusTransaction.requiringNew()
                .call(() -> entityManager
                        .createNativeQuery(
                                """
                                        UPDATE send s SET status = 'sent', finished_at = ?1, updated_at = ?1
                                         WHERE s.status = 'sending' AND NOT s.continuous
                                           AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.send_id = s.id AND d.status IN ('queued', 'retrying', 'held'))
                                        RETURNING s.issue_id""")
                        .setParameter(1, now).getResultList());
        for (Object issueId : done) {
            issues.sent(((Number) issueId).longValue(), now);
            LOG.infof("Issue %s is sent", issueId);
        }
        if (!done.isEmpty()) {
            activeReadAt = Instant.MIN;
        }
        // the rate reads the last ten seconds; a minute is kept
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("DELETE FROM send_second WHERE second < ?1")
                .setParameter(1, now.minusSeconds(60)).executeUpdate());
    }

    /**
     * Pauses the sends of suspended publications, with the suspension's reason: the engine already
     * stopped sending them (it reads only active publications); this says why. The writer resumes
     * once the publication is reinstated. A sequence step's send is left sending: the engine skips
     * it while the publication is suspended, and it goes on by itself once reinstated.
     */
    @Scheduled(every = "${gazette.delivery.finish-check:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void holdSuspended() {
        Instant now = clock.instant();
        List<?> held = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                UPDATE send s SET status = 'paused', updated_at = ?1,
                       pause_reason = left('the publication is suspended: ' || COALESCE(p.suspended_reason, ''), 500)
                  FROM publication p
                 WHERE p.id = s.publication_id AND s.status = 'sending' AND p.status = 'suspended' AND NOT s.continuous
                RETURNING s.issue_id""").setParameter(1, now).getResultList());
        for (Object issueId : held) {
            LOG.warnf("The send of issue %s is paused: its publication is suspended", issueId);
            issues.paused(((Number) issueId).longValue());
        }
        if (!held.isEmpty()) {
            activeReadAt = Instant.MIN;
        }
    }

    /** Rows still to send across active sends (for the queue-depth gauge), read at most every 5 s. */
    double waitingRows() {
        Instant now = clock.instant();
        if (waitingReadAt.plusSeconds(5).isBefore(now) || waitingReadAt.isAfter(now)) {
            waitingReadAt = now;
            try {
                waiting = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "SELECT COALESCE(sum(total - sent_count - failed_count - skipped_count), 0) FROM send "
                                + "WHERE status IN ('sending', 'paused')")
                        .getSingleResult()).longValue());
            } catch (RuntimeException e) {
                LOG.debug("queue depth unavailable", e);
            }
        }
        return waiting;
    }

    private Long sendOf(long issueId) {
        return QuarkusTransaction.requiringNew().call(() -> issueOf(entityManager.createNativeQuery(
                "SELECT id FROM send WHERE issue_id = ?1 AND status = 'sending'").setParameter(1, issueId).getResultList()));
    }

    private static Long issueOf(List<?> rows) {
        return rows.isEmpty() ? null : ((Number) rows.get(0)).longValue();
    }

    private static String truncate(String reason) {
        return reason.length() > 500 ? reason.substring(0, 500) : reason;
    }
}
