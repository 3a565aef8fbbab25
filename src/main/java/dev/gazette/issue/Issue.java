package dev.gazette.issue;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.gazette.event.EventData;

/** One letter of a publication, from draft to sent. */
@Entity
@Table(name = "issue")
class Issue extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "publication_id")
    public Long publicationId;

    public String slug;
    public String title;
    public String subtitle;
    public String category;

    @Column(name = "body_markdown")
    public String bodyMarkdown;

    @Column(name = "template_id")
    public Long templateId;

    @Enumerated(EnumType.STRING)
    @Column(columnDefinition = "varchar")
    public IssueStatus status;

    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    @Column(name = "audience_tags", columnDefinition = "text[]")
    public String[] audienceTags;

    /** Published on the web only, mailed to no one, as the writer chose when sending. */
    @Column(name = "web_only")
    public boolean webOnly;

    /** The segment the send targets (with the tags, if any); null: no segment. */
    @Column(name = "segment_id")
    public Long segmentId;

    /** Advertising under Korean law, whatever its publication says (see publication.Advertising). */
    public boolean advertising;

    /** Who may read it (see {@link IssueAccess} and {@link Paywall}). */
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(columnDefinition = "varchar")
    public IssueAccess access = IssueAccess.everyone;

    @Column(name = "send_requested_at")
    public Instant sendRequestedAt;

    @Column(name = "send_requested_by")
    public Long sendRequestedBy;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "view_count")
    public long viewCount;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** {@code issue}, or {@code sequence_step} for a sequence step's message: never listed, archived or sent as an issue. */
    public String kind = KIND_ISSUE;

    static final String KIND_ISSUE = "issue";
    static final String KIND_STEP = "sequence_step";

    /** The number of the issue's content as last saved: 1 when created, one more with each edit. */
    @Column(name = "version")
    public int version = 1;

    /** What the issue's events carry of it. */
    EventData.Issue eventData() {
        return new EventData.Issue(id, title, slug, scheduledAt, sentAt);
    }

    boolean editable() {
        return status == IssueStatus.draft || status == IssueStatus.scheduled || status == IssueStatus.cancelled;
    }
}
