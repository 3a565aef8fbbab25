package dev.gazette.issue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * An issue as the API shows it to its writer. {@code scheduledAtLocal} is the send time in the
 * publication's zone ({@code timeZone}); {@code scheduledAt} is the same instant in UTC.
 * {@code webOnly}: sent (or scheduled) to be published on the web only, mailing no one.
 * {@code advertising}: marked as advertising itself (its publication may make every issue so).
 * {@code segment}: the id of the segment the send targets, if any.
 * {@code access}: who may read it ({@link IssueAccess}); a {@link Paywall#MARKER} line in the body
 * keeps what follows for paid members.
 */
record IssueView(long id, String slug, String title, String subtitle, String category, String bodyMarkdown,
        Long templateId, String status, Instant scheduledAt, String scheduledAtLocal, String timeZone, List<String> tags,
        boolean webOnly, Instant sentAt, String webUrl, long viewCount, Instant createdAt, Instant updatedAt, int version,
        boolean advertising, Long segment, String access) {

    static IssueView of(Issue issue, String timeZone, String webUrl) {
        return new IssueView(issue.id, issue.slug, issue.title, issue.subtitle, issue.category, issue.bodyMarkdown,
                issue.templateId, issue.status.name(), issue.scheduledAt,
                issue.scheduledAt == null ? null : issue.scheduledAt.atZone(ZoneId.of(timeZone)).toOffsetDateTime().toString(),
                timeZone, issue.audienceTags == null ? List.of() : Arrays.asList(issue.audienceTags), issue.webOnly,
                issue.sentAt,
                webUrl, issue.viewCount, issue.createdAt, issue.updatedAt, issue.version, issue.advertising,
                issue.segmentId, issue.access.name());
    }
}
