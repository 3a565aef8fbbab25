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
     * @param shared the page every reader without a token gets alike: nothing in it is anyone's (no
     *        CSRF token, no "you liked this"); its script asks for those once the page is shown
     */
    record PageContext(long publicationId, long issueId, String publicationSlug, String issueSlug, String locale,
            String readerToken, String clientAddress, String userAgent, boolean shared) {
    }

    /** @param html the sections, already escaped and sanitized where they hold what strangers typed */
    record Sections(long likes, RawString html) {
    }

    Sections sections(PageContext page);
}
