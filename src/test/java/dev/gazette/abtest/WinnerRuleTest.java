package dev.gazette.abtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gazette.abtest.SubjectTestViews.Figures;

/** The sample's size per variant and the winner rule, as plain functions. */
class WinnerRuleTest {

    @Test
    void eachVariantGetsAnEqualShareAtLeastTheMinimumAndNoMoreThanTheAudience() {
        assertThat(SubjectTests.perVariant(10_000, 10, 2, 100)).isEqualTo(500);
        assertThat(SubjectTests.perVariant(10_000, 10, 3, 100)).isEqualTo(333); // rounded down: equal parts
        assertThat(SubjectTests.perVariant(1_000, 10, 2, 100)).isEqualTo(100); // 50 each is under the minimum
        assertThat(SubjectTests.perVariant(150, 10, 2, 100)).isEqualTo(75); // the whole audience, split
        assertThat(SubjectTests.perVariant(3, 50, 4, 100)).isZero(); // fewer recipients than variants
    }

    @Test
    void theHighestRateWinsAndATieGoesToTheLowerNumber() {
        Figures a = Figures.of(100, 100, 20, 1);
        Figures b = Figures.of(100, 50, 11, 5); // 22 % of fewer messages sent beats 20 %
        assertThat(VariantFigures.winner(Map.of(1, a, 2, b), 2, "opens")).isEqualTo(2);
        assertThat(VariantFigures.winner(Map.of(1, a, 2, b), 2, "clicks")).isEqualTo(2);
        Figures same = Figures.of(100, 100, 20, 1);
        assertThat(VariantFigures.winner(Map.of(1, a, 2, same, 3, same), 3, "opens")).isEqualTo(1);
        assertThat(VariantFigures.winner(Map.of(1, a, 2, same, 3, Figures.of(100, 200, 40, 0)), 3, "opens")).isEqualTo(1);
        // nothing measured at all: the first
        assertThat(VariantFigures.winner(Map.of(), 4, "clicks")).isEqualTo(1);
        assertThat(VariantFigures.winner(Map.of(2, Figures.of(10, 10, 1, 0)), 2, "opens")).isEqualTo(2);
    }
}
