package dev.gazette.rss;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.gazette.core.SingleLine;

/** Request bodies of the feed API. In a PATCH, a field left out (or null) is unchanged. */
final class FeedRequests {

    private FeedRequests() {
    }

    /**
     * {@code mode}: {@code draft}, {@code each} or {@code digest}; a digest needs {@code digestEvery}
     * ({@code daily} or {@code weekly}), {@code digestTime} ({@code HH:mm}, the publication's zone) and,
     * weekly, {@code digestWeekday} (1 Monday … 7 Sunday). {@code titlePattern}: a digest's title, with
     * {@code {date}}, {@code {count}}, {@code {feed}}. {@code tags}: send only to subscribers with any of
     * them. {@code templateId}: a writer template (0 or none: the default layout). {@code includeLatest}:
     * the first fetch treats the newest item already there as new (otherwise the items already there are
     * only marked seen).
     */
    record CreateFeed(
            @NotBlank @Size(max = 2000) @SingleLine String url,
            @NotBlank @Size(max = 8) String mode,
            @Size(max = 8) String digestEvery,
            @Size(max = 5) String digestTime,
            @Min(1) @Max(7) Integer digestWeekday,
            @Size(max = 200) @SingleLine String titlePattern,
            @Size(max = 50) List<@NotBlank @Size(max = 64) @SingleLine String> tags,
            Long templateId,
            Boolean enabled,
            Boolean includeLatest) {
    }

    /** The same fields; turning {@code enabled} on again clears a pause and fetches at once. */
    record UpdateFeed(
            @Size(min = 1, max = 2000) @SingleLine String url,
            @Size(min = 1, max = 8) String mode,
            @Size(max = 8) String digestEvery,
            @Size(max = 5) String digestTime,
            @Min(1) @Max(7) Integer digestWeekday,
            @Size(max = 200) @SingleLine String titlePattern,
            @Size(max = 50) List<@NotBlank @Size(max = 64) @SingleLine String> tags,
            Long templateId,
            Boolean enabled) {
    }
}
