package dev.gazette.sequence;

import java.util.Set;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.validation.ConstraintViolation;

import dev.gazette.core.DomainException;

/** What the studio's sequence forms share: their words, and a refusal said in them. */
final class SequenceForms {

    private SequenceForms() {
    }

    static SequenceText words(String lang) {
        return MessageBundles.get(SequenceText.class, Localized.Literal.of(lang));
    }

    /** The first refused field of a form's request, in words; null when the request is valid. */
    static <T> String refusal(SequenceText words, Set<ConstraintViolation<T>> violations) {
        if (violations.isEmpty()) {
            return null;
        }
        String field = violations.iterator().next().getPropertyPath().toString();
        return inWords(words, field, field);
    }

    /** A service's refusal in words; the exception again when no form field explains it. */
    static String refusal(SequenceText words, DomainException e) {
        String code = e.fieldErrors().isEmpty() ? e.code() : e.fieldErrors().get(0).code();
        String field = e.fieldErrors().isEmpty() ? "" : e.fieldErrors().get(0).field();
        String why = inWords(words, code, field);
        if (why == null) {
            throw e;
        }
        return why;
    }

    private static String inWords(SequenceText words, String code, String field) {
        return switch (code) {
            case "topic_required" -> words.error_topic_required();
            case "topic_not_allowed" -> words.error_topic_not_allowed();
            case "invalid_tag" -> words.error_invalid_tag();
            case "invalid_trigger" -> words.error_trigger();
            case "body_too_large" -> words.error_body_too_large();
            case "unknown_template" -> words.error_unknown_template();
            case "too_many_steps" -> words.error_too_many_steps();
            default -> switch (field) {
                case "name" -> words.error_name();
                case "trigger" -> words.error_trigger();
                case "topic" -> words.error_invalid_tag();
                case "subject" -> words.error_subject();
                case "preheader" -> words.error_preheader();
                case "delayMinutes" -> words.error_delay();
                case "position" -> words.error_position();
                default -> null;
            };
        };
    }
}
