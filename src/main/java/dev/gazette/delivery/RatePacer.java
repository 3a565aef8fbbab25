package dev.gazette.delivery;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.enterprise.context.ApplicationScoped;

/** The configured sending rates: one for this instance, one per publication. */
@ApplicationScoped
class RatePacer {

    private final DeliveryConfig config;
    private final Bucket global;
    private final ConcurrentMap<Long, Bucket> perPublication = new ConcurrentHashMap<>();

    RatePacer(DeliveryConfig config) {
        this.config = config;
        this.global = config.ratePerSecond() > 0 ? bucket(config.ratePerSecond()) : null;
    }

    /** Waits for the right to send one message of this publication. */
    void acquire(long publicationId) throws InterruptedException {
        // the publication's turn first: a thread waiting for it holds none of the instance's capacity
        if (config.publicationRatePerSecond() > 0) {
            perPublication.computeIfAbsent(publicationId, id -> bucket(config.publicationRatePerSecond()))
                    .asBlocking().consume(1);
        }
        if (global != null) {
            global.asBlocking().consume(1);
        }
    }

    /** How many rows to claim at once: about a second's worth at the configured rate. */
    int batchSize() {
        int limit = config.batchSize();
        if (config.ratePerSecond() > 0) {
            limit = Math.min(limit, Math.max(1, config.ratePerSecond()));
        }
        if (config.publicationRatePerSecond() > 0) {
            limit = Math.min(limit, Math.max(1, config.publicationRatePerSecond()));
        }
        return limit;
    }

    private static Bucket bucket(int perSecond) {
        // refilled smoothly, with a burst of at most a tenth of a second's worth
        int burst = Math.max(1, perSecond / 10);
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
    }
}
