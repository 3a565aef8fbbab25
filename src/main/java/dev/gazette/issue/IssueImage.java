package dev.gazette.issue;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An image uploaded for an issue, served from its unguessable public key. */
@Entity
@Table(name = "issue_image")
class IssueImage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "public_key")
    public String publicKey;

    @Column(name = "issue_id")
    public Long issueId;

    @Column(name = "content_type")
    public String contentType;

    @Column(name = "size_bytes")
    public int sizeBytes;

    public String sha256;

    @Basic(fetch = FetchType.LAZY)
    public byte[] data;

    @Column(name = "created_at")
    public Instant createdAt;
}
