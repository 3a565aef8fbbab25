package dev.gazette.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.validation.ConstraintViolation;

/**
 * The notes a studio form shows next to its fields when it is refused: each field's label and what
 * is wrong with it (from the refusal's stable code), in the page's language.
 */
public final class FieldNotes {

    private FieldNotes() {
    }

    /**
     * Refuses a form with Bean Validation's findings and those a page found itself (for example a
     * field a form must not leave empty), as one {@code validation_failed}; does nothing when there are none.
     */
    public static void check(Set<? extends ConstraintViolation<?>> violations, List<FieldError> found) {
        List<FieldError> errors = new ArrayList<>(found);
        violations.forEach(v -> errors.add(FieldError.of(v)));
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new DomainException(DomainException.Kind.INVALID, "validation_failed", "The form has invalid fields",
                    errors, null);
        }
    }

    /** The first note of each field at fault, by field name; {@code label} names a field in that language. */
    public static Map<String, String> of(String lang, List<FieldError> errors,
            Function<StudioText, Function<String, String>> label) {
        StudioText text = Languages.studio(lang);
        Function<String, String> labels = label.apply(text);
        Map<String, String> notes = new LinkedHashMap<>();
        for (FieldError error : errors) {
            String name = labels.apply(error.field());
            String problem = problem(text, error.code());
            notes.putIfAbsent(error.field(), "ko".equals(lang) ? name + problem : name + " " + problem);
        }
        return notes;
    }

    private static String problem(StudioText text, String code) {
        return switch (code) {
            case "required" -> text.error_required();
            case "invalid_length" -> text.error_invalid_length();
            case "invalid_format" -> text.error_invalid_format();
            case "invalid_email" -> text.error_invalid_email();
            case "line_break" -> text.error_line_break();
            case "out_of_range" -> text.error_out_of_range();
            case "invalid_number" -> text.error_invalid_number();
            case "slug_taken" -> text.error_slug_taken();
            case "invalid_slug" -> text.error_invalid_slug();
            case "reserved_slug" -> text.error_reserved_slug();
            case "invalid_time_zone" -> text.error_invalid_time_zone();
            case "invalid_currency" -> text.error_invalid_currency();
            case "in_past" -> text.error_in_past();
            case "sender_domain_platform" -> text.error_sender_domain_platform();
            case "sender_domain_taken" -> text.error_sender_domain_taken();
            case "sender_domain_unverified" -> text.error_sender_domain_unverified();
            default -> text.error_invalid();
        };
    }
}
