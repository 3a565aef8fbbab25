package dev.gazette.sender;

import java.net.IDN;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;
import dev.gazette.core.FieldError;

/**
 * A writer's sender domains: add one (a DKIM key pair made for it), see the records to publish,
 * check them now, delete it. Another writer's domain is not found (404), whoever asks.
 */
@ApplicationScoped
class DomainService {

    /** A host name of at least two labels, each of letters, digits and inner hyphens (after IDN to ASCII). */
    private static final Pattern DOMAIN = Pattern
            .compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    private final DomainKeys keys;
    private final DomainChecks checks;
    private final SenderDomains senders;
    private final SenderDomainConfig config;
    private final Event<DomainsChanged> changed;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    DomainService(DomainKeys keys, DomainChecks checks, SenderDomains senders, SenderDomainConfig config,
            Event<DomainsChanged> changed, Clock clock) {
        this.keys = keys;
        this.checks = checks;
        this.senders = senders;
        this.config = config;
        this.changed = changed;
        this.clock = clock;
    }

    @Transactional
    List<DomainView> list(Caller caller) {
        return SenderDomain.<SenderDomain>list("accountId = ?1 and state <> ?2 order by domain", caller.accountId(),
                SenderDomain.State.revoked).stream().map(d -> view(d, null)).toList();
    }

    @Transactional
    DomainView get(Caller caller, String domain) {
        return view(own(caller, domain, false), null);
    }

    /** Adds the domain: a new key pair and selector; not checked yet (the writer publishes the records first). */
    @Transactional
    DomainView add(Caller caller, String typed) {
        String domain = normalize(typed);
        String platform = senders.platformDomain();
        if (domain.equals(platform) || domain.endsWith("." + platform)) {
            throw new DomainException(Kind.UNPROCESSABLE, "sender_domain_platform",
                    "The platform's own domain cannot be a writer's sender domain",
                    List.of(new FieldError("domain", "sender_domain_platform", "is the platform's domain")), null);
        }
        SenderDomain held = SenderDomain.find("domain = ?1 and state <> ?2", domain, SenderDomain.State.revoked).firstResult();
        if (held != null) {
            throw held.accountId == caller.accountId()
                    ? new DomainException(Kind.CONFLICT, "domain_exists", "You have added this domain already")
                    : new DomainException(Kind.CONFLICT, "sender_domain_taken",
                            "This domain is another writer's sender domain");
        }
        if (SenderDomain.count("accountId = ?1 and state <> ?2", caller.accountId(), SenderDomain.State.revoked) >= config
                .maxPerAccount()) {
            throw new DomainException(Kind.UNPROCESSABLE, "too_many_domains",
                    "A writer has at most " + config.maxPerAccount() + " sender domains");
        }
        DomainKeys.Made pair = keys.make();
        Instant now = clock.instant();
        SenderDomain d = new SenderDomain();
        d.accountId = caller.accountId();
        d.domain = domain;
        d.selector = "gz" + HexFormat.of().toHexDigits(random.nextInt()); // a fresh selector per domain and key
        d.publicKey = pair.publicKey();
        d.privateKey = pair.sealedPrivateKey();
        d.state = SenderDomain.State.pending;
        d.nextCheckAt = now.plus(config.pendingRecheckInterval());
        d.createdAt = now;
        d.persist();
        return view(d, null);
    }

    /** Checks the records now, as the periodic check does. */
    @Transactional
    DomainView verify(Caller caller, String domain) {
        SenderDomain d = own(caller, domain, true);
        checks.check(d);
        return view(d, null);
    }

    /** Deletes the domain and its key: publications on it fall back to the platform's address at once. */
    @Transactional
    void delete(Caller caller, String domain) {
        own(caller, domain, true).delete();
        changed.fire(new DomainsChanged());
    }

    /** The caller's domain by name, locked when it is to change; 404 for anyone else's, or none. */
    private static SenderDomain own(Caller caller, String domain, boolean lock) {
        String name = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        var query = SenderDomain.<SenderDomain>find("accountId = ?1 and domain = ?2 and state <> ?3", caller.accountId(),
                name, SenderDomain.State.revoked);
        if (lock) {
            query.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.firstResultOptional().orElseThrow(
                () -> new DomainException(Kind.NOT_FOUND, "domain_not_found", "No such sender domain"));
    }

    DomainView view(SenderDomain d, String owner) {
        return new DomainView(d.id, d.domain, d.state.name(), d.selector, checks.shown(d), d.checkedAt, d.verifiedAt,
                d.createdAt, owner, d.revokedReason);
    }

    /** Lower case, IDN in ASCII, no trailing dot; anything else that is not a host name is refused. */
    static String normalize(String typed) {
        String domain;
        try {
            domain = IDN.toASCII(typed == null ? "" : typed.strip()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            domain = "";
        }
        domain = DnsLookup.withoutDot(domain);
        if (!DOMAIN.matcher(domain).matches()) {
            throw DomainException.invalidField("domain", "invalid_domain", "must be a domain name such as letters.example.org");
        }
        return domain;
    }
}
