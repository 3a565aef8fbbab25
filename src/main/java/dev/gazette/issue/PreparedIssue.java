package dev.gazette.issue;

import java.util.List;

import io.quarkus.qute.Template;

import dev.gazette.publication.PublicationRef;

/**
 * An issue made ready to be rendered for many recipients: loaded, its Markdown converted and its
 * template parsed once. Get one from {@link IssueRenderer#prepare(long)}.
 */
public final class PreparedIssue {

    final long issueId;
    final PublicationRef publication;
    final String subject;
    final TemplateModel.IssueModel issue;
    final TemplateModel.PublicationModel publicationModel;
    final Template writerTemplate;
    final Texts texts;
    /** What an advertising issue ends with (its unsubscribe link a stand-in); null for any other. */
    final String advertisingFooter;
    /** The feed items the issue was made from, for a writer's template (RSS-to-email); empty otherwise. */
    List<IssueItem> items = List.of();
    /** The default layout rendered once with stand-in links (see IssueRenderer), made on first use. */
    volatile Skeleton skeleton;
    /**
     * When part of the issue is kept for paid members ({@link Paywall}): {@link #issue} is the free
     * part with a box that asks to join, this is the whole issue, and {@link #members} who get it
     * (as they were when the issue was prepared). Null when nothing is kept.
     */
    TemplateModel.IssueModel memberIssue;
    java.util.Set<Long> members = java.util.Set.of();
    /** The default layout of the whole issue, for members, made on first use. */
    volatile Skeleton memberSkeleton;

    record Skeleton(String html, String text, int htmlBytes) {
    }

    PreparedIssue(long issueId, PublicationRef publication, String subject, TemplateModel.IssueModel issue,
            TemplateModel.PublicationModel publicationModel, Template writerTemplate, Texts texts, String advertisingFooter) {
        this.issueId = issueId;
        this.publication = publication;
        this.subject = subject;
        this.issue = issue;
        this.publicationModel = publicationModel;
        this.writerTemplate = writerTemplate;
        this.texts = texts;
        this.advertisingFooter = advertisingFooter;
    }

    public long issueId() {
        return issueId;
    }

    public long publicationId() {
        return publication.id();
    }

    public String subject() {
        return subject;
    }

    public String webUrl() {
        return issue.url();
    }
}
