package dev.gazette.issue;

import java.time.Instant;

/**
 * A published issue as lists show it (the publication page's archive, the feed).
 *
 * @param publishedAt when its send started or, once done, when it was sent
 * @param url         its web page, absolute
 */
public record ArchivedIssue(long id, String slug, String title, String subtitle, String category,
        Instant publishedAt, String url, long viewCount) {
}
