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

/** A paid plan of a publication: a price per month or year, an optional trial; free needs no plan. */
@Entity
@Table(name = "plan")
class Plan extends PanacheEntityBase {

    enum Interval {
        month, year
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "publication_id")
    public long publicationId;

    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "billing_interval", columnDefinition = "varchar")
    public Interval interval;

    /** In the currency's major units, as the tips' price. */
    public BigDecimal price;

    @Column(columnDefinition = "char(3)")
    public String currency;

    @Column(name = "trial_days")
    public int trialDays;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Set once retired: offered to no one new; its members keep it. */
    @Column(name = "retired_at")
    public Instant retiredAt;

    boolean retired() {
        return retiredAt != null;
    }
}
