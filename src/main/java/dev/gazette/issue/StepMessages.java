package dev.gazette.issue;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.publication.PublicationRef;

/**
 * The messages of sequence steps: issues of their own kind ({@code sequence_step}), written with the
 * same fields and rendered by the same {@link IssueRenderer} as issues, but never listed, archived or
 * sent as an issue (the issue API answers 404 for them). The sequence feature owns their lifecycle.
 */
@ApplicationScoped
public class StepMessages {

    /** A step's message: the subject (an issue's title), the preheader (its subtitle), the Markdown body, the layout. */
    public record Content(String subject, String preheader, String bodyMarkdown, Long templateId) {
    }

    /** A writer template a step may use instead of the default layout. */
    public record Layout(long id, String name) {
    }

    private final IssueService issues;
    private final Clock clock;

    StepMessages(IssueService issues, Clock clock) {
        this.issues = issues;
        this.clock = clock;
    }

    /** Makes a step's message in this publication; returns its issue id. Refuses an unknown template or too long a body. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long create(PublicationRef publication, Content content) {
        Issue issue = new Issue();
        issue.publicationId = publication.id();
        issue.kind = Issue.KIND_STEP;
        // a slug no writer can choose (IssueSlugs allows no underscore), so it never takes one of theirs
        issue.slug = "_step_" + UUID.randomUUID().toString().replace("-", "");
        issue.status = IssueStatus.draft;
        issue.audienceTags = new String[0];
        issue.createdAt = clock.instant();
        fill(publication, issue, content);
        issue.persistAndFlush();
        return issue.id;
    }

    /** Changes a step's message; what was already sent stays as it went out. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void update(PublicationRef publication, long issueId, Content content) {
        Issue issue = Issue.findById(issueId);
        if (issue == null || !Issue.KIND_STEP.equals(issue.kind) || !issue.publicationId.equals(publication.id())) {
            throw IssueErrors.issueNotFound();
        }
        fill(publication, issue, content);
        issue.version++;
    }

    /** The messages of these steps by issue id. */
    @Transactional
    public Map<Long, Content> contents(Collection<Long> issueIds) {
        Map<Long, Content> contents = new HashMap<>();
        if (issueIds.isEmpty()) {
            return contents;
        }
        Issue.<Issue>list("id in ?1 and kind = ?2", issueIds, Issue.KIND_STEP).forEach(issue -> contents.put(issue.id,
                new Content(issue.title, issue.subtitle, issue.bodyMarkdown, issue.templateId)));
        return contents;
    }

    /** The publication's writer templates, for a step's layout picker. */
    @Transactional
    public java.util.List<Layout> layouts(long publicationId) {
        return IssueTemplate.<IssueTemplate>list("publicationId = ?1 order by id", publicationId).stream()
                .map(t -> new Layout(t.id, t.name)).toList();
    }

    private void fill(PublicationRef publication, Issue issue, Content content) {
        issue.title = content.subject().strip();
        issue.subtitle = content.preheader() == null || content.preheader().isBlank() ? null : content.preheader().strip();
        issue.bodyMarkdown = issues.body(content.bodyMarkdown());
        issue.templateId = content.templateId() == null || content.templateId() == 0
                ? null
                : IssueService.template(publication, content.templateId());
        issue.updatedAt = clock.instant();
    }
}
