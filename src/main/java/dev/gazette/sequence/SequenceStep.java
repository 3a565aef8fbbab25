package dev.gazette.sequence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One step of a sequence: its message (an issue of kind {@code sequence_step}), the send its
 * deliveries belong to, its place, and its delay after the step before. Its id is what an
 * enrollment points at, so moving or editing a step never sends it again.
 */
@Entity
@Table(name = "sequence_step")
class SequenceStep extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "sequence_id")
    public Long sequenceId;

    @Column(name = "issue_id")
    public Long issueId;

    @Column(name = "send_id")
    public Long sendId;

    public int position;

    @Column(name = "delay_minutes")
    public int delayMinutes;

    @Column(name = "removed_at")
    public Instant removedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The steps in place, in order. */
    static List<SequenceStep> of(long sequenceId) {
        return list("sequenceId = ?1 and removedAt is null order by position, id", sequenceId);
    }

    static Optional<SequenceStep> in(long sequenceId, long id) {
        return find("id = ?1 and sequenceId = ?2 and removedAt is null", id, sequenceId).firstResultOptional();
    }
}
