package dev.gazette.rss;

import java.util.List;

import io.quarkus.qute.RawString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.issue.IssueItem;
import dev.gazette.issue.IssueItems;
import dev.gazette.publication.PublicationRef;

/** The items an issue was made from, for its template's {@code items}: oldest first, content already sanitized. */
@ApplicationScoped
class FeedIssueItems implements IssueItems {

    private final EntityManager entityManager;

    FeedIssueItems(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    @Transactional
    public List<IssueItem> of(long issueId, PublicationRef publication) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT id, title, link, author, published_at, content_html FROM feed_item
                 WHERE issue_id = ?1 ORDER BY COALESCE(published_at, seen_at), id""").setParameter(1, issueId)
                .getResultList();
        return rows.stream().map(FeedIntake::stored).map(item -> new IssueItem(item.title(), item.link(),
                item.publishedAt() == null ? "" : FeedBodies.date(item.publishedAt(), publication), item.author(),
                new RawString(item.contentHtml() == null ? "" : item.contentHtml()))).toList();
    }
}
