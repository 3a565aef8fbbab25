package dev.gazette.issue;

import java.util.List;

import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;
import dev.gazette.core.FieldError;

/** The issue feature's failures, each with its stable code. */
final class IssueErrors {

    private IssueErrors() {
    }

    static DomainException issueNotFound() {
        return new DomainException(Kind.NOT_FOUND, "issue_not_found", "No such issue");
    }

    static DomainException templateNotFound() {
        return new DomainException(Kind.NOT_FOUND, "template_not_found", "No such template");
    }

    static DomainException unknownTemplate() {
        return new DomainException(Kind.UNPROCESSABLE, "unknown_template",
                "The template does not exist in this publication",
                List.of(new FieldError("templateId", "unknown_template", "is not a template of this publication")), null);
    }

    static DomainException notEditable(IssueStatus status) {
        return new DomainException(Kind.CONFLICT, "issue_not_editable",
                "An issue that is " + status + " can no longer be changed");
    }

    static DomainException staleVersion(int given, int current) {
        return new DomainException(Kind.CONFLICT, "stale_version", "The issue was saved elsewhere since version " + given
                + " (it is at version " + current + "): reload it, or keep a copy of yours");
    }

    static DomainException slugTaken() {
        return new DomainException(Kind.CONFLICT, "issue_slug_taken", "Another issue of this publication has this slug",
                List.of(new FieldError("slug", "slug_taken", "is taken")), null);
    }

    static DomainException bodyTooLarge(int max) {
        return new DomainException(Kind.TOO_LARGE, "body_too_large",
                "The body may have at most " + max + " characters",
                List.of(new FieldError("bodyMarkdown", "too_large", "is too long")), null);
    }

    static DomainException templateInUse() {
        return new DomainException(Kind.CONFLICT, "template_in_use",
                "An issue that is not sent yet uses this template");
    }
}
