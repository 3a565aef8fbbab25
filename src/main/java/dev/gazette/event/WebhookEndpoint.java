package dev.gazette.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Where a publication's (or, without one, the platform's) events are posted, and with which secret. */
@Entity
@Table(name = "webhook_endpoint")
class WebhookEndpoint extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Null for a platform-wide endpoint, which only admins see. */
    @Column(name = "publication_id")
    public Long publicationId;

    public String url;

    public String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", columnDefinition = "text[]")
    public String[] eventTypes = new String[0];

    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    public boolean enabled = true;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The secrets that sign now: the current one, and the one before it while the rotation lasts. */
    List<String> signingSecrets(Instant now) {
        return secrets(secret, previousSecret, previousSecretUntil, now);
    }

    static List<String> secrets(String secret, String previous, Instant previousUntil, Instant now) {
        List<String> secrets = new ArrayList<>(List.of(secret));
        if (previous != null && previousUntil != null && previousUntil.isAfter(now)) {
            secrets.add(previous);
        }
        return secrets;
    }
}
