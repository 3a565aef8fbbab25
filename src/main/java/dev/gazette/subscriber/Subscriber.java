package dev.gazette.subscriber;

import java.time.Instant;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.gazette.event.EventData;

/** An address subscribed to one publication. */
@Entity
@Table(name = "subscriber")
class Subscriber extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "publication_id")
    public long publicationId;

    public String email;

    @Column(name = "email_hash", columnDefinition = "char(64)")
    public String emailHash;

    public String name;

    @Enumerated(EnumType.STRING)
    @Column(columnDefinition = "varchar")
    public SubscriberStatus status;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] tags = new String[0];

    /** A JSON object, kept as text here and as jsonb in the database. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String attributes = "{}";

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "unsubscribed_at")
    public Instant unsubscribedAt;

    /** Stops mailing this subscriber and withdraws their consent; one who is already gone stays as they are. */
    /** Unsubscribes an active or pending subscriber; false when there was nothing to change. */
    boolean unsubscribe(Instant now, String via) {
        if (status == SubscriberStatus.active || status == SubscriberStatus.pending) {
            status = SubscriberStatus.unsubscribed;
            unsubscribedAt = now;
            updatedAt = now;
            Consent.update("withdrawnAt = ?1, withdrawnVia = ?3 where subscriberId = ?2 and withdrawnAt is null", now, id,
                    via);
            return true;
        }
        return false;
    }

    /** What the subscriber's events carry of them (the publication's writer sees as much). */
    EventData.Subscriber eventData() {
        return new EventData.Subscriber(id, email, name, status.name());
    }

    static Optional<Subscriber> byEmail(long publicationId, String email) {
        return find("publicationId = ?1 and email = ?2", publicationId, email).firstResultOptional();
    }

    static Optional<Subscriber> inPublication(long publicationId, long id) {
        return Subscriber.<Subscriber>findByIdOptional(id).filter(s -> s.publicationId == publicationId);
    }
}
