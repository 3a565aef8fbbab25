package dev.gazette.segment;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.gazette.core.SingleLine;

/**
 * Request bodies of the segment API. {@code filter}: {@code {"match": "all"|"any", "conditions": [...]}},
 * read by {@link FilterParser}. In a PATCH, a field left out (or null) is unchanged.
 */
final class SegmentRequests {

    private SegmentRequests() {
    }

    record CreateSegment(@NotBlank @Size(max = 120) @SingleLine String name, JsonNode filter) {
    }

    record UpdateSegment(@Size(min = 1, max = 120) @SingleLine String name, JsonNode filter) {
    }

    /** An unsaved filter to count, as the studio's editor counts it while it is typed. */
    record CountFilter(JsonNode filter) {
    }
}
