package dev.gazette.publication;

import java.math.BigDecimal;
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

/** A newsletter: its public identity, its sender identity, and its owner. */
@Entity
@Table(name = "publication")
class Publication extends PanacheEntityBase {

    enum Status {
        active, suspended
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "owner_id")
    public Long ownerId;

    public String slug;
    public String name;
    public String tagline;
    public String description;
    public String category;
    public String locale;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "sender_name")
    public String senderName;

    @Column(name = "sender_email")
    public String senderEmail;

    @Column(name = "reply_to")
    public String replyTo;

    @Column(name = "copyright_notice")
    public String copyrightNotice;

    @Column(name = "tip_price")
    public BigDecimal tipPrice;

    @Column(name = "tip_currency", columnDefinition = "char(3)")
    public String tipCurrency;

    /** Whether issues carry an open pixel and tracked links. */
    public boolean tracking;

    @Enumerated(EnumType.STRING)
    @Column(columnDefinition = "varchar")
    public Status status;

    @Column(name = "suspended_reason")
    public String suspendedReason;

    @Column(name = "suspended_at")
    public Instant suspendedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The one visibility rule: a writer sees their own publications, an admin every one. */
    static java.util.Optional<Publication> visibleTo(dev.gazette.account.Caller caller, String slug) {
        return Publication.<Publication>find("slug", slug).firstResultOptional()
                .filter(p -> caller.isAdmin() || p.ownerId.equals(caller.accountId()));
    }

    /** What the caller may manage, oldest first: their own, or every one for an admin. */
    static java.util.List<Publication> managedBy(dev.gazette.account.Caller caller) {
        return caller.isAdmin()
                ? Publication.list("order by createdAt, id")
                : Publication.list("ownerId = ?1 order by createdAt, id", caller.accountId());
    }

    static dev.gazette.core.DomainException notFound() {
        return new dev.gazette.core.DomainException(dev.gazette.core.DomainException.Kind.NOT_FOUND,
                "publication_not_found", "No such publication");
    }
}
