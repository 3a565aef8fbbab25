package dev.gazette.issue;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.event.EventType;
import dev.gazette.event.Events;

/**
 * How the delivery engine moves an issue through the states it owns once the send has started:
 * sending, paused, sent. Only these moves, and only from the state they start from.
 */
@ApplicationScoped
public class IssueStates {

    private final java.time.Clock clock;
    private final Events events;

    IssueStates(java.time.Clock clock, Events events) {
        this.clock = clock;
        this.events = events;
    }

    /** The status of an issue of this publication, or empty when the publication has no such issue. */
    @Transactional
    public java.util.Optional<IssueStatus> statusOf(long publicationId, long issueId) {
        return Issue.<Issue>find("id = ?1 and publicationId = ?2", issueId, publicationId).firstResultOptional()
                .map(issue -> issue.status);
    }

    /**
     * The status of an issue of this publication (not a sequence step's message), its row locked
     * until the caller's transaction ends, so that its send cannot start meanwhile; empty when the
     * publication has no such issue. For settings that may change only before the send.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<IssueStatus> lockedStatusOf(long publicationId, long issueId) {
        return Issue.<Issue>find("id = ?1 and publicationId = ?2 and kind = ?3", issueId, publicationId, Issue.KIND_ISSUE)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .map(issue -> issue.status);
    }

    /** The title of an issue of this publication, for a page that follows its send; empty when there is no such issue. */
    @Transactional
    public Optional<String> titleOf(long publicationId, long issueId) {
        return Issue.<Issue>find("id = ?1 and publicationId = ?2", issueId, publicationId).firstResultOptional()
                .map(issue -> issue.title);
    }

    @Transactional
    public void paused(long issueId) {
        Issue.update("status = ?1, updatedAt = ?2 where id = ?3 and status = ?4", IssueStatus.paused, clock.instant(),
                issueId, IssueStatus.sending);
    }

    @Transactional
    public void resumed(long issueId) {
        Issue.update("status = ?1, updatedAt = ?2 where id = ?3 and status = ?4", IssueStatus.sending, clock.instant(),
                issueId, IssueStatus.paused);
    }

    /** Every delivery is done: the issue is sent, and public on the web from now on; false when it was not sending. */
    @Transactional
    public boolean sent(long issueId, Instant at) {
        boolean sent = 1 == Issue.update("status = ?1, sentAt = ?2, updatedAt = ?2 where id = ?3 and status in (?4, ?5)",
                IssueStatus.sent, at, issueId, IssueStatus.sending, IssueStatus.paused);
        if (sent) {
            Issue.<Issue>findByIdOptional(issueId)
                    .ifPresent(i -> events.emit(EventType.ISSUE_SENT, i.publicationId, i.eventData()));
        }
        return sent;
    }

    /** The writer stopped a started send: what was delivered stays delivered. */
    @Transactional
    public void cancelled(long issueId) {
        Issue.update("status = ?1, updatedAt = ?2 where id = ?3 and status in (?4, ?5)", IssueStatus.cancelled,
                clock.instant(), issueId, IssueStatus.sending, IssueStatus.paused);
    }
}
