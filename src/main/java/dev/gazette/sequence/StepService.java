package dev.gazette.sequence;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.audit.AuditAction;
import dev.gazette.delivery.ContinuousSends;
import dev.gazette.issue.StepMessages;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.sequence.SequenceRequests.CreateStep;
import dev.gazette.sequence.SequenceRequests.UpdateStep;
import dev.gazette.sequence.SequenceViews.SequenceView;

/**
 * The steps of a writer's sequence: add, change, move, remove. A step keeps its id through every
 * edit and move, and enrollments follow that id, so an edit never sends a step again; a removed
 * step is skipped by those who had not reached it.
 */
@ApplicationScoped
class StepService {

    private final Publications publications;
    private final SequenceService sequences;
    private final StepMessages messages;
    private final ContinuousSends sends;
    private final SequenceConfig config;
    private final Clock clock;

    StepService(Publications publications, SequenceService sequences, StepMessages messages, ContinuousSends sends,
            SequenceConfig config, Clock clock) {
        this.publications = publications;
        this.sequences = sequences;
        this.messages = messages;
        this.sends = sends;
        this.config = config;
        this.clock = clock;
    }

    /** Adds a step at its place (last when none is given); returns the sequence. */
    @Transactional
    SequenceView add(Caller caller, String slug, long sequenceId, CreateStep request) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        Sequence sequence = sequences.owned(caller, slug, sequenceId);
        List<SequenceStep> steps = new ArrayList<>(SequenceStep.of(sequence.id));
        if (steps.size() >= config.maxSteps()) {
            throw SequenceErrors.tooManySteps(config.maxSteps());
        }
        long issueId = messages.create(publication, new StepMessages.Content(request.subject(), request.preheader(),
                request.bodyMarkdown(), request.templateId()));
        Instant now = clock.instant();
        SequenceStep step = new SequenceStep();
        step.sequenceId = sequence.id;
        step.issueId = issueId;
        step.sendId = sends.open(issueId, publication.id());
        step.delayMinutes = request.delayMinutes();
        step.position = steps.size() + 1;
        step.createdAt = now;
        step.updatedAt = now;
        step.persist();
        place(steps, step, request.position());
        sequences.audited(caller, AuditAction.sequence_changed, sequence);
        return sequences.view(sequence);
    }

    /** Changes a step's message, delay or place; what was sent stays sent, and is not sent again. */
    @Transactional
    SequenceView update(Caller caller, String slug, long sequenceId, long stepId, UpdateStep request) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        Sequence sequence = sequences.owned(caller, slug, sequenceId);
        SequenceStep step = SequenceStep.in(sequence.id, stepId).orElseThrow(SequenceErrors::stepNotFound);
        StepMessages.Content was = messages.contents(List.of(step.issueId)).get(step.issueId);
        messages.update(publication, step.issueId, new StepMessages.Content(
                request.subject() != null ? request.subject() : was.subject(),
                request.preheader() != null ? request.preheader() : was.preheader(),
                request.bodyMarkdown() != null ? request.bodyMarkdown() : was.bodyMarkdown(),
                request.templateId() != null ? request.templateId() : was.templateId()));
        if (request.delayMinutes() != null) {
            step.delayMinutes = request.delayMinutes();
        }
        step.updatedAt = clock.instant();
        if (request.position() != null) {
            List<SequenceStep> others = new ArrayList<>(SequenceStep.of(sequence.id));
            others.removeIf(s -> s.id.equals(step.id));
            place(others, step, request.position());
        }
        sequences.audited(caller, AuditAction.sequence_changed, sequence);
        return sequences.view(sequence);
    }

    /** Removes a step: nobody gets it from now on; those waiting for it go on to the step after. */
    @Transactional
    SequenceView remove(Caller caller, String slug, long sequenceId, long stepId) {
        Sequence sequence = sequences.owned(caller, slug, sequenceId);
        SequenceStep step = SequenceStep.in(sequence.id, stepId).orElseThrow(SequenceErrors::stepNotFound);
        step.removedAt = clock.instant();
        step.updatedAt = step.removedAt;
        List<SequenceStep> rest = new ArrayList<>(SequenceStep.of(sequence.id));
        rest.removeIf(s -> s.id.equals(step.id));
        renumber(rest);
        sequences.audited(caller, AuditAction.sequence_changed, sequence);
        return sequences.view(sequence);
    }

    /** Sends a step's mail again after the delivery engine paused it (the relay refused, the message did not render). */
    @Transactional
    SequenceView resume(Caller caller, String slug, long sequenceId, long stepId) {
        Sequence sequence = sequences.owned(caller, slug, sequenceId);
        SequenceStep step = SequenceStep.in(sequence.id, stepId).orElseThrow(SequenceErrors::stepNotFound);
        if (!sends.resume(step.sendId)) {
            throw SequenceErrors.notPaused();
        }
        sequences.audited(caller, AuditAction.sequence_changed, sequence);
        return sequences.view(sequence);
    }

    /** Puts the step among the others at this place (1 is first; null or past the end: last). */
    private static void place(List<SequenceStep> others, SequenceStep step, Integer position) {
        others.removeIf(s -> s.id.equals(step.id));
        int at = position == null ? others.size() : Math.min(others.size(), position - 1);
        others.add(at, step);
        renumber(others);
    }

    private static void renumber(List<SequenceStep> steps) {
        for (int i = 0; i < steps.size(); i++) {
            steps.get(i).position = i + 1;
        }
    }
}
