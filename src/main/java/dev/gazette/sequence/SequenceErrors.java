package dev.gazette.sequence;

import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;

/** The sequence feature's refusals, each with its stable code. */
final class SequenceErrors {

    private SequenceErrors() {
    }

    static DomainException sequenceNotFound() {
        return new DomainException(Kind.NOT_FOUND, "sequence_not_found", "No such sequence");
    }

    static DomainException stepNotFound() {
        return new DomainException(Kind.NOT_FOUND, "step_not_found", "No such step in this sequence");
    }

    static DomainException topicRequired() {
        return DomainException.invalidField("topic", "topic_required", "a topic sequence needs its topic (a tag)");
    }

    static DomainException topicNotAllowed() {
        return DomainException.invalidField("topic", "topic_not_allowed", "only a topic sequence has a topic");
    }

    static DomainException tooManySteps(int max) {
        return new DomainException(Kind.UNPROCESSABLE, "too_many_steps", "A sequence has at most " + max + " steps");
    }

    static DomainException notPaused() {
        return new DomainException(Kind.CONFLICT, "step_not_paused", "This step's mail is not paused");
    }
}
