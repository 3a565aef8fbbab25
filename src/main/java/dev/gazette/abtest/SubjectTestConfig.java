package dev.gazette.abtest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How A/B subject tests sample and decide ({@code gazette.abtest.*}). */
@ConfigMapping(prefix = "gazette.abtest")
interface SubjectTestConfig {

    /**
     * The fewest recipients each variant gets, whatever the sample share says: fewer would make the
     * winner a coin toss. With an audience too small even for that, everyone is in the sample.
     */
    @WithDefault("100")
    int minimumPerVariant();

    /**
     * How often each instance looks for tests whose time is over (a Quarkus duration); the remainder
     * gets the winner within about this long of the test's end.
     */
    @WithDefault("10s")
    String check();
}
