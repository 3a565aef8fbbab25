package dev.gazette.segment;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.core.DomainException;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.segment.SegmentRequests.CreateSegment;
import dev.gazette.segment.SegmentRequests.UpdateSegment;
import dev.gazette.segment.SegmentViews.CountView;
import dev.gazette.segment.SegmentViews.MembersView;
import dev.gazette.segment.SegmentViews.SegmentView;

/** A writer's segments: list, read, create, change, delete, count and preview. Another writer's are 404. */
@ApplicationScoped
class SegmentService {

    /** At most this many segments per publication: each one is counted on the list. */
    static final int MAX_SEGMENTS = 100;
    static final int MAX_PAGE = 100;

    private final Publications publications;
    private final Segments segments;
    private final SegmentCounts counts;
    private final ObjectMapper json;
    private final Clock clock;
    private final Audit audit;

    SegmentService(Publications publications, Segments segments, SegmentCounts counts, ObjectMapper json, Clock clock,
            Audit audit) {
        this.publications = publications;
        this.segments = segments;
        this.counts = counts;
        this.json = json;
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional
    List<SegmentView> list(Caller caller, String slug) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        return Segment.of(publication.id()).stream().map(s -> view(publication, s)).toList();
    }

    @Transactional
    SegmentView get(Caller caller, String slug, long id) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        return view(publication, owned(publication, id));
    }

    @Transactional
    SegmentView create(Caller caller, String slug, CreateSegment request) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        SegmentFilter filter = FilterParser.parse("filter", request.filter());
        if (Segment.count("publicationId = ?1 and deletedAt is null", publication.id()) >= MAX_SEGMENTS) {
            throw new DomainException(DomainException.Kind.UNPROCESSABLE, "too_many_segments",
                    "A publication has at most " + MAX_SEGMENTS + " segments");
        }
        Segment segment = new Segment();
        segment.publicationId = publication.id();
        segment.name = request.name().strip();
        segment.filter = FilterParser.json(filter).toString();
        segment.createdAt = clock.instant();
        segment.updatedAt = segment.createdAt;
        segment.persistAndFlush();
        audited(caller, AuditAction.segment_created, publication, segment);
        return view(publication, segment);
    }

    /** A new name or filter; a scheduled send to the segment gets the new filter, as it is evaluated when it starts. */
    @Transactional
    SegmentView update(Caller caller, String slug, long id, UpdateSegment request) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        Segment segment = owned(publication, id);
        if (request.filter() != null && !request.filter().isNull()) {
            segment.filter = FilterParser.json(FilterParser.parse("filter", request.filter())).toString();
        }
        if (request.name() != null) {
            segment.name = request.name().strip();
        }
        segment.updatedAt = clock.instant();
        audited(caller, AuditAction.segment_changed, publication, segment);
        return view(publication, segment);
    }

    /**
     * Deletes the segment, unless a scheduled issue or a sequence targets it ({@code segment_in_use},
     * 409): mailing everyone in its place, or no one, would both surprise the writer. The row stays,
     * hidden, for the sends that went to it.
     */
    @Transactional
    void delete(Caller caller, String slug, long id) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        Segment segment = owned(publication, id);
        // a scheduled issue, or one whose send request the delivery engine has not yet picked up
        long issues = ((Number) Segment.getEntityManager().createNativeQuery("SELECT count(*) FROM issue i "
                + "WHERE i.segment_id = ?1 AND (i.status = 'scheduled' OR i.status = 'sending' AND EXISTS (SELECT 1 FROM "
                + "issue_send_request r WHERE r.issue_id = i.id AND r.picked_up_at IS NULL))").setParameter(1, id)
                .getSingleResult()).longValue();
        if (issues > 0) {
            throw SegmentErrors.inUse("a scheduled issue");
        }
        // a sequence that is not deleted
        long sequences = ((Number) Segment.getEntityManager().createNativeQuery("SELECT count(*) FROM sequence "
                + "WHERE segment_id = ?1 AND deleted_at IS NULL").setParameter(1, id).getSingleResult()).longValue();
        if (sequences > 0) {
            throw SegmentErrors.inUse("a sequence");
        }
        segment.deletedAt = clock.instant();
        segment.updatedAt = segment.deletedAt;
        audited(caller, AuditAction.segment_deleted, publication, segment);
    }

    /** The numbers of an unsaved filter: what the studio's editor shows while the filter is edited. */
    @Transactional
    CountView count(Caller caller, String slug, JsonNode filter) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        SegmentCounts.Counts numbers = counts.counts(publication, FilterParser.parse("filter", filter));
        return new CountView(numbers.matching(), numbers.mailable());
    }

    /** A page of the segment's members (of any status), in id order after {@code after}. */
    @Transactional
    MembersView members(Caller caller, String slug, long id, long after, int limit) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        Segment segment = owned(publication, id);
        if (limit < 1 || limit > MAX_PAGE) {
            throw DomainException.invalidField("limit", "out_of_range", "must be from 1 to " + MAX_PAGE);
        }
        if (after < 0) {
            throw DomainException.invalidField("after", "out_of_range", "must not be negative");
        }
        List<SegmentCounts.Member> page = counts.members(publication, segments.filter(segment), after, limit + 1);
        boolean more = page.size() > limit;
        List<SegmentCounts.Member> shown = more ? page.subList(0, limit) : page;
        return new MembersView(shown, more ? shown.get(shown.size() - 1).id() : null);
    }

    private static Segment owned(PublicationRef publication, long id) {
        return Segment.in(publication.id(), id).orElseThrow(SegmentErrors::segmentNotFound);
    }

    private SegmentView view(PublicationRef publication, Segment segment) {
        SegmentFilter filter = segments.filter(segment);
        SegmentCounts.Counts numbers = counts.counts(publication, filter);
        try {
            return new SegmentView(segment.id, segment.name, json.readTree(segment.filter), numbers.matching(),
                    numbers.mailable(), segment.createdAt, segment.updatedAt);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable filter of segment " + segment.id, e);
        }
    }

    /** One line in the audit log, in the change's transaction: the segment by id, never its filter's values. */
    private void audited(Caller caller, AuditAction action, PublicationRef publication, Segment segment) {
        audit.record(caller, action, publication.id(), publication.slug(), "segment " + segment.id, null);
    }

    /** The segment's stored filter, for the studio's editor. */
    @Transactional
    SegmentFilter filterOf(Caller caller, String slug, long id) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        return segments.filter(owned(publication, id));
    }

}
