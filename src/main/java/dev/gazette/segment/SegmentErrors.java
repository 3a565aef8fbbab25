package dev.gazette.segment;

import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;

/** The segment feature's refusals, each with its stable code. */
final class SegmentErrors {

    private SegmentErrors() {
    }

    static DomainException segmentNotFound() {
        return new DomainException(Kind.NOT_FOUND, "segment_not_found", "No such segment");
    }

    /** A send or sequence naming a segment that is not one of the publication's (or was deleted). */
    static DomainException unknownSegment(String field) {
        return DomainException.invalidField(field, "unknown_segment", "is not one of this publication's segments");
    }

    /** A count that ran past {@link SegmentCounts#TIMEOUT_MILLIS}: nothing was changed. */
    static DomainException countTimedOut() {
        return new DomainException(Kind.UNAVAILABLE, "segment_count_timeout",
                "Counting this segment took too long; try a narrower filter or again later");
    }

    static DomainException inUse(String what) {
        return new DomainException(Kind.CONFLICT, "segment_in_use",
                "This segment is in use by " + what + "; change or cancel that first");
    }
}
