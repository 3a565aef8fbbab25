package dev.gazette.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.gazette.core.FieldError;

/** An RFC 9457 problem document, with Gazette's stable {@code code} and per-field errors. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static Problem of(int status, String title, String code, String detail, List<FieldError> errors) {
        return new Problem("urn:gazette:problem:" + code, title, status, detail, code, errors);
    }
}
