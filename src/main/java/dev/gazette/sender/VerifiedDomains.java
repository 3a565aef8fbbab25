package dev.gazette.sender;

import java.security.PrivateKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * The verified domains and their opened keys, held in memory: every message asks which domain may
 * sign it, so this is never a query. Reloaded after each change committed here (a revoke falls
 * back at once on this instance) and every {@code gazette.domains.cache-refresh} (other instances'
 * changes, the periodic check's).
 */
@ApplicationScoped
class VerifiedDomains implements SigningKeys {

    private static final Logger LOG = Logger.getLogger(VerifiedDomains.class);

    /** A verified domain: whose it is and its key. */
    record Verified(long accountId, String selector, PrivateKey key) {
    }

    private final EntityManager entityManager;
    private final DomainKeys keys;
    private volatile Map<String, Verified> verified;

    VerifiedDomains(EntityManager entityManager, DomainKeys keys) {
        this.entityManager = entityManager;
        this.keys = keys;
    }

    Optional<Verified> find(String domain) {
        Map<String, Verified> now = verified;
        if (now == null) {
            now = reload();
        }
        return Optional.ofNullable(now.get(domain));
    }

    @Override
    public Optional<SigningKey> forDomain(String domain) {
        return find(domain).map(v -> new SigningKey(domain, v.selector(), v.key()));
    }

    /** A change committed here: the next message reads the domains afresh. */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) DomainsChanged event) {
        verified = null;
    }

    @Scheduled(every = "${gazette.domains.cache-refresh:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warnf("Reloading the verified sender domains failed (%s); the last ones stay", e.getMessage());
        }
    }

    @Transactional
    Map<String, Verified> reload() {
        // every verified domain with its key
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "SELECT domain, account_id, selector, private_key FROM sender_domain WHERE state = 'verified'")
                .getResultList();
        Map<String, Verified> loaded = new HashMap<>();
        Map<String, Verified> before = verified == null ? Map.of() : verified;
        for (Object[] row : rows) {
            String domain = (String) row[0];
            long accountId = ((Number) row[1]).longValue();
            String selector = (String) row[2];
            Verified known = before.get(domain);
            // an opened key is kept while the domain keeps it: opening costs an AES and a key parse
            loaded.put(domain, known != null && known.accountId() == accountId && known.selector().equals(selector)
                    ? known
                    : new Verified(accountId, selector, keys.open((String) row[3])));
        }
        verified = Map.copyOf(loaded);
        return verified;
    }
}
