package dev.gazette.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;

/** One invalid field of a request: where, a stable code, and words for a person. */
public record FieldError(String field, String code, String message) {

    /** A Bean Validation violation as a field error: the field's name as the client sent it, a stable code. */
    public static FieldError of(ConstraintViolation<?> violation) {
        return new FieldError(field(violation.getPropertyPath()), code(violation), violation.getMessage());
    }

    private static String code(ConstraintViolation<?> violation) {
        String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Size" -> "invalid_length";
            case "Pattern" -> "invalid_format";
            case "ValidEmail", "Email" -> "invalid_email";
            case "SingleLine" -> "line_break";
            case "Min", "Max", "DecimalMin", "DecimalMax", "Positive", "PositiveOrZero" -> "out_of_range";
            case "Digits" -> "invalid_number";
            default -> constraint.toLowerCase(Locale.ROOT);
        };
    }

    /** "create.request.slug" becomes "slug": the method and parameter names mean nothing to a client. */
    private static String field(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, CROSS_PARAMETER, RETURN_VALUE -> {
                }
                default -> names.add(node.getName() + (node.getIndex() != null ? "[" + node.getIndex() + "]" : ""));
            }
        }
        return names.isEmpty() ? "body" : String.join(".", names);
    }
}
