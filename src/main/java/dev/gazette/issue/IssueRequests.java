package dev.gazette.issue;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.gazette.core.EmailAddresses;
import dev.gazette.core.SingleLine;
import dev.gazette.core.ValidEmail;

/** Request bodies of the issue and template API. In an update, a field left out (or null) is unchanged. */
final class IssueRequests {

    private IssueRequests() {
    }

    /** {@code bodyMarkdown}'s limit is {@code gazette.issue.max-body-chars} (413 {@code body_too_large}). */
    record CreateIssue(
            @NotBlank @Size(max = 200) @SingleLine String title,
            @Size(max = 300) @SingleLine String subtitle,
            @Size(max = 60) @SingleLine String category,
            @Size(max = 80) String slug,
            String bodyMarkdown,
            Long templateId,
            Boolean advertising,
            String access) {
    }

    /**
     * {@code access}: who may read it, {@code everyone}, {@code subscribers} or {@code paid} (see
     * {@link Paywall}); left out, unchanged.
     * {@code advertising}: the issue is advertising (Korean law; the publication must name its
     * advertising contact first). {@code templateId} 0 goes back to the default layout. {@code version}, when given, is the
     * version the edit was made from: a later one on the server refuses it with 409 {@code stale_version}.
     */
    record UpdateIssue(
            @Size(min = 1, max = 200) @SingleLine String title,
            @Size(max = 300) @SingleLine String subtitle,
            @Size(max = 60) @SingleLine String category,
            @Size(max = 80) String slug,
            String bodyMarkdown,
            Long templateId,
            Integer version,
            Boolean advertising,
            String access) {
    }

    record TestSend(@NotEmpty @Size(max = 50) List<@NotBlank @Size(max = EmailAddresses.MAX_LENGTH) @ValidEmail String> to) {
    }

    /**
     * No {@code scheduledAt}: send now. No {@code tags}: every active subscriber. {@code webOnly}
     * true: publish on the web only and mail no one, whatever the audience (the tags are still
     * checked, then left out); without it, an audience with no subscriber who can be mailed is refused.
     */
    record Send(OffsetDateTime scheduledAt, @Size(max = 50) List<@NotBlank @Size(max = 64) @SingleLine String> tags,
            Boolean webOnly, Long segment) {
    }

    record SaveTemplate(@NotBlank @Size(max = 120) @SingleLine String name, @NotNull String source) {
    }
}
