package dev.gazette.rss;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

/**
 * Fetches due feeds and makes due digests, on every instance. A fetch claims its feeds under a lease
 * in a short transaction ({@code FOR UPDATE SKIP LOCKED}, so two instances never fetch the same
 * feed at once), fetches without holding a connection, and records the outcome in another
 * transaction ({@link FeedIntake}), where the item table's unique key is what makes each item mail
 * at most once. A digest is made with its feed locked, one feed per transaction.
 */
@ApplicationScoped
class FeedJob {

    private static final Logger LOG = Logger.getLogger(FeedJob.class);

    /** A feed claimed for a fetch: where it is and what its last good answer said. */
    record Claimed(long id, String url, String etag, String lastModified) {
    }

    // Claims due feeds (or one feed, ?4) for this instance until the lease ends; skips those another holds.
    private static final String CLAIM = """
            WITH due AS (
                SELECT id FROM followed_feed
                 WHERE (fetch_lease IS NULL OR fetch_lease < ?1)
                   AND (CASE WHEN ?4 = 0 THEN enabled AND next_fetch_at <= ?1 ELSE id = ?4 END)
                 ORDER BY next_fetch_at, id
                 LIMIT ?2
                 FOR UPDATE SKIP LOCKED)
            UPDATE followed_feed f SET fetch_lease = ?3 FROM due WHERE f.id = due.id
            RETURNING f.id, f.url, f.etag, f.last_modified""";

    // The next digest-mode feed whose digest is due, locked, skipping one another run holds.
    private static final String DUE_DIGEST = """
            SELECT id FROM followed_feed
             WHERE mode = 'digest' AND enabled AND next_digest_at <= ?1
             ORDER BY next_digest_at, id
             LIMIT 1
             FOR UPDATE SKIP LOCKED""";

    private final EntityManager entityManager;
    private final FeedFetcher fetcher;
    private final FeedIntake intake;
    private final FeedConfig config;
    private final Clock clock;

    FeedJob(EntityManager entityManager, FeedFetcher fetcher, FeedIntake intake, FeedConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.fetcher = fetcher;
        this.intake = intake;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "feeds", every = "${gazette.feeds.check:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!config.enabled()) {
            return;
        }
        try {
            fetchDue();
            digests();
        } catch (RuntimeException e) {
            LOG.error("Following feeds failed; the next run tries again", e);
        }
    }

    /** Fetches every feed due now, a batch at a time; returns how many were fetched. */
    int fetchDue() {
        int fetched = 0;
        List<Claimed> batch;
        do {
            batch = claim(0);
            batch.forEach(this::fetch);
            fetched += batch.size();
        } while (batch.size() == config.batchSize());
        return fetched;
    }

    /** Claims one feed for a fetch now, whatever its schedule; empty when another fetch holds it. */
    Optional<Claimed> claimOne(long feedId) {
        return claim(feedId).stream().findFirst();
    }

    /** Fetches a claimed feed and records what came of it (never throws). */
    void fetch(Claimed feed) {
        try {
            FeedFetcher.Answer answer = fetcher.fetch(feed.url(), feed.etag(), feed.lastModified());
            if (answer instanceof FeedFetcher.Content content) {
                FeedParser.Parsed parsed = FeedParser.parse(content.body());
                intake.received(feed.id(), parsed, content.etag(), content.lastModified());
            } else {
                intake.notModified(feed.id());
            }
        } catch (FeedFetcher.Failure e) {
            intake.failed(feed.id(), e.code, e.getMessage());
        } catch (FeedParser.NotAFeed e) {
            intake.failed(feed.id(), "not_a_feed", e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Recording the fetch of feed %d failed", feed.id());
            intake.failed(feed.id(), "internal", "The feed was read but its items could not be recorded");
        }
    }

    /** Makes every digest due now, each feed in its own transaction; returns how many feeds were handled. */
    int digests() {
        int handled = 0;
        while (handled < 1000) {
            Boolean made;
            try {
                made = QuarkusTransaction.requiringNew().call(this::nextDigest);
            } catch (RuntimeException e) {
                LOG.error("Making a digest failed; it is tried at its next slot", e);
                made = skipFailedDigest();
            }
            if (!made) {
                return handled;
            }
            handled++;
        }
        return handled;
    }

    private boolean nextDigest() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Number> due = entityManager.createNativeQuery(DUE_DIGEST).setParameter(1, Timestamp.from(now))
                .getResultList();
        if (due.isEmpty()) {
            return false;
        }
        FollowedFeed feed = FollowedFeed.findById(due.get(0).longValue());
        intake.digest(feed, now);
        return true;
    }

    /** After a digest that could not be made: its items wait for the next slot, and the feed says why. */
    private boolean skipFailedDigest() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<Number> due = entityManager.createNativeQuery(DUE_DIGEST).setParameter(1, Timestamp.from(now))
                    .getResultList();
            if (due.isEmpty()) {
                return false;
            }
            FollowedFeed feed = FollowedFeed.findById(due.get(0).longValue());
            intake.postpone(feed, now);
            return true;
        });
    }

    private List<Claimed> claim(long feedId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(CLAIM).setParameter(1, Timestamp.from(now))
                    .setParameter(2, feedId == 0 ? config.batchSize() : 1)
                    .setParameter(3, Timestamp.from(now.plus(config.lease()))).setParameter(4, feedId).getResultList();
            return rows.stream().map(r -> new Claimed(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                    (String) r[3])).toList();
        });
    }
}
