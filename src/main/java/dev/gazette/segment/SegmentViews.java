package dev.gazette.segment;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** What the segment API answers. */
final class SegmentViews {

    private SegmentViews() {
    }

    /**
     * A segment with its numbers now: {@code matching} subscribers of any status, and how many of
     * them a send would mail ({@code mailable}: active, not suppressed).
     */
    record SegmentView(long id, String name, JsonNode filter, long matching, long mailable, Instant createdAt,
            Instant updatedAt) {
    }

    record CountView(long matching, long mailable) {
    }

    /** A page of members in id order; {@code next} is the {@code after} of the next page, null at the end. */
    record MembersView(List<SegmentCounts.Member> members, Long next) {
    }
}
