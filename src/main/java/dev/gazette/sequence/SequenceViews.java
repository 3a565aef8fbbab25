package dev.gazette.sequence;

import java.time.Instant;
import java.util.List;

/** What the sequence API answers. */
final class SequenceViews {

    private SequenceViews() {
    }

    /** A sequence with its steps in order and how many subscribers are in each state; {@code segment}: its segment's id, if any. */
    record SequenceView(long id, String name, String trigger, String topic, boolean active, Instant createdAt,
            Enrollments enrollments, List<StepView> steps, Long segment) {
    }

    record Enrollments(long active, long completed, long stopped) {
    }

    /**
     * A step: its stable id (what enrollments follow), its place, its message, its delay, why the
     * delivery engine paused its mail (null while it sends), and its numbers.
     */
    record StepView(long id, int position, String subject, String preheader, String bodyMarkdown, Long templateId,
            int delayMinutes, String pauseReason, StepStats stats) {

        /** The largest of days, hours and minutes that counts the delay whole. */
        public String delayUnit() {
            return delayMinutes > 0 && delayMinutes % 1440 == 0
                    ? "days"
                    : delayMinutes > 0 && delayMinutes % 60 == 0 ? "hours" : "minutes";
        }

        /** The delay counted in {@link #delayUnit()}. */
        public long delayAmount() {
            return switch (delayUnit()) {
                case "days" -> delayMinutes / 1440;
                case "hours" -> delayMinutes / 60;
                default -> delayMinutes;
            };
        }
    }

    /**
     * From the delivery and tracking rows of the step's mail: {@code recipients} queued so far,
     * {@code sent}, people's {@code opens} and {@code clicks} (events) and the deliveries that had
     * any ({@code uniqueOpens}, {@code uniqueClicks}), and {@code unsubscribes} that followed this
     * step (the subscriber's last mail before they left).
     */
    record StepStats(long recipients, long sent, long opens, long uniqueOpens, long clicks, long uniqueClicks,
            long unsubscribes) {

        static final StepStats NONE = new StepStats(0, 0, 0, 0, 0, 0, 0);
    }
}
