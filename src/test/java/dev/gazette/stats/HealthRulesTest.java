package dev.gazette.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The warning thresholds: "watch" from the warning rate, "over" from the limit rate, both inclusive. */
class HealthRulesTest {

    private static Health.Rules rules(double warning, double limit) {
        return new Health.Rules(new StatsConfig() {
            @Override
            public double warningRate() {
                return warning;
            }

            @Override
            public double limitRate() {
                return limit;
            }

            @Override
            public int days() {
                return 30;
            }
        });
    }

    @Test
    void theDefaultThresholdsAreTheProvidersOnes() {
        Health.Rules rules = rules(0.001, 0.003);
        // hard bounces of 10,000 attempted: 9 is under 0.1%, 10 is on it, 29 under 0.3%, 30 on it
        assertThat(rules.of(10_000, 0, 9, 0).bounceLevel()).isEqualTo(Health.Level.ok);
        assertThat(rules.of(9_990, 10, 10, 0).bounceLevel()).isEqualTo(Health.Level.warning);
        assertThat(rules.of(9_971, 29, 29, 0).bounceLevel()).isEqualTo(Health.Level.warning);
        assertThat(rules.of(9_970, 30, 30, 0).bounceLevel()).isEqualTo(Health.Level.over);
        // complaints count against what was sent, not attempted
        Health complaints = rules.of(1_000, 9_000, 0, 3);
        assertThat(complaints.complaintRate()).isEqualTo(0.003);
        assertThat(complaints.complaintLevel()).isEqualTo(Health.Level.over);
        assertThat(complaints.bounceLevel()).isEqualTo(Health.Level.ok);
        assertThat(complaints.level()).isEqualTo(Health.Level.over);
        assertThat(rules.of(1_000, 0, 0, 1).level()).isEqualTo(Health.Level.warning);
    }

    @Test
    void nothingSentIsHealthy() {
        Health none = rules(0.001, 0.003).of(0, 0, 0, 0);
        assertThat(none.bounceRate()).isZero();
        assertThat(none.complaintRate()).isZero();
        assertThat(none.level()).isEqualTo(Health.Level.ok);
    }

    @Test
    void configuredThresholdsMoveTheLevels() {
        // GAZETTE_STATS_WARNING_RATE=0.02, GAZETTE_STATS_LIMIT_RATE=0.05
        Health.Rules rules = rules(0.02, 0.05);
        assertThat(rules.of(990, 10, 10, 0).bounceLevel()).isEqualTo(Health.Level.ok); // 1%
        assertThat(rules.of(980, 20, 20, 0).bounceLevel()).isEqualTo(Health.Level.warning); // 2%
        assertThat(rules.of(950, 50, 50, 0).bounceLevel()).isEqualTo(Health.Level.over); // 5%
        Health shown = rules.of(100, 0, 0, 0);
        assertThat(shown.warningRate()).isEqualTo(0.02);
        assertThat(shown.limitRate()).isEqualTo(0.05);
    }
}
