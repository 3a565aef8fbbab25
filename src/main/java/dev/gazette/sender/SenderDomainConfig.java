package dev.gazette.sender;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sender domains: how they are checked in DNS, and the records writers are asked to publish. */
@ConfigMapping(prefix = "gazette.domains")
interface SenderDomainConfig {

    /**
     * The DNS resolver that checks the records, as {@code host} or {@code host:port}; unset, the
     * system's resolvers ({@code /etc/resolv.conf}).
     */
    Optional<String> resolver();

    /** How long one DNS question may take. */
    @WithDefault("PT5S")
    Duration timeout();

    /**
     * The SPF mechanism that lets the relay send for a writer's domain, as it must appear in the
     * domain's {@code v=spf1} record: the relay's include, or {@code ip4:...} of its address.
     */
    @WithDefault("include:_spf.gazette.localhost")
    String spfInclude();

    /** The DMARC record suggested at {@code _dmarc.<domain>}; any {@code v=DMARC1} record passes. */
    @WithDefault("v=DMARC1; p=none; adkim=r; aspf=r")
    String dmarcPolicy();

    /** The label of the return-path (bounce) host under the writer's domain: {@code <label>.<domain>}. */
    @WithDefault("bounce")
    String returnPathHost();

    /**
     * Where the return-path host points (a CNAME), usually Gazette's bounce domain
     * ({@code gazette.inbound.bounce-domain}); unset, no return-path record is asked for.
     */
    Optional<String> returnPathTarget();

    /** How often a domain is checked again; one that stops passing is flagged and its mail falls back. */
    @WithDefault("PT6H")
    Duration recheckInterval();

    /** How soon a domain that is not verified yet is checked again (writers publish records in steps). */
    @WithDefault("PT15M")
    Duration pendingRecheckInterval();

    /** How often each instance reloads the verified domains and their keys (a change made here is seen at once). */
    @WithDefault("PT30S")
    Duration cacheRefresh();

    /**
     * A secret (from the environment) that seals the domains' DKIM private keys in the database
     * (AES-GCM); unset, they are stored unsealed, and never shown either way.
     */
    Optional<String> keySecret();

    /** The most domains one writer may add. */
    @WithDefault("10")
    int maxPerAccount();
}
