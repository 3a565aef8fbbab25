package dev.gazette.engagement;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.gazette.event.EventData;

/** A comment on an issue's web page; its HTML is sanitized once, when written. */
@Entity
@Table(name = "comment")
class Comment extends PanacheEntityBase {

    enum Status {
        pending, held, visible, hidden, deleted
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "issue_id")
    public long issueId;

    @Column(name = "publication_id")
    public long publicationId;

    @Column(name = "parent_id")
    public Long parentId;

    @Column(name = "subscriber_id")
    public Long subscriberId;

    @Column(name = "account_id")
    public Long accountId;

    @Column(name = "author_name")
    public String authorName;

    @Column(name = "email_hash", columnDefinition = "char(64)")
    public String emailHash;

    @Column(name = "body_markdown")
    public String bodyMarkdown;

    @Column(name = "body_html")
    public String bodyHtml;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(columnDefinition = "varchar")
    public Status status;

    public boolean pinned;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "edited_at")
    public Instant editedAt;

    @Column(name = "moderated_at")
    public Instant moderatedAt;

    @Column(name = "moderated_by")
    public Long moderatedBy;

    boolean byWriter() {
        return accountId != null;
    }

    /** What the comment's event carries: as the writer sees it in the comment list. */
    EventData.Comment eventData() {
        return new EventData.Comment(id, issueId, parentId, subscriberId, authorName, bodyMarkdown);
    }
}
