package dev.gazette.membership;

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

/** A reader's checkout: the plan chosen and the terms accepted, until the provider answers. */
@Entity
@Table(name = "membership_checkout")
class Checkout extends PanacheEntityBase {

    enum Status {
        pending, paid, failed, cancelled
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "public_id")
    public String publicId;

    @Column(name = "publication_id")
    public long publicationId;

    @Column(name = "subscriber_id")
    public long subscriberId;

    @Column(name = "plan_id")
    public long planId;

    /** The issue whose paywall the reader came from, to go back to. */
    @Column(name = "issue_id")
    public Long issueId;

    public String provider;

    /** The provider's side: Stripe's Checkout Session, or the sealed Toss billing key issued for it. */
    @Column(name = "provider_ref")
    public String providerRef;

    @Enumerated(EnumType.STRING)
    @Column(columnDefinition = "varchar")
    public Status status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "settled_at")
    public Instant settledAt;
}
