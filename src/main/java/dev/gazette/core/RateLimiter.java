package dev.gazette.core;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per-client token buckets (bucket4j), kept in a bounded cache so that a flood of distinct clients
 * cannot grow memory. One instance serves every limited action; each action names its own scope.
 */
@ApplicationScoped
public class RateLimiter {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    /** Takes one token for this client in this scope, or refuses with {@code rate_limited}. */
    public void acquire(String scope, String client, int perMinute) {
        Bucket bucket = buckets.get(scope + '|' + client, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
            throw new DomainException(DomainException.Kind.RATE_LIMITED, "rate_limited",
                    "Too many requests; try again in " + seconds + " s", java.util.List.of(), seconds);
        }
    }
}
