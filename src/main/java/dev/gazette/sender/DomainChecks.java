package dev.gazette.sender;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

/**
 * Checks a domain's records in DNS and moves its state: every record found is {@code verified};
 * a verified domain that loses one is {@code failing} (flagged, its mail falls back to the
 * platform's address at once); otherwise {@code partial} or {@code pending}. A resolver that gives
 * no answer never demotes a verified domain: the check is simply tried again sooner.
 */
@ApplicationScoped
class DomainChecks {

    private static final Logger LOG = Logger.getLogger(DomainChecks.class);
    private static final TypeReference<List<RecordCheck>> CHECKS = new TypeReference<>() {
    };

    private final DomainRecords records;
    private final SenderDomainConfig config;
    private final ObjectMapper json;
    private final Event<DomainsChanged> changed;
    private final Clock clock;

    DomainChecks(DomainRecords records, SenderDomainConfig config, ObjectMapper json, Event<DomainsChanged> changed,
            Clock clock) {
        this.records = records;
        this.config = config;
        this.json = json;
        this.changed = changed;
        this.clock = clock;
    }

    /** Checks the domain now and records what was found; call it inside a transaction holding the row. */
    void check(SenderDomain domain) {
        List<RecordCheck> found = records.check(domain.domain, domain.selector, domain.publicKey);
        Instant now = clock.instant();
        SenderDomain.State was = domain.state;
        domain.state = next(was, found);
        if (domain.state == SenderDomain.State.verified && domain.verifiedAt == null) {
            domain.verifiedAt = now;
        }
        domain.checks = write(found);
        domain.checkedAt = now;
        domain.nextCheckAt = now.plus(domain.state == SenderDomain.State.verified
                ? config.recheckInterval()
                : config.pendingRecheckInterval());
        if (was == SenderDomain.State.verified && domain.state == SenderDomain.State.failing) {
            LOG.warnf("Sender domain %s no longer passes its DNS check: its mail goes From the platform", domain.domain);
        }
        if (was != domain.state) {
            changed.fire(new DomainsChanged());
        }
    }

    static SenderDomain.State next(SenderDomain.State was, List<RecordCheck> found) {
        if (found.stream().allMatch(RecordCheck::ok)) {
            return SenderDomain.State.verified;
        }
        boolean unanswered = found.stream().anyMatch(r -> RecordCheck.UNANSWERED.equals(r.status()));
        if (was == SenderDomain.State.verified && unanswered) {
            return was; // the resolver's trouble, not the writer's: asked again soon
        }
        if (was == SenderDomain.State.verified || was == SenderDomain.State.failing) {
            return SenderDomain.State.failing;
        }
        return found.stream().anyMatch(RecordCheck::ok) ? SenderDomain.State.partial : SenderDomain.State.pending;
    }

    /** The records with what the last check found, or as still to be checked. */
    List<RecordCheck> shown(SenderDomain domain) {
        List<RecordCheck> stored = read(domain.checks);
        List<RecordCheck> expected = records.expected(domain.domain, domain.selector, domain.publicKey);
        // the configured records may have changed since the check: show today's, with the check's finding where it had one
        return expected.stream().map(e -> stored.stream().filter(s -> s.kind().equals(e.kind()) && s.value().equals(e.value()))
                .findFirst().orElse(e)).toList();
    }

    private String write(List<RecordCheck> found) {
        try {
            return json.writeValueAsString(found);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<RecordCheck> read(String stored) {
        try {
            return stored == null ? List.of() : json.readValue(stored, CHECKS);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
