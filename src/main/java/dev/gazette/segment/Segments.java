package dev.gazette.segment;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.segment.FilterSql.Predicate;

/**
 * What other features use of segments: the choices a send or a sequence offers, the check that a
 * chosen one belongs to the publication, how many a send to it would mail, and its predicate for
 * the statements that pick recipients (the send's snapshot, a sequence's enrollment).
 */
@ApplicationScoped
public class Segments {

    /** A segment to choose, by id and name. */
    public record Choice(long id, String name) {
    }

    /**
     * A segment's filter as SQL over {@code subscriber s}, whose parameters are numbered from {@code first}:
     * add {@link #sql()} to a statement's WHERE, then {@link #bind} the statement.
     */
    public record Target(String sql, int first, List<Object> parameters) {

        public <Q extends Query> Q bind(Q query) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(first + i, parameters.get(i));
            }
            return query;
        }
    }

    private final SegmentCounts counts;
    private final Publications publications;
    private final ObjectMapper json;

    Segments(SegmentCounts counts, Publications publications, ObjectMapper json) {
        this.counts = counts;
        this.publications = publications;
        this.json = json;
    }

    /** The publication's segments, oldest first. */
    @Transactional
    public List<Choice> choices(long publicationId) {
        return Segment.of(publicationId).stream().map(s -> new Choice(s.id, s.name)).toList();
    }

    /** Refuses a segment that is not one of the publication's ({@code unknown_segment} on {@code field}). */
    @Transactional
    public void requireOwn(long publicationId, long segmentId, String field) {
        if (Segment.in(publicationId, segmentId).isEmpty()) {
            throw SegmentErrors.unknownSegment(field);
        }
    }

    /** The segment's name, deleted or not (a send keeps saying which segment it went to). */
    @Transactional
    public Optional<String> name(long segmentId) {
        return Optional.ofNullable(Segment.<Segment>findById(segmentId)).map(s -> s.name);
    }

    /** How many subscribers a send to the publication's segment (and any of {@code tags}) would mail now. */
    @Transactional
    public long mailable(long publicationId, long segmentId, Collection<String> tags) {
        Segment segment = Segment.in(publicationId, segmentId).orElseThrow(() -> SegmentErrors.unknownSegment("segment"));
        return counts.mailable(publication(publicationId), filter(segment), tags);
    }

    /**
     * The segment's predicate as it stands now, deleted or not: a send that started or a sequence
     * that enrols evaluates the filter it was given, never "everyone" in its place.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Target target(long segmentId, int first) {
        Segment segment = Segment.<Segment>findByIdOptional(segmentId)
                .orElseThrow(() -> new IllegalStateException("segment " + segmentId + " does not exist"));
        Predicate predicate = counts.predicate(publication(segment.publicationId), filter(segment), first);
        return new Target(predicate.sql(), predicate.first(), predicate.parameters());
    }

    private PublicationRef publication(long publicationId) {
        return publications.findById(publicationId).orElseThrow();
    }

    /** A stored filter, read back with the parser that wrote it. */
    SegmentFilter filter(Segment segment) {
        try {
            return FilterParser.parse("filter", json.readTree(segment.filter));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable filter of segment " + segment.id, e);
        }
    }
}
