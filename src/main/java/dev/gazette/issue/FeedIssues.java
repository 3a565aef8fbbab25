package dev.gazette.issue;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.account.AccountContacts;
import dev.gazette.account.Caller;
import dev.gazette.account.Role;
import dev.gazette.issue.IssueRequests.CreateIssue;
import dev.gazette.issue.IssueRequests.Send;
import dev.gazette.publication.PublicationRef;
import dev.gazette.subscriber.Audience;

/**
 * Issues made from a followed feed's items, on the writer's behalf: drafts made by the issue
 * service and sends started by {@link IssueSending}, exactly as if the writer had pressed the
 * buttons (the same slugs, body limit, template check, audience rule, audit line and delivery engine).
 * Both run in the caller's transaction, so the issue and the record of the items it came from commit together.
 */
@ApplicationScoped
public class FeedIssues {

    /** What became of a send: started, or left a draft because nobody could be mailed or the publication is suspended. */
    public enum Outcome {
        sent, no_audience, suspended
    }

    /** An issue as the feed pages list it. */
    public record Made(long id, String title, String status) {
    }

    private static final int MAX_TITLE = 200;

    private final IssueService issues;
    private final IssueSending sending;
    private final Audience audience;
    private final AccountContacts accounts;

    FeedIssues(IssueService issues, IssueSending sending, Audience audience, AccountContacts accounts) {
        this.issues = issues;
        this.sending = sending;
        this.audience = audience;
        this.accounts = accounts;
    }

    /** A new draft in the publication; returns its id. The title is cut to an issue's longest. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long draft(PublicationRef publication, String title, String bodyMarkdown, Long templateId) {
        String cut = title.strip().replaceAll("[\\r\\n\\t]+", " ");
        if (cut.length() > MAX_TITLE) {
            cut = cut.substring(0, MAX_TITLE - 1) + "…";
        }
        return issues.create(writer(publication), publication.slug(),
                new CreateIssue(cut, null, null, null, bodyMarkdown, templateId, null, null)).id();
    }

    /**
     * Starts the send of a draft now, to the subscribers with any of the tags (none: everyone who may
     * be mailed). An audience of no one, or a suspended publication, leaves the draft as it is and says
     * so, rather than failing the transaction the items are recorded in.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome send(PublicationRef publication, long issueId, List<String> tags) {
        if (!publication.active()) {
            return Outcome.suspended;
        }
        if (audience.count(publication.id(), tags) == 0) {
            return Outcome.no_audience;
        }
        sending.send(writer(publication), publication.slug(), issueId, new Send(null, tags, false, null));
        return Outcome.sent;
    }

    /** The issues of these ids in the publication, by id, for a list of what items became. */
    @Transactional
    public Map<Long, Made> describe(long publicationId, Collection<Long> ids) {
        Map<Long, Made> made = new HashMap<>();
        if (ids.isEmpty()) {
            return made;
        }
        Issue.<Issue>list("id in ?1 and publicationId = ?2", ids, publicationId)
                .forEach(i -> made.put(i.id, new Made(i.id, i.title, i.status.name())));
        return made;
    }

    /** The publication's writer, as whom the feed acts: the audit log names them, with the feed in its detail. */
    private Caller writer(PublicationRef publication) {
        AccountContacts.Contact owner = accounts.find(publication.ownerId()).orElseThrow();
        return new Caller(owner.accountId(), owner.email(), owner.name(), Role.writer, 0);
    }
}
