package dev.gazette.rss;

import java.time.Instant;
import java.util.List;

/** What the feed API answers. */
final class FeedViews {

    private FeedViews() {
    }

    /**
     * A followed feed: its settings, and its fetches: when last, how ({@code ok}, {@code not_modified},
     * {@code failed}), the last error's code and reason, failures in a row and since when, why it was
     * paused, when it is fetched next, when its next digest is due, and how many items wait for it.
     */
    record FeedView(long id, String url, String title, String mode, String digestEvery, String digestTime,
            Integer digestWeekday, String titlePattern, List<String> tags, Long templateId, boolean enabled,
            boolean includeLatest, Instant lastFetchAt, Instant lastSuccessAt, String lastOutcome, String lastErrorCode,
            String lastError, int failures, Instant failingSince, String pausedReason, Instant nextFetchAt,
            Instant nextDigestAt, long waitingItems, Instant createdAt) {
    }

    /**
     * An item seen in the feed and what became of it: {@code backlog} (there before the feed was
     * followed, never mailed), {@code pending} (waits for the next digest), {@code drafted},
     * {@code sent}, {@code skipped} (with a {@code note}: {@code no_audience}, {@code publication_suspended},
     * {@code mode_changed}); {@code issue} is the issue it became, while it exists.
     */
    record ItemView(long id, String title, String link, String author, Instant publishedAt, Instant seenAt,
            String state, String note, IssueRef issue) {
    }

    record IssueRef(long id, String title, String status) {
    }
}
