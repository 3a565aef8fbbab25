package dev.gazette.issue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * Issues as the public sees them: only those whose send has started (sending, paused, sent);
 * drafts, scheduled and cancelled issues do not exist on the web. Also counts real page views.
 */
@ApplicationScoped
public class IssueArchive {

    static final List<IssueStatus> PUBLISHED = List.of(IssueStatus.sending, IssueStatus.paused, IssueStatus.sent);

    /** Clients that are not a person reading: crawlers, link previews, monitors, scripts. */
    private static final Pattern NOT_A_READER = Pattern.compile(
            "(?i)bot|crawl|spider|slurp|facebookexternalhit|embedly|preview|monitor|curl|wget|python|java/|"
                    + "httpclient|okhttp|go-http|headless|lighthouse|scanner|fetch");

    // Records a reader's view; a row comes back only when it counts: a first view, or one after the window.
    private static final String RECORD_VIEW = """
            INSERT INTO issue_view (issue_id, reader_hash, last_seen_at) VALUES (?1, ?2, ?3)
            ON CONFLICT (issue_id, reader_hash) DO UPDATE SET last_seen_at = excluded.last_seen_at
            WHERE issue_view.last_seen_at < ?4
            RETURNING issue_id
            """;

    // Adds one counted view to the issue.
    private static final String COUNT_VIEW = "UPDATE issue SET view_count = view_count + 1 WHERE id = ?1";

    private final Publications publications;
    private final IssueRenderer renderer;
    private final EntityManager entityManager;
    private final IssueConfig config;
    private final Clock clock;

    IssueArchive(Publications publications, IssueRenderer renderer, EntityManager entityManager, IssueConfig config,
            Clock clock) {
        this.publications = publications;
        this.renderer = renderer;
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    /** The publication's published issues, newest first, for its page and its feed. */
    @Transactional
    public List<ArchivedIssue> sentIssues(long publicationId) {
        PublicationRef publication = publications.findById(publicationId).orElse(null);
        if (publication == null) {
            return List.of();
        }
        return Issue.<Issue>list("publicationId = ?1 and status in ?2 order by coalesce(sentAt, scheduledAt) desc, id desc",
                publicationId, PUBLISHED).stream().map(issue -> archived(issue, publication)).toList();
    }

    /** A published issue of an active publication, by slugs. */
    @Transactional
    Optional<Published> find(String publicationSlug, String issueSlug) {
        return publications.findPublic(publicationSlug).flatMap(publication -> Issue
                .<Issue>find("publicationId = ?1 and slug = ?2 and status in ?3", publication.id(), issueSlug, PUBLISHED)
                .firstResultOptional().map(issue -> new Published(publication, issue)));
    }

    record Published(PublicationRef publication, Issue issue) {
    }

    /** A published issue of this publication, by its slug, for features that act on issues readers see. */
    @Transactional
    public Optional<ArchivedIssue> findPublished(PublicationRef publication, String issueSlug) {
        return Issue.<Issue>find("publicationId = ?1 and slug = ?2 and status in ?3", publication.id(), issueSlug, PUBLISHED)
                .firstResultOptional().map(issue -> archived(issue, publication));
    }

    /** A published issue of this publication, by its id. */
    @Transactional
    public Optional<ArchivedIssue> findPublished(PublicationRef publication, long issueId) {
        return Issue.<Issue>find("publicationId = ?1 and id = ?2 and status in ?3", publication.id(), issueId, PUBLISHED)
                .firstResultOptional().map(issue -> archived(issue, publication));
    }

    /**
     * Counts a page view when it comes from a person (not a known robot) who has not been counted
     * for this issue within the window; returns the issue's view count afterwards.
     */
    @Transactional
    long view(long issueId, String clientAddress, String userAgent) {
        if (userAgent != null && !userAgent.isBlank() && !NOT_A_READER.matcher(userAgent).find()) {
            Instant now = clock.instant();
            List<?> counted = entityManager.createNativeQuery(RECORD_VIEW)
                    .setParameter(1, issueId)
                    .setParameter(2, readerHash(issueId, clientAddress, userAgent))
                    .setParameter(3, Timestamp.from(now))
                    .setParameter(4, Timestamp.from(now.minus(config.viewWindow())))
                    .getResultList();
            if (!counted.isEmpty()) {
                entityManager.createNativeQuery(COUNT_VIEW).setParameter(1, issueId).executeUpdate();
            }
        }
        return ((Number) entityManager.createNativeQuery("SELECT view_count FROM issue WHERE id = ?1")
                .setParameter(1, issueId).getSingleResult()).longValue();
    }

    List<PublicationRef> others(long publicationId) {
        return publications.othersThan(publicationId, 4);
    }

    ArchivedIssue archived(Issue issue, PublicationRef publication) {
        return new ArchivedIssue(issue.id, issue.slug, issue.title, issue.subtitle, issue.category, publishedAt(issue),
                renderer.webUrl(publication.slug(), issue.slug), issue.viewCount);
    }

    static Instant publishedAt(Issue issue) {
        return issue.sentAt != null ? issue.sentAt : issue.scheduledAt != null ? issue.scheduledAt : issue.updatedAt;
    }

    /** Who read, without keeping who: a hash of the issue, the address and the browser. */
    private static String readerHash(long issueId, String clientAddress, String userAgent) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((issueId + "|" + clientAddress + "|" + userAgent).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
