package dev.gazette.issue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;
import dev.gazette.core.EmailAddresses;
import dev.gazette.core.FieldError;
import dev.gazette.core.HeaderValues;
import dev.gazette.core.RateLimiter;
import dev.gazette.event.EventType;
import dev.gazette.event.Events;
import dev.gazette.issue.IssueRequests.Send;
import dev.gazette.mail.MailKind;
import dev.gazette.mail.TransactionalMail;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.segment.Segments;
import dev.gazette.sender.SenderDomains;
import dev.gazette.subscriber.Audience;

/**
 * From draft to sending: previews and test sends (rendered exactly as the real send renders,
 * for a sample subscriber), and the schedule, which {@link IssueScheduler} fires once.
 */
@ApplicationScoped
class IssueSending {

    /** A schedule this close to now counts as now: the writer's clock and ours differ a little. */
    private static final Duration GRACE = Duration.ofMinutes(1);

    private final Publications publications;
    private final IssueRenderer renderer;
    private final IssueScheduler scheduler;
    private final TransactionalMail mails;
    private final RenderPool renderPool;
    private final RateLimiter rateLimiter;
    private final IssueConfig config;
    private final EntityManager entityManager;
    private final Audience audience;
    private final Clock clock;
    private final Audit audit;
    private final Events events;
    private final SenderDomains senders;
    private final Segments segments;

    IssueSending(Publications publications, IssueRenderer renderer, IssueScheduler scheduler, TransactionalMail mails,
            RenderPool renderPool, RateLimiter rateLimiter, IssueConfig config, EntityManager entityManager,
            Audience audience, Clock clock, Audit audit, Events events, SenderDomains senders, Segments segments) {
        this.segments = segments;
        this.events = events;
        this.senders = senders;
        this.audience = audience;
        this.audit = audit;
        this.publications = publications;
        this.renderer = renderer;
        this.scheduler = scheduler;
        this.mails = mails;
        this.renderPool = renderPool;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * The issue as the sample subscriber would receive it: loaded in a short transaction, then
     * rendered on the render pool without holding a database connection.
     */
    RenderedIssue preview(Caller caller, String publicationSlug, long id) {
        return preview(publications.requireManaged(caller, publicationSlug), id);
    }

    private RenderedIssue preview(PublicationRef publication, long id) {
        PreparedIssue prepared = QuarkusTransaction.joiningExisting()
                .call(() -> renderer.prepare(IssueService.find(publication, id, false).id));
        Recipient sample = Recipient.sample(prepared.publication.locale());
        return renderPool.render(() -> renderer.render(prepared, sample));
    }

    /** Sends the preview to the given addresses, its subject marked as a test; counted nowhere. */
    TestSendResult test(Caller caller, String publicationSlug, long id, List<String> to) {
        rateLimiter.acquire("issue-test-send", Long.toString(caller.accountId()), config.testSendsPerMinute());
        if (to.size() > config.maxTestRecipients()) {
            throw new DomainException(Kind.INVALID, "too_many_recipients",
                    "A test send goes to at most " + config.maxTestRecipients() + " addresses",
                    List.of(new FieldError("to", "too_many", "has too many addresses")), null);
        }
        List<String> addresses = to.stream().map(a -> EmailAddresses.normalize(a).orElseThrow(
                () -> DomainException.invalidField("to", "invalid_email", "must be valid email addresses")))
                .distinct().toList();
        PublicationRef publication = publications.requireManaged(caller, publicationSlug);
        if (!publication.active()) {
            throw new DomainException(Kind.CONFLICT, "publication_suspended", "A suspended publication sends nothing");
        }
        requireOwnAddresses(caller, addresses);
        RenderedIssue rendered = preview(publication, id);
        SenderDomains.Sender sender = senders.sender(publication.ownerId(), rendered.senderName(), rendered.senderEmail(),
                rendered.replyTo());
        String subject = RenderedIssue.encode(HeaderValues.requireSingleLine("title",
                Texts.of(publication.locale()).testMark() + rendered.subject()));
        // one message per address: testers do not see each other's addresses; recorded together and
        // sent by the delivery engine's transactional lane, which retries them while the relay is down
        QuarkusTransaction.requiringNew().run(() -> {
            for (String address : addresses) {
                Mail mail = new Mail()
                        .setTo(List.of(address))
                        .setSubject(subject)
                        .setHtml(rendered.html())
                        .setText(rendered.text())
                        .setFrom(sender.from())
                        .addHeader("X-Gazette-Test", "true");
                if (sender.replyTo() != null) {
                    mail.setReplyTo(sender.replyTo());
                }
                mails.record(mail,
                        TransactionalMail.Origin.of(MailKind.test_send, "issue:" + id).publication(publication.id()));
            }
        });
        return new TestSendResult(addresses, rendered.htmlBytes(), rendered.warnings());
    }

    /**
     * A test send goes to the caller's own login address only: it is mail From the publication to
     * addresses nobody confirmed, which would make test sends a way round consent.
     */
    private static void requireOwnAddresses(Caller caller, List<String> addresses) {
        String own = EmailAddresses.normalize(caller.email()).orElse(caller.email());
        if (addresses.stream().anyMatch(a -> !a.equals(own))) {
            throw new DomainException(Kind.UNPROCESSABLE, "test_recipient_not_own",
                    "A test send goes only to your own address (" + own + ")",
                    List.of(new FieldError("to", "test_recipient_not_own", "must be your own address")), null);
        }
    }

    record TestSendResult(List<String> to, int htmlBytes, List<String> warnings) {
    }

    /**
     * Schedules the issue, or starts it now when no time is given; 202 either way. An audience no one
     * can be mailed in is refused ({@code empty_audience}) unless the request is {@code webOnly}.
     */
    @Transactional
    IssueView send(Caller caller, String publicationSlug, long id, Send request) {
        PublicationRef publication = publications.requireManaged(caller, publicationSlug);
        Issue issue = IssueService.find(publication, id, true);
        if (issue.status != IssueStatus.draft && issue.status != IssueStatus.cancelled) {
            throw new DomainException(Kind.CONFLICT, "issue_not_sendable", "An issue that is " + issue.status
                    + " cannot be sent again; cancel a scheduled issue first to change its time");
        }
        if (!publication.active()) {
            throw new DomainException(Kind.CONFLICT, "publication_suspended", "A suspended publication sends nothing");
        }
        Instant now = clock.instant();
        Instant at = request == null || request.scheduledAt() == null ? now : request.scheduledAt().toInstant();
        if (at.isBefore(now.minus(GRACE))) {
            throw new DomainException(Kind.UNPROCESSABLE, "scheduled_in_past", "The send time has passed",
                    List.of(new FieldError("scheduledAt", "in_past", "must be in the future")), null);
        }
        String[] tags = Audience.normalTags("tags", request == null ? null : request.tags());
        boolean webOnly = request != null && Boolean.TRUE.equals(request.webOnly());
        Long segment = webOnly || request == null ? null : request.segment();
        if (segment != null) {
            segments.requireOwn(publication.id(), segment, "segment");
        }
        if (webOnly) {
            // an explicit choice to publish on the web and mail no one, whatever the audience
            tags = new String[0];
        } else if ((segment == null
                ? audience.count(publication.id(), List.of(tags))
                : segments.mailable(publication.id(), segment, List.of(tags))) == 0) {
            throw segment == null ? emptyAudience(tags) : emptySegment();
        }
        issue.status = IssueStatus.scheduled;
        issue.scheduledAt = at.isBefore(now) ? now : at;
        issue.audienceTags = tags;
        issue.webOnly = webOnly;
        issue.segmentId = segment;
        issue.sendRequestedAt = now;
        issue.sendRequestedBy = caller.accountId();
        issue.updatedAt = now;
        entityManager.flush();
        boolean later = issue.scheduledAt.isAfter(now);
        events.emit(EventType.ISSUE_SCHEDULED, publication.id(), issue.eventData());
        audit.record(caller, later ? AuditAction.issue_scheduled : AuditAction.issue_sent, publication.id(),
                publication.slug(), "issue " + issue.id, (later ? "for " + issue.scheduledAt + "; " : "")
                        + (webOnly ? "web only" : tags.length == 0 ? "everyone" : "topics " + String.join(", ", tags))
                        + (segment == null ? "" : "; segment " + segment));
        if (!later) {
            scheduler.fire(issue.id, now);
            entityManager.refresh(issue);
        }
        return IssueView.of(issue, publication.timeZone(), renderer.webUrl(publication.slug(), issue.slug));
    }

    /**
     * Cancels a scheduled issue, or stops one whose send has started (sending or paused): the
     * delivery engine then skips every message not yet handed to the relay (within a second; what
     * went out stays out). A sent or draft issue cannot be cancelled.
     */
    @Transactional
    IssueView cancel(Caller caller, String publicationSlug, long id) {
        PublicationRef publication = publications.requireManaged(caller, publicationSlug);
        Issue issue = IssueService.find(publication, id, true);
        if (issue.status != IssueStatus.scheduled && issue.status != IssueStatus.sending
                && issue.status != IssueStatus.paused) {
            throw new DomainException(Kind.CONFLICT, "issue_not_cancellable",
                    "Only a scheduled, sending or paused issue can be cancelled; this one is " + issue.status);
        }
        IssueStatus was = issue.status;
        issue.status = IssueStatus.cancelled;
        issue.updatedAt = clock.instant();
        audit.record(caller, AuditAction.issue_cancelled, publication.id(), publication.slug(), "issue " + issue.id,
                "was " + was);
        return IssueView.of(issue, publication.timeZone(), renderer.webUrl(publication.slug(), issue.slug));
    }

    /**
     * Moves a scheduled issue to another time, to the same audience: the cancel and the new schedule
     * in one transaction, so a refused time (passed, say) leaves the old schedule as it was.
     */
    @Transactional
    IssueView reschedule(Caller caller, String publicationSlug, long id, OffsetDateTime at) {
        PublicationRef publication = publications.requireManaged(caller, publicationSlug);
        Issue issue = IssueService.find(publication, id, true);
        if (issue.status != IssueStatus.scheduled) {
            throw new DomainException(Kind.CONFLICT, "issue_not_scheduled",
                    "Only a scheduled issue can be given another time; this one is " + issue.status);
        }
        List<String> tags = issue.audienceTags == null ? List.of() : List.of(issue.audienceTags);
        boolean webOnly = issue.webOnly;
        Long segment = issue.segmentId;
        cancel(caller, publicationSlug, id);
        return send(caller, publicationSlug, id, new Send(at, tags, webOnly, segment));
    }

    /**
     * A send that would mail no one is a mistake the writer wants to hear about (a first issue with
     * no subscriber yet, topics nobody chose): nothing changes, and {@code webOnly} is the way to
     * publish on the web only.
     */
    private static DomainException emptySegment() {
        return new DomainException(Kind.UNPROCESSABLE, "empty_audience", "No subscriber would receive this issue; "
                + "no subscriber who can be mailed is in this segment (with these tags). Choose another segment, or send "
                + "with webOnly to publish it on the web only",
                List.of(new FieldError("segment", "no_recipient", "matches no subscriber who can be mailed")), null);
    }

    private static DomainException emptyAudience(String[] tags) {
        if (tags.length == 0) {
            return new DomainException(Kind.UNPROCESSABLE, "empty_audience", "No subscriber would receive this issue; "
                    + "no subscriber of the publication can be mailed yet. Send with webOnly to publish it on the web only");
        }
        return new DomainException(Kind.UNPROCESSABLE, "empty_audience", "No subscriber would receive this issue; "
                + "no subscriber who can be mailed has any of these tags. Choose other tags, or send with webOnly to "
                + "publish it on the web only",
                List.of(new FieldError("tags", "no_recipient", "match no subscriber who can be mailed")), null);
    }
}
