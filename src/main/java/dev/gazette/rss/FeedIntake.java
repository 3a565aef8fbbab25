package dev.gazette.rss;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import dev.gazette.issue.FeedIssues;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * What a fetch leaves behind, in one transaction: each item inserted once (the unique key per feed
 * makes a second fetch, on this instance or another, insert nothing), each new item turned into a
 * draft, a send or a digest's waiting item in that same transaction, and the feed's status. A failed
 * fetch is recorded with its reason and the next try backs off; a feed failing for too long is paused.
 */
@ApplicationScoped
class FeedIntake {

    // Records an item unless the feed already has it; returns its id only when this call inserted it.
    private static final String INSERT_ITEM = """
            INSERT INTO feed_item (feed_id, item_key, identity, title, link, author, published_at, content_html, state,
                                   seen_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT (feed_id, item_key) DO NOTHING
            RETURNING id""";

    // What became of items: their state, the issue they are in, a note.
    private static final String ITEM_OUTCOME = "UPDATE feed_item SET state = ?2, issue_id = ?3, note = ?4 WHERE id IN (?1)";

    private final EntityManager entityManager;
    private final Publications publications;
    private final FeedIssues issues;
    private final FeedHealth health;
    private final FeedConfig config;
    private final Clock clock;

    FeedIntake(EntityManager entityManager, Publications publications, FeedIssues issues, FeedHealth health,
            FeedConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.publications = publications;
        this.issues = issues;
        this.health = health;
        this.config = config;
        this.clock = clock;
    }

    /** A good fetch with content: the new items and what they become, and the feed's validators and status. */
    @Transactional
    void received(long feedId, FeedParser.Parsed parsed, String etag, String lastModified) {
        FollowedFeed feed = FollowedFeed.findById(feedId, LockModeType.PESSIMISTIC_WRITE);
        if (feed == null) {
            return; // deleted while it was being fetched
        }
        Instant now = clock.instant();
        PublicationRef publication = publications.findById(feed.publicationId).orElseThrow();
        String latest = feed.primed || !feed.includeLatest ? null : latestKey(parsed.items());
        List<FeedBodies.Stored> fresh = new ArrayList<>();
        // oldest first, so that separate issues of one fetch go out in the feed's own order
        List<FeedParser.Item> items = new ArrayList<>(parsed.items());
        Collections.reverse(items);
        for (FeedParser.Item item : items) {
            boolean isNew = feed.primed || item.key().equals(latest);
            String state = isNew ? (FollowedFeed.DIGEST.equals(feed.mode) ? "pending" : "drafted") : "backlog";
            Long id = insert(feed.id, item, state, now);
            if (id != null && isNew) {
                fresh.add(new FeedBodies.Stored(id, item.title(), item.link(), item.author(), item.publishedAt(),
                        item.contentHtml()));
            }
        }
        if (!FollowedFeed.DIGEST.equals(feed.mode)) {
            for (int i = 0; i < fresh.size(); i++) {
                oneIssue(feed, publication, fresh.get(i), i >= config.maxSendsPerFetch());
            }
        }
        if (parsed.title() != null) {
            feed.title = parsed.title();
        }
        feed.etag = etag;
        feed.lastModified = lastModified;
        feed.primed = true;
        succeeded(feed, "ok", now);
    }

    /** A good fetch that found nothing new (304). */
    @Transactional
    void notModified(long feedId) {
        FollowedFeed feed = FollowedFeed.findById(feedId, LockModeType.PESSIMISTIC_WRITE);
        if (feed != null) {
            succeeded(feed, "not_modified", clock.instant());
        }
    }

    /** A failed fetch: why, when to try again (backing off), and a pause once it has failed for too long. */
    @Transactional
    void failed(long feedId, String code, String reason) {
        FollowedFeed feed = FollowedFeed.findById(feedId, LockModeType.PESSIMISTIC_WRITE);
        if (feed == null) {
            return;
        }
        Instant now = clock.instant();
        feed.lastFetchAt = now;
        feed.lastOutcome = "failed";
        feed.lastErrorCode = code;
        feed.lastError = FeedParser.clip(reason, 500);
        feed.failures++;
        if (feed.failingSince == null) {
            feed.failingSince = now;
        }
        feed.nextFetchAt = now.plus(backoff(feed.failures));
        feed.fetchLease = null;
        feed.updatedAt = now;
        if (feed.enabled && !feed.failingSince.isAfter(now.minus(config.pauseAfter()))) {
            health.pause(feed, now);
        }
    }

    /** The wait after this many failures in a row: doubling from {@code backoff}, at most {@code max-backoff}. */
    Duration backoff(int failures) {
        Duration wait = config.backoff();
        for (int i = 1; i < failures && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    /**
     * Gathers a digest feed's waiting items into one issue and sends it, then sets the next slot. The
     * caller has locked the feed (the digest job, {@code FOR UPDATE SKIP LOCKED}), so two runs at once
     * make one digest; no waiting item, no issue.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void digest(FollowedFeed feed, Instant now) {
        PublicationRef publication = publications.findById(feed.publicationId).orElseThrow();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT id, title, link, author, published_at, content_html FROM feed_item
                 WHERE feed_id = ?1 AND state = 'pending' ORDER BY COALESCE(published_at, seen_at), id LIMIT ?2""")
                .setParameter(1, feed.id).setParameter(2, config.maxItemsPerIssue()).getResultList();
        List<FeedBodies.Stored> items = rows.stream().map(FeedIntake::stored).toList();
        if (!items.isEmpty()) {
            String title = FeedTitles.digest(feed, publication, items.size(), now);
            long issueId = issues.draft(publication, title, FeedBodies.markdown(items, publication), feed.templateId);
            FeedIssues.Outcome outcome = issues.send(publication, issueId, feed.tagList());
            mark(items.stream().map(FeedBodies.Stored::id).toList(), outcome, issueId);
        }
        feed.nextDigestAt = FeedSchedule.next(feed.digestEvery, feed.digestTime, feed.digestWeekday,
                ZoneId.of(publication.timeZone()), now);
        feed.updatedAt = now;
    }

    /** A digest that could not be made: its items wait for the next slot, and the feed says why. */
    @Transactional(Transactional.TxType.MANDATORY)
    void postpone(FollowedFeed feed, Instant now) {
        PublicationRef publication = publications.findById(feed.publicationId).orElseThrow();
        feed.lastErrorCode = "digest_failed";
        feed.lastError = "The digest due at " + feed.nextDigestAt + " could not be made; its items wait for the next one";
        feed.nextDigestAt = FeedSchedule.next(feed.digestEvery, feed.digestTime, feed.digestWeekday,
                ZoneId.of(publication.timeZone()), now);
        feed.updatedAt = now;
    }

    /** One issue for one new item: a draft, or sent at once unless this fetch has sent its share already. */
    private void oneIssue(FollowedFeed feed, PublicationRef publication, FeedBodies.Stored item, boolean overShare) {
        String title = item.title() == null ? FeedTitles.untitled(feed, publication) : item.title();
        long issueId = issues.draft(publication, title, FeedBodies.markdown(List.of(item), publication), feed.templateId);
        if (FollowedFeed.DRAFT.equals(feed.mode)) {
            outcome(List.of(item.id()), "drafted", issueId, null);
        } else if (overShare) {
            outcome(List.of(item.id()), "drafted", issueId, "too_many_at_once");
        } else {
            mark(List.of(item.id()), issues.send(publication, issueId, feed.tagList()), issueId);
        }
    }

    private void mark(List<Long> ids, FeedIssues.Outcome outcome, long issueId) {
        switch (outcome) {
            case sent -> outcome(ids, "sent", issueId, null);
            case no_audience -> outcome(ids, "skipped", issueId, "no_audience");
            case suspended -> outcome(ids, "skipped", issueId, "publication_suspended");
        }
    }

    private void outcome(List<Long> ids, String state, Long issueId, String note) {
        entityManager.createNativeQuery(ITEM_OUTCOME).unwrap(NativeQuery.class).setParameter(1, ids)
                .setParameter(2, state).setParameter(3, issueId, Long.class).setParameter(4, note, String.class)
                .executeUpdate();
    }

    private void succeeded(FollowedFeed feed, String outcome, Instant now) {
        feed.lastFetchAt = now;
        feed.lastSuccessAt = now;
        feed.lastOutcome = outcome;
        feed.lastErrorCode = null;
        feed.lastError = null;
        feed.failures = 0;
        feed.failingSince = null;
        feed.nextFetchAt = now.plus(config.interval());
        feed.fetchLease = null;
        feed.updatedAt = now;
    }

    private Long insert(long feedId, FeedParser.Item item, String state, Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> id = entityManager.createNativeQuery(INSERT_ITEM).unwrap(NativeQuery.class).setParameter(1, feedId)
                .setParameter(2, item.key()).setParameter(3, item.identity()).setParameter(4, item.title(), String.class)
                .setParameter(5, item.link(), String.class).setParameter(6, item.author(), String.class)
                .setParameter(7, item.publishedAt() == null ? null : Timestamp.from(item.publishedAt()), Timestamp.class)
                .setParameter(8, item.contentHtml(), String.class).setParameter(9, state)
                .setParameter(10, Timestamp.from(now)).getResultList();
        return id.isEmpty() ? null : id.get(0).longValue();
    }

    /** The newest item by date (the first in the feed when none has a date), for "include the latest". */
    private static String latestKey(List<FeedParser.Item> items) {
        return items.stream().filter(i -> i.publishedAt() != null).max(Comparator.comparing(FeedParser.Item::publishedAt))
                .or(() -> items.stream().findFirst()).map(FeedParser.Item::key).orElse(null);
    }

    static FeedBodies.Stored stored(Object[] row) {
        return new FeedBodies.Stored(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3],
                row[4] == null ? null : instant(row[4]), (String) row[5]);
    }

    static Instant instant(Object value) {
        return value instanceof Timestamp t
                ? t.toInstant()
                : value instanceof Instant i
                        ? i
                        : ((java.time.OffsetDateTime) value).toInstant();
    }
}
