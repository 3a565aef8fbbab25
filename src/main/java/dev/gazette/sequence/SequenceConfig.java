package dev.gazette.sequence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How sequences move subscribers on ({@code gazette.sequences.*}). */
@ConfigMapping(prefix = "gazette.sequences")
interface SequenceConfig {

    /**
     * How often each instance looks for enrollments whose next step is due (a Quarkus duration,
     * {@code 1s}); the welcome step of a zero delay goes out within about this long of the trigger.
     */
    @WithDefault("1s")
    String check();

    /** How many due enrollments one transaction moves on; several instances each take their own (row locks). */
    @WithDefault("200")
    int batchSize();

    /** The most steps in one sequence. */
    @WithDefault("50")
    int maxSteps();

}
