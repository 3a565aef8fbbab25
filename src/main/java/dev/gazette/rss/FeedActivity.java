package dev.gazette.rss;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.gazette.account.Caller;
import dev.gazette.issue.FeedIssues;
import dev.gazette.rss.FeedViews.FeedView;
import dev.gazette.rss.FeedViews.IssueRef;
import dev.gazette.rss.FeedViews.ItemView;

/** What a feed did: a fetch on the writer's demand, and the items seen with the issues they became. */
@ApplicationScoped
class FeedActivity {

    static final int MAX_ITEMS_LISTED = 200;

    // The feed's items, newest seen first, with what became of them.
    private static final String ITEMS = """
            SELECT id, title, link, author, published_at, seen_at, state, note, issue_id FROM feed_item
             WHERE feed_id = ?1 ORDER BY seen_at DESC, COALESCE(published_at, seen_at) DESC, id DESC LIMIT ?2""";

    private final FeedService feeds;
    private final FeedJob job;
    private final FeedIssues issues;
    private final EntityManager entityManager;

    FeedActivity(FeedService feeds, FeedJob job, FeedIssues issues, EntityManager entityManager) {
        this.feeds = feeds;
        this.job = job;
        this.issues = issues;
        this.entityManager = entityManager;
    }

    /**
     * Fetches the feed now, whatever its schedule (also a paused one, to see whether it works again),
     * and answers how it went; 409 {@code feed_busy} while another fetch holds it.
     */
    FeedView fetchNow(Caller caller, String slug, long id) {
        QuarkusTransaction.requiringNew().run(() -> feeds.owned(caller, slug, id));
        FeedJob.Claimed claimed = job.claimOne(id).orElseThrow(FeedErrors::busy);
        job.fetch(claimed);
        return QuarkusTransaction.requiringNew().call(() -> FeedService.view(feeds.owned(caller, slug, id)));
    }

    /** The latest items seen, at most {@value #MAX_ITEMS_LISTED}. */
    List<ItemView> items(Caller caller, String slug, long id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            FollowedFeed feed = feeds.owned(caller, slug, id);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(ITEMS).setParameter(1, feed.id)
                    .setParameter(2, MAX_ITEMS_LISTED).getResultList();
            Map<Long, FeedIssues.Made> made = issues.describe(feed.publicationId,
                    rows.stream().map(r -> (Number) r[8]).filter(Objects::nonNull).map(Number::longValue).toList());
            return rows.stream().map(r -> {
                FeedIssues.Made issue = r[8] == null ? null : made.get(((Number) r[8]).longValue());
                return new ItemView(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                        r[4] == null ? null : FeedIntake.instant(r[4]), FeedIntake.instant(r[5]), (String) r[6],
                        (String) r[7], issue == null ? null : new IssueRef(issue.id(), issue.title(), issue.status()));
            }).toList();
        });
    }
}
