package dev.gazette.core;

import java.util.List;

/**
 * A failure the client can act on, with a stable machine-readable {@code code}. Services throw it;
 * the web layer turns it into {@code application/problem+json} by its {@link Kind}.
 */
public class DomainException extends RuntimeException {

    /** What kind of failure this is; the web layer picks the HTTP status from it. */
    public enum Kind {
        INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, UNPROCESSABLE, TOO_LARGE, RATE_LIMITED, UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final List<FieldError> fieldErrors;
    private final Long retryAfterSeconds;

    public DomainException(Kind kind, String code, String detail) {
        this(kind, code, detail, List.of(), null);
    }

    public DomainException(Kind kind, String code, String detail, List<FieldError> fieldErrors, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.kind = kind;
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A request whose field is wrong, reported like a validation error on that field. */
    public static DomainException invalidField(String field, String code, String message) {
        return new DomainException(Kind.INVALID, "validation_failed", "The request has invalid fields",
                List.of(new FieldError(field, code, message)), null);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
