package dev.gazette.rss;

import java.time.Instant;

import dev.gazette.publication.PublicationRef;

/**
 * The titles of issues made from a feed: a single item's is the item's own; a digest's follows the
 * feed's pattern, in which {@code {date}} is the digest's date (the publication's language and
 * zone), {@code {count}} the number of items, and {@code {feed}} the feed's title.
 */
final class FeedTitles {

    static final String DEFAULT_EN = "{feed}: {date}";
    static final String DEFAULT_KO = "{feed} · {date}";

    private FeedTitles() {
    }

    static String digest(FollowedFeed feed, PublicationRef publication, int count, Instant when) {
        String pattern = feed.titlePattern == null || feed.titlePattern.isBlank()
                ? ("ko".equals(publication.locale()) ? DEFAULT_KO : DEFAULT_EN)
                : feed.titlePattern;
        return pattern.replace("{date}", FeedBodies.date(when, publication)).replace("{count}", Integer.toString(count))
                .replace("{feed}", feedName(feed, publication)).strip();
    }

    static String untitled(FollowedFeed feed, PublicationRef publication) {
        return feedName(feed, publication);
    }

    private static String feedName(FollowedFeed feed, PublicationRef publication) {
        return feed.title == null || feed.title.isBlank() ? publication.name() : feed.title;
    }
}
