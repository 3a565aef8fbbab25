package dev.gazette.sequence;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.gazette.core.SingleLine;

/** Request bodies of the sequence API. In a PATCH, a field left out (or null) is unchanged. */
final class SequenceRequests {

    private SequenceRequests() {
    }

    /**
     * {@code trigger}: {@code confirmed}, {@code topic} (with {@code topic}, a tag) or {@code paid}.
     * {@code segment}: the id of a segment the subscriber must match when the trigger fires (in a
     * PATCH, 0 removes it).
     */
    record CreateSequence(
            @NotBlank @Size(max = 120) @SingleLine String name,
            @NotBlank @Size(max = 16) String trigger,
            @Size(max = 64) @SingleLine String topic,
            Boolean active,
            @Min(1) Long segment) {
    }

    record UpdateSequence(
            @Size(min = 1, max = 120) @SingleLine String name,
            @Size(max = 16) String trigger,
            @Size(max = 64) @SingleLine String topic,
            Boolean active,
            @Min(0) Long segment) {
    }

    /**
     * A step: its message as an issue's ({@code subject} is the title, {@code preheader} the
     * subtitle, the Markdown body, {@code templateId} a writer template or 0/none for the default
     * layout), its delay after the step before (the first step's after the trigger; 0 is at once),
     * and its place (1 is first; left out: last). {@code bodyMarkdown}'s limit is the issues' one.
     */
    record CreateStep(
            @NotBlank @Size(max = 200) @SingleLine String subject,
            @Size(max = 300) @SingleLine String preheader,
            String bodyMarkdown,
            Long templateId,
            @NotNull @Min(0) @Max(525600) Integer delayMinutes,
            @Min(1) Integer position) {
    }

    record UpdateStep(
            @Size(min = 1, max = 200) @SingleLine String subject,
            @Size(max = 300) @SingleLine String preheader,
            String bodyMarkdown,
            Long templateId,
            @Min(0) @Max(525600) Integer delayMinutes,
            @Min(1) Integer position) {
    }
}
