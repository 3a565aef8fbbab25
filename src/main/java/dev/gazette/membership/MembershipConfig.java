package dev.gazette.membership;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Paid memberships (see docs/adr/0022-paid-subscriptions.md). Which provider takes the money is
 * {@code gazette.payments.provider}, as for tips: {@code sandbox} (no money moves, refused unless
 * an operator named it or the embedded defaults did), {@code none} (no checkout).
 */
@ConfigMapping(prefix = "gazette.membership")
interface MembershipConfig {

    /**
     * How often each instance looks for memberships whose period is over (a Quarkus duration, or
     * {@code off}); several instances share the work through row locks.
     */
    @WithDefault("60s")
    String renewEvery();

    /** How many due memberships one transaction renews or ends. */
    @WithDefault("50")
    int batchSize();

    /** How many join links one client may ask to be mailed per minute. */
    @WithDefault("5")
    int linksPerMinute();

}
