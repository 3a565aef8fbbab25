package dev.gazette.abtest;

import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;

/** The subject test feature's refusals, each with its stable code. */
final class SubjectTestErrors {

    private SubjectTestErrors() {
    }

    static DomainException issueNotFound() {
        return new DomainException(Kind.NOT_FOUND, "issue_not_found", "No such issue");
    }

    static DomainException testNotFound() {
        return new DomainException(Kind.NOT_FOUND, "subject_test_not_found", "This issue has no subject test");
    }

    static DomainException subjectsNotDistinct() {
        return DomainException.invalidField("variants", "subjects_not_distinct", "each variant needs a subject of its own");
    }

    static DomainException noSuchVariant() {
        return DomainException.invalidField("variant", "no_such_variant", "the test has no variant of this number");
    }

    static DomainException locked() {
        return new DomainException(Kind.CONFLICT, "subject_test_locked",
                "The send of this issue has started: its subject test can no longer change");
    }

    static DomainException needsTracking() {
        return new DomainException(Kind.CONFLICT, "subject_test_needs_tracking",
                "A subject test decides by opens or clicks, which this publication does not track");
    }

    static DomainException notStarted() {
        return new DomainException(Kind.CONFLICT, "subject_test_not_started",
                "The test starts with the send; there is no winner to pick yet");
    }

    static DomainException decided() {
        return new DomainException(Kind.CONFLICT, "subject_test_decided", "This test's winner is already chosen");
    }

    static DomainException stopped() {
        return new DomainException(Kind.CONFLICT, "subject_test_stopped", "The send of this issue was cancelled");
    }
}
