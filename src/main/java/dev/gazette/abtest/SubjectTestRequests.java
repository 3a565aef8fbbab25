package dev.gazette.abtest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.gazette.core.SingleLine;

/** Request bodies of the subject test API. */
final class SubjectTestRequests {

    private SubjectTestRequests() {
    }

    /** One variant: its subject line (as an issue's title) and an optional preheader (as its subtitle). */
    record VariantWords(
            @NotBlank @Size(max = 200) @SingleLine String subject,
            @Size(max = 300) @SingleLine String preheader) {
    }

    /**
     * The whole test, replacing any before: two to four variants (distinct subjects), the share of
     * the audience in the sample (10 to 50 %), how long the test runs before the remainder gets the
     * winner (1 hour to 7 days, in minutes) and what decides it ({@code opens} or {@code clicks}).
     */
    record SaveTest(
            @NotNull @Size(min = 2, max = 4) List<@NotNull @Valid VariantWords> variants,
            @NotNull @Min(10) @Max(50) Integer samplePercent,
            @NotNull @Min(60) @Max(10080) Integer waitMinutes,
            @NotNull @Pattern(regexp = "opens|clicks") String metric) {
    }

    /** The writer's own choice of the winner, before the test time is over. */
    record PickWinner(@NotNull @Min(1) @Max(4) Integer variant) {
    }
}
