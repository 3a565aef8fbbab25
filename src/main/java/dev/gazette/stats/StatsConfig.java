package dev.gazette.stats;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the statistics ({@code gazette.stats.*}). */
@ConfigMapping(prefix = "gazette.stats")
interface StatsConfig {

    /**
     * The bounce or complaint rate from which a publication is flagged for watching: mailbox
     * providers ask bulk senders to stay under 0.1% of spam complaints.
     */
    @WithDefault("0.001")
    double warningRate();

    /** The rate from which a publication is over the line: providers start refusing mail at 0.3%. */
    @WithDefault("0.003")
    double limitRate();

    /** How many days of subscriber growth and sending volume the dashboards show. */
    @WithDefault("30")
    int days();
}
