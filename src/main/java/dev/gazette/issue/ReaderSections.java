package dev.gazette.issue;

import io.quarkus.qute.RawString;

/**
 * What readers send back, shown on an issue's web page (like count, tip, note and comment forms,
 * the comments). The engagement feature implements it; this seam lets the page show them without
 * the issue feature depending on that feature.
 */
public interface ReaderSections {

    /**
     * The issue's page as one reader sees it.
     *
     * @param readerToken the {@code r} parameter of the reader's link from their email, or null
     */
    record PageContext(long publicationId, long issueId, String publicationSlug, String issueSlug, String locale,
            String readerToken, String clientAddress, String userAgent) {
    }

    /** @param html the sections, already escaped and sanitized where they hold what strangers typed */
    record Sections(long likes, RawString html) {
    }

    Sections sections(PageContext page);
}
