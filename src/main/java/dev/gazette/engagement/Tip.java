package dev.gazette.engagement;

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

/** Coffees a reader buys the writer, tied to the issue; the amount is fixed when asked for. */
@Entity
@Table(name = "tip")
class Tip extends PanacheEntityBase {

    enum Status {
        pending, paid, failed, refunded
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "public_id")
    public String publicId;

    @Column(name = "publication_id")
    public long publicationId;

    @Column(name = "issue_id")
    public Long issueId;

    @Column(name = "subscriber_id")
    public Long subscriberId;

    public int coffees;

    @Column(name = "unit_price")
    public BigDecimal unitPrice;

    public BigDecimal amount;

    /** What the provider refunded so far; a tip refunded in part stays paid. */
    @Column(name = "amount_refunded")
    public BigDecimal amountRefunded = BigDecimal.ZERO;

    @Column(columnDefinition = "char(3)")
    public String currency;

    @Column(name = "tipper_name")
    public String tipperName;

    @Column(name = "tipper_email")
    public String tipperEmail;

    public String message;

    public String provider;

    @Column(name = "provider_ref")
    public String providerRef;

    @Enumerated(EnumType.STRING)
    @Column(columnDefinition = "varchar")
    public Status status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** What the tip's event carries: no address, the name and words the writer sees in the ledger. */
    EventData.Tip eventData() {
        return new EventData.Tip(id, issueId, subscriberId, coffees, amount, currency, tipperName, message);
    }
}
