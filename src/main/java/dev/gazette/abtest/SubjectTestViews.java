package dev.gazette.abtest;

import java.time.Instant;
import java.util.List;

/** What the subject test API answers. */
final class SubjectTestViews {

    private SubjectTestViews() {
    }

    /**
     * A group's numbers: recipients, messages the relay took, and the recipients who opened or
     * clicked at least once (people only: opens and clicks that look machine-made are left out).
     * Rates are fractions (0 to 1) of messages sent, as in the issue stats.
     */
    record Figures(long recipients, long sent, long uniqueOpens, long uniqueClicks, double openRate, double clickRate) {

        static final Figures NONE = of(0, 0, 0, 0);

        static Figures of(long recipients, long sent, long opens, long clicks) {
            return new Figures(recipients, sent, opens, clicks, rate(opens, sent), rate(clicks, sent));
        }

        private static double rate(long part, long whole) {
            return whole == 0 ? 0 : (double) part / whole;
        }
    }

    /** A variant, with its sample's numbers once the send has started. */
    record VariantView(int variant, String subject, String preheader, boolean winner, Figures sample) {
    }

    /**
     * The test. {@code state}: {@code ready} (the send has not started), {@code testing} (the sample
     * is being sent, the rest held), {@code decided} (the winner went, or goes, to the rest) or
     * {@code stopped} (the send was cancelled before a winner). {@code decidedBy}: {@code metric}
     * or {@code hand}. {@code remainder}: the recipients outside the sample, and how many are held.
     */
    record View(long issueId, String state, int samplePercent, int waitMinutes, String metric, Long perVariant,
            Instant decideAt, Integer winner, String decidedBy, Instant decidedAt, List<VariantView> variants,
            Figures remainder, long held) {
    }
}
