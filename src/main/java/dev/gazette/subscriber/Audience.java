package dev.gazette.subscriber;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Who a send may mail: the active subscribers of a publication whose address is not suppressed
 * (for this publication or platform-wide), optionally only those with any of some tags. Read in
 * id order, one batch after another, so that memory stays flat with the size of the audience.
 */
@ApplicationScoped
public class Audience {

    /** One recipient; {@code attributesJson} is the subscriber's attributes as a JSON object. */
    public record Member(long subscriberId, String email, String name, List<String> tags, String attributesJson) {
    }

    /** A topic a send may be restricted to: a tag readers may pick, and the name they see. */
    public record Topic(String tag, String label) {
    }

    /**
     * The one definition of a subscriber who may be mailed, as SQL over {@code subscriber s}: active,
     * and not suppressed for the publication or platform-wide. The delivery engine's set-based
     * statements use it too, so the rule lives here only.
     */
    public static final String MAY_BE_MAILED = "s.status = 'active' AND NOT "
            + Suppressions.suppressed("s.email_hash", "s.publication_id");

    private static final String SENDABLE = " FROM subscriber s WHERE s.publication_id = ?1 AND " + MAY_BE_MAILED
            + " AND (?2 = '' OR s.tags && string_to_array(?2, ','))";

    private final EntityManager entityManager;
    private final PublicTopicsService topics;

    Audience(EntityManager entityManager, PublicTopicsService topics) {
        this.entityManager = entityManager;
        this.topics = topics;
    }

    /** The publication's topics, in the writer's order: the tags a send is usually restricted to. */
    public List<Topic> topics(long publicationId) {
        return topics.list(publicationId).stream().map(t -> new Topic(t.tag(), t.label())).toList();
    }

    /**
     * The next {@code limit} sendable subscribers with an id above {@code afterId} (start with 0),
     * in id order; an empty {@code tags} means everyone.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Member> batch(long publicationId, Collection<String> tags, long afterId, int limit) {
        // the sendable audience, keyset-paged by id
        List<Object[]> rows = entityManager.createNativeQuery("SELECT s.id, s.email, s.name, array_to_string(s.tags, ','), "
                + "CAST(s.attributes AS text)" + SENDABLE + " AND s.id > ?3 ORDER BY s.id LIMIT ?4")
                .setParameter(1, publicationId).setParameter(2, tagArray(tags)).setParameter(3, afterId)
                .setParameter(4, limit).getResultList();
        return rows.stream().map(r -> new Member(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                tagList((String) r[3]), (String) r[4])).toList();
    }

    /** How many subscribers a send to these tags would reach now. */
    @Transactional
    public long count(long publicationId, Collection<String> tags) {
        // the size of the sendable audience
        return ((Number) entityManager.createNativeQuery("SELECT count(*)" + SENDABLE)
                .setParameter(1, publicationId).setParameter(2, tagArray(tags)).getSingleResult()).longValue();
    }

    /**
     * Tags of a send in the form subscribers' tags are stored in (see {@link Tags}), so that
     * {@code VIP} reaches the subscribers tagged {@code vip}; refuses an invalid tag.
     */
    public static String[] normalTags(String field, Collection<String> tags) {
        return tags == null ? new String[0] : Tags.require(field, tags);
    }

    /** Whether this subscriber may be mailed now (a send checks again just before each message). */
    @Transactional
    public boolean isSendable(long publicationId, long subscriberId) {
        // one subscriber, still in the sendable audience
        return !entityManager.createNativeQuery("SELECT 1" + SENDABLE + " AND s.id = ?3")
                .setParameter(1, publicationId).setParameter(2, "").setParameter(3, subscriberId)
                .getResultList().isEmpty();
    }

    /** Tags never contain commas (see {@link Tags}): they travel to SQL as one comma-joined string. */
    private static String tagArray(Collection<String> tags) {
        if (tags == null) {
            return "";
        }
        return String.join(",", tags.stream().map(t -> Tags.normalize(t).orElseThrow(
                () -> new IllegalArgumentException("not a valid tag: " + t))).distinct().toList());
    }

    private static List<String> tagList(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }
}
