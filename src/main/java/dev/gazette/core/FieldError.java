package dev.gazette.core;

/** One invalid field of a request: where, a stable code, and words for a person. */
public record FieldError(String field, String code, String message) {
}
