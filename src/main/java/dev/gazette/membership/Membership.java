package dev.gazette.membership;

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

import dev.gazette.event.EventData;

/**
 * A subscriber's membership of one publication (at most one): paid through a provider or given by
 * the writer (comp), with its state and current period. Only {@link Memberships} changes it, and
 * writes each change to the ledger.
 */
@Entity
@Table(name = "membership")
class Membership extends PanacheEntityBase {

    enum State {
        trialing, active, past_due, ended;

        /** Whether a member in this state reads what is kept for paid members. */
        boolean reads() {
            return this == trialing || this == active || this == past_due;
        }
    }

    enum Kind {
        paid, comp
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "publication_id")
    public long publicationId;

    @Column(name = "subscriber_id")
    public long subscriberId;

    @Column(name = "plan_id")
    public Long planId;

    @Enumerated(EnumType.STRING)
    @Column(columnDefinition = "varchar")
    public Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(columnDefinition = "varchar")
    public State state;

    /** Asked to end when the current period does; the reader can still resume until then. */
    @Column(name = "cancel_at_period_end")
    public boolean cancelAtPeriodEnd;

    public String provider;

    @Column(name = "provider_ref")
    public String providerRef;

    /** The provider's customer: Stripe's {@code cus_...}, Toss's customer key. */
    @Column(name = "provider_customer")
    public String providerCustomer;

    /** When the newest provider event applied to it was made: an older one arriving late changes nothing. */
    @Column(name = "provider_synced_at")
    public Instant providerSyncedAt;

    /** What each period costs, fixed at checkout; null for a comp. */
    public BigDecimal price;

    @Column(columnDefinition = "char(3)")
    public String currency;

    @Column(name = "current_period_start")
    public Instant currentPeriodStart;

    /** When the period ends (and the next charge is due); null for a comp without an end. */
    @Column(name = "current_period_end")
    public Instant currentPeriodEnd;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** When the membership fell past due; null while it pays. */
    @Column(name = "past_due_since")
    public Instant pastDueSince;

    /** How many dunning retries were made since it fell past due. */
    @Column(name = "dunning_attempts")
    public int dunningAttempts;

    /** When Gazette retries the declined charge next; null: no retry (none left, or the provider retries). */
    @Column(name = "next_retry_at")
    public Instant nextRetryAt;

    /** A price change announced to the member, charged from the first period starting at {@link #nextPriceFrom}. */
    @Column(name = "next_price")
    public BigDecimal nextPrice;

    @Column(name = "next_price_from")
    public Instant nextPriceFrom;

    EventData.Member eventData() {
        return new EventData.Member(id, subscriberId, planId, kind.name(), state.name(), provider, price, currency,
                currentPeriodEnd);
    }
}
