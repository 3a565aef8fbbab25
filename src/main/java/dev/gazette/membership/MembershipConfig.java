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

    /**
     * When a declined renewal is tried again, counted from the first decline: a comma-separated list
     * of days ({@code d}), hours ({@code h}) or minutes ({@code m}). The membership ends when the last
     * try is declined. Providers that bill themselves retry on their own schedule instead.
     */
    @WithDefault("1d,3d,5d,7d")
    String dunning();

    /**
     * How many days before a yearly renewal its member is told (정기결제 갱신 사전 고지); never less than
     * 7, whatever is set, as Korean rules on automatic renewal ask for notice ahead.
     */
    @WithDefault("7")
    int renewalNoticeDays();

    /**
     * A plan's new price reaches an existing member from their first period starting at least this
     * many days after their notice was sent.
     */
    @WithDefault("30")
    int priceNoticeDays();

}
