package dev.gazette.subscriber;

import io.quarkus.qute.RawString;

/**
 * A section another feature adds to a subscriber's preferences page (the membership feature: the
 * plan, the next charge, cancel and resume, receipts), without this feature depending on it.
 */
public interface PreferenceSections {

    /**
     * The section's HTML for this subscriber, already escaped; empty for nothing to show.
     *
     * @param preferencesToken the page's own token, which the section's forms post back with
     */
    RawString section(long publicationId, long subscriberId, String preferencesToken, String locale);
}
