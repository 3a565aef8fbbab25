package dev.gazette.rss;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A feed a publication follows, its settings, and how its last fetches went. */
@Entity
@Table(name = "followed_feed")
class FollowedFeed extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "publication_id")
    public Long publicationId;

    public String url;
    public String title;
    public String mode;

    @Column(name = "digest_every")
    public String digestEvery;

    @Column(name = "digest_time")
    public LocalTime digestTime;

    @Column(name = "digest_weekday")
    public Short digestWeekday;

    @Column(name = "title_pattern")
    public String titlePattern;

    @Column(columnDefinition = "text[]")
    public String[] tags;

    @Column(name = "template_id")
    public Long templateId;

    public boolean enabled;

    @Column(name = "include_latest")
    public boolean includeLatest;

    public String etag;

    @Column(name = "last_modified")
    public String lastModified;

    public boolean primed;

    @Column(name = "next_fetch_at")
    public Instant nextFetchAt;

    @Column(name = "next_digest_at")
    public Instant nextDigestAt;

    @Column(name = "fetch_lease")
    public Instant fetchLease;

    @Column(name = "last_fetch_at")
    public Instant lastFetchAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "last_outcome")
    public String lastOutcome;

    @Column(name = "last_error_code")
    public String lastErrorCode;

    @Column(name = "last_error")
    public String lastError;

    public int failures;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "paused_reason")
    public String pausedReason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static final String DRAFT = "draft";
    static final String EACH = "each";
    static final String DIGEST = "digest";

    static List<FollowedFeed> of(long publicationId) {
        return list("publicationId = ?1 order by id", publicationId);
    }

    static Optional<FollowedFeed> in(long publicationId, long id) {
        return FollowedFeed.<FollowedFeed>findByIdOptional(id).filter(f -> f.publicationId.equals(publicationId));
    }

    List<String> tagList() {
        return tags == null ? List.of() : List.of(tags);
    }
}
