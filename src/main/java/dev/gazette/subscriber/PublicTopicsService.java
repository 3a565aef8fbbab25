package dev.gazette.subscriber;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;
import dev.gazette.publication.Publications;
import dev.gazette.subscriber.SubscriberRequests.TopicEntry;
import dev.gazette.subscriber.SubscriberViews.TopicView;

/** The tags a writer makes public as topics, which subscribers may pick on their preferences page. */
@ApplicationScoped
class PublicTopicsService {

    private final EntityManager entityManager;
    private final Publications publications;

    PublicTopicsService(EntityManager entityManager, Publications publications) {
        this.entityManager = entityManager;
        this.publications = publications;
    }

    @Transactional
    List<TopicView> list(Caller caller, String slug) {
        return list(publications.requireManaged(caller, slug).id());
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<TopicView> list(long publicationId) {
        List<Object[]> rows = entityManager.createNativeQuery(
                "SELECT tag, label FROM public_topic WHERE publication_id = ?1 ORDER BY position")
                .setParameter(1, publicationId).getResultList();
        return rows.stream().map(r -> new TopicView((String) r[0], (String) r[1])).toList();
    }

    Set<String> tags(long publicationId) {
        Set<String> tags = new LinkedHashSet<>();
        list(publicationId).forEach(t -> tags.add(t.tag()));
        return tags;
    }

    /** Replaces the publication's public topics with these, in this order. */
    @Transactional
    List<TopicView> replace(Caller caller, String slug, List<TopicEntry> entries) {
        long publicationId = publications.requireManaged(caller, slug).id();
        Set<String> seen = new LinkedHashSet<>();
        for (TopicEntry entry : entries) {
            String tag = Tags.normalize(entry.tag()).orElseThrow(() -> DomainException.invalidField("topics",
                    "invalid_tag", "tags are 1 to 64 letters, digits, spaces, dots, hyphens or underscores"));
            if (!seen.add(tag)) {
                throw DomainException.invalidField("topics", "duplicate_topic", "each tag may be a topic once");
            }
        }
        entityManager.createNativeQuery("DELETE FROM public_topic WHERE publication_id = ?1")
                .setParameter(1, publicationId).executeUpdate();
        int position = 0;
        for (TopicEntry entry : entries) {
            entityManager.createNativeQuery(
                    "INSERT INTO public_topic (publication_id, tag, label, position) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, publicationId).setParameter(2, Tags.normalize(entry.tag()).orElseThrow())
                    .setParameter(3, entry.label().strip()).setParameter(4, position++).executeUpdate();
        }
        return list(publicationId);
    }
}
