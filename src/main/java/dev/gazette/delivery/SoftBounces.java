package dev.gazette.delivery;

import java.time.Clock;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Counts a subscriber's soft bounces across sends. */
@ApplicationScoped
class SoftBounces {

    private final EntityManager entityManager;
    private final Clock clock;

    SoftBounces(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Records one more soft bounce and returns the subscriber's count. */
    int recordAndCount(long subscriberId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                INSERT INTO soft_bounce (subscriber_id, count, last_at) VALUES (?1, 1, ?2)
                ON CONFLICT (subscriber_id) DO UPDATE SET count = soft_bounce.count + 1, last_at = EXCLUDED.last_at
                RETURNING count""").setParameter(1, subscriberId).setParameter(2, clock.instant()).getSingleResult())
                .intValue());
    }
}
