package dev.gazette.delivery;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The sending guards: a publication bouncing or drawing complaints past these rates stops sending. */
@ConfigMapping(prefix = "gazette.guards")
interface GuardConfig {

    /** Whether the guards pause sends at all. */
    @WithDefault("true")
    boolean enabled();

    /** Hard bounces over messages attempted (sent or failed) past which sends pause. */
    @WithDefault("0.05")
    double hardBounceRate();

    /** Complaints over messages sent past which sends pause. */
    @WithDefault("0.003")
    double complaintRate();

    /** Messages attempted over the window below which no rate is judged (a few bounces of a small list say little). */
    @WithDefault("500")
    int minSample();

    /** The recent window: sends started within it count. */
    @WithDefault("P30D")
    Duration window();

    /** How long an admin's override lets the publication send whatever its rates. */
    @WithDefault("P7D")
    Duration overrideFor();

    /** How often the rates of publications with a send under way are checked. */
    @WithDefault("60s")
    String check();
}
