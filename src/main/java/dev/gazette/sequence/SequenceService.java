package dev.gazette.sequence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.delivery.ContinuousSends;
import dev.gazette.issue.StepMessages;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.segment.Segments;
import dev.gazette.sequence.SequenceRequests.CreateSequence;
import dev.gazette.sequence.SequenceRequests.UpdateSequence;
import dev.gazette.sequence.SequenceViews.SequenceView;
import dev.gazette.sequence.SequenceViews.StepStats;
import dev.gazette.sequence.SequenceViews.StepView;
import dev.gazette.subscriber.Audience;

/** A writer's sequences: list, read, create, change, delete. Another writer's are 404. */
@ApplicationScoped
class SequenceService {

    private final Publications publications;
    private final StepMessages messages;
    private final ContinuousSends sends;
    private final SequenceStats stats;
    private final Clock clock;
    private final Audit audit;
    private final Segments segments;

    SequenceService(Publications publications, StepMessages messages, ContinuousSends sends, SequenceStats stats,
            Clock clock, Audit audit, Segments segments) {
        this.segments = segments;
        this.audit = audit;
        this.publications = publications;
        this.messages = messages;
        this.sends = sends;
        this.stats = stats;
        this.clock = clock;
    }

    @Transactional
    List<SequenceView> list(Caller caller, String slug) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        return Sequence.of(publication.id()).stream().map(this::view).toList();
    }

    @Transactional
    SequenceView get(Caller caller, String slug, long id) {
        return view(owned(caller, slug, id));
    }

    @Transactional
    SequenceView create(Caller caller, String slug, CreateSequence request) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        Trigger trigger = Trigger.parse(request.trigger());
        Sequence sequence = new Sequence();
        sequence.publicationId = publication.id();
        sequence.name = request.name().strip();
        sequence.trigger = trigger;
        sequence.topic = topic(trigger, request.topic());
        sequence.active = request.active() == null || request.active();
        if (request.segment() != null) {
            segments.requireOwn(publication.id(), request.segment(), "segment");
            sequence.segmentId = request.segment();
        }
        sequence.createdAt = clock.instant();
        sequence.updatedAt = sequence.createdAt;
        sequence.persistAndFlush();
        audited(caller, AuditAction.sequence_created, sequence);
        return view(sequence);
    }

    /** Changes name, trigger, topic or whether it runs; subscribers already in it go on from where they are. */
    @Transactional
    SequenceView update(Caller caller, String slug, long id, UpdateSequence request) {
        Sequence sequence = owned(caller, slug, id);
        Trigger trigger = request.trigger() == null ? sequence.trigger : Trigger.parse(request.trigger());
        String topic = request.topic() != null ? request.topic() : trigger == sequence.trigger ? sequence.topic : null;
        sequence.topic = topic(trigger, topic);
        sequence.trigger = trigger;
        if (request.name() != null) {
            sequence.name = request.name().strip();
        }
        if (request.active() != null) {
            sequence.active = request.active();
        }
        if (request.segment() != null && request.segment() == 0) {
            sequence.segmentId = null;
        } else if (request.segment() != null) {
            segments.requireOwn(sequence.publicationId, request.segment(), "segment");
            sequence.segmentId = request.segment();
        }
        sequence.updatedAt = clock.instant();
        audited(caller, AuditAction.sequence_changed, sequence);
        return view(sequence);
    }

    /** Deletes the sequence: it stops for everyone in it; its steps' numbers stay in the publication's. */
    @Transactional
    void delete(Caller caller, String slug, long id) {
        Sequence sequence = owned(caller, slug, id);
        Instant now = clock.instant();
        sequence.deletedAt = now;
        sequence.updatedAt = now;
        Sequence.getEntityManager().createNativeQuery("UPDATE sequence_enrollment SET state = 'stopped', "
                + "stopped_reason = 'sequence_deleted', due_at = NULL, updated_at = ?2 WHERE sequence_id = ?1 AND state = 'active'")
                .setParameter(1, sequence.id).setParameter(2, now).executeUpdate();
        audited(caller, AuditAction.sequence_deleted, sequence);
    }

    /** One line in the audit log, in the change's transaction: the sequence by id, never its words. */
    void audited(Caller caller, AuditAction action, Sequence sequence) {
        PublicationRef publication = publications.findById(sequence.publicationId).orElseThrow();
        audit.record(caller, action, publication.id(), publication.slug(), "sequence " + sequence.id, null);
    }

    /** The caller's sequence of this publication, or 404. */
    Sequence owned(Caller caller, String slug, long id) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        return Sequence.in(publication.id(), id).orElseThrow(SequenceErrors::sequenceNotFound);
    }

    SequenceView view(Sequence sequence) {
        List<SequenceStep> steps = SequenceStep.of(sequence.id);
        List<Long> issueIds = steps.stream().map(s -> s.issueId).toList();
        Map<Long, StepMessages.Content> contents = messages.contents(issueIds);
        Map<Long, StepStats> numbers = stats.steps(issueIds);
        List<StepView> views = steps.stream().map(step -> {
            StepMessages.Content content = contents.get(step.issueId);
            return new StepView(step.id, step.position, content.subject(), content.preheader(), content.bodyMarkdown(),
                    content.templateId(), step.delayMinutes, sends.pauseReason(step.sendId).orElse(null),
                    numbers.getOrDefault(step.issueId, StepStats.NONE));
        }).toList();
        return new SequenceView(sequence.id, sequence.name, sequence.trigger.name(), sequence.topic, sequence.active,
                sequence.createdAt, stats.enrollments(sequence.id), views, sequence.segmentId);
    }

    /** The topic of a topic sequence, as subscribers' tags are stored; none for the other triggers. */
    private static String topic(Trigger trigger, String topic) {
        boolean given = topic != null && !topic.isBlank();
        if (trigger != Trigger.topic) {
            if (given) {
                throw SequenceErrors.topicNotAllowed();
            }
            return null;
        }
        if (!given) {
            throw SequenceErrors.topicRequired();
        }
        return Audience.normalTags("topic", List.of(topic))[0];
    }
}
