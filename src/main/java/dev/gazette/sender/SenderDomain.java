package dev.gazette.sender;

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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A writer's own domain, its DKIM key pair and what the last DNS check found. */
@Entity
@Table(name = "sender_domain")
class SenderDomain extends PanacheEntityBase {

    /** Where a domain stands: only {@code verified} sends From its addresses. */
    enum State {
        /** No record found yet. */
        pending,
        /** Some records found, not all. */
        partial,
        /** Every record found: mail From it is signed with its key. */
        verified,
        /** Was verified, and a later check no longer finds every record: flagged, its mail falls back. */
        failing,
        /** Taken away by an admin: kept for the record, never used again. */
        revoked
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id")
    public long accountId;

    public String domain;

    public String selector;

    @Column(name = "public_key")
    public String publicKey;

    /** Sealed by {@link DomainKeys}; never leaves the server. */
    @Column(name = "private_key")
    public String privateKey;

    @Enumerated(EnumType.STRING)
    public State state;

    /** The last check's findings, a JSON array of {@link RecordCheck}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String checks = "[]";

    @Column(name = "checked_at")
    public Instant checkedAt;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    @Column(name = "next_check_at")
    public Instant nextCheckAt;

    @Column(name = "revoked_reason")
    public String revokedReason;

    @Column(name = "created_at")
    public Instant createdAt;
}
