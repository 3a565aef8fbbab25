package dev.gazette.membership;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A writer's change of a plan's price, which each existing member hears of before it reaches them. */
@Entity
@Table(name = "plan_price_change")
class PlanPriceChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "plan_id")
    public long planId;

    @Column(name = "old_price")
    public BigDecimal oldPrice;

    @Column(name = "new_price")
    public BigDecimal newPrice;

    /** The days between a member's notice and the first period they pay the new price for. */
    @Column(name = "notice_days")
    public int noticeDays;

    public String actor;

    @Column(name = "created_at")
    public Instant createdAt;
}
