package dev.gazette.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.core.DomainException;
import dev.gazette.issue.IssueStates;
import dev.gazette.issue.IssueStatus;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/** Where a send stands, from the send's counters: no recount of a million rows per request. */
@ApplicationScoped
class SendProgress {

    /** The contract's progress: counts per state, messages per second over the last 10 s, seconds to go. */
    record Progress(String status, long total, long queued, long sent, long retrying, long failed, long skipped,
            double rate, Long eta, String pauseReason) {
    }

    private final Publications publications;
    private final IssueStates issues;
    private final SendLifecycle sends;
    private final EntityManager entityManager;
    private final Clock clock;
    private final Audit audit;
    private final SendingGuards guards;

    SendProgress(Publications publications, IssueStates issues, SendLifecycle sends, EntityManager entityManager,
            Clock clock, Audit audit, SendingGuards guards) {
        this.audit = audit;
        this.guards = guards;
        this.publications = publications;
        this.issues = issues;
        this.sends = sends;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    Progress progress(Caller caller, String slug, long issueId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            IssueStatus status = issueStatus(caller, slug, issueId);
            Instant second = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            // the send's counters, and the messages sent in the last ten whole seconds (at most ten rows)
            List<?> rows = entityManager.createNativeQuery("""
                    SELECT s.id, s.status, s.total, s.sent_count, s.failed_count, s.skipped_count, s.pause_reason,
                           s.retrying_count,
                           (SELECT COALESCE(sum(x.sent), 0) FROM send_second x WHERE x.send_id = s.id
                               AND x.second >= ?2 AND x.second < ?3)
                      FROM send s WHERE s.issue_id = ?1""")
                    .setParameter(1, issueId).setParameter(2, second.minusSeconds(10)).setParameter(3, second)
                    .getResultList();
            if (rows.isEmpty()) {
                return new Progress(status.name(), 0, 0, 0, 0, 0, 0, 0, null, null);
            }
            Object[] r = (Object[]) rows.get(0);
            long total = n(r[2]);
            long sent = n(r[3]);
            long failed = n(r[4]);
            long skipped = n(r[5]);
            long retrying = Math.max(0, n(r[7]));
            long queued = Math.max(0, total - sent - failed - skipped - retrying);
            double rate = n(r[8]) / 10.0;
            long remaining = queued + retrying;
            Long eta = remaining == 0 ? Long.valueOf(0) : rate > 0 ? Long.valueOf(Math.round(remaining / rate)) : null;
            return new Progress((String) r[1], total, queued, sent, retrying, failed, skipped, rate, eta, (String) r[6]);
        });
    }

    void pause(Caller caller, String slug, long issueId) {
        PublicationRef publication = requireState(caller, slug, issueId);
        if (!sends.pauseIssue(issueId, "paused by " + caller.email(), () -> audit.record(caller, AuditAction.send_paused,
                publication.id(), publication.slug(), "issue " + issueId, null))) {
            throw notIn("sending", "pause");
        }
    }

    void resume(Caller caller, String slug, long issueId) {
        PublicationRef publication = requireState(caller, slug, issueId);
        if (!QuarkusTransaction.requiringNew().call(() -> publications.requireManaged(caller, slug)).active()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "publication_suspended",
                    "A suspended publication sends nothing; its sends resume once it is reinstated");
        }
        if (guards.holds(publication.id())) {
            throw SendingGuards.holding();
        }
        if (!sends.resumeIssue(issueId, () -> audit.record(caller, AuditAction.send_resumed, publication.id(),
                publication.slug(), "issue " + issueId, null))) {
            throw notIn("paused", "resume");
        }
    }

    /** The publication, once the issue is known to be one of it (404 otherwise). */
    private PublicationRef requireState(Caller caller, String slug, long issueId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            issueStatus(caller, slug, issueId);
            return publications.requireManaged(caller, slug);
        });
    }

    private IssueStatus issueStatus(Caller caller, String slug, long issueId) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        return issues.statusOf(publication.id(), issueId).orElseThrow(() -> new DomainException(
                DomainException.Kind.NOT_FOUND, "issue_not_found", "No such issue"));
    }

    private static DomainException notIn(String state, String action) {
        return new DomainException(DomainException.Kind.CONFLICT, "send_not_" + state,
                "Only a send that is " + state + " can " + action);
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

}
