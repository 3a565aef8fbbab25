package dev.gazette.sequence;

import java.time.Instant;
import java.util.List;
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

/** A writer's sequence: steps that follow a trigger, per publication. */
@Entity
@Table(name = "sequence")
class Sequence extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "publication_id")
    public Long publicationId;

    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "trigger_kind", columnDefinition = "varchar")
    public Trigger trigger;

    /** The tag of a {@code topic} sequence; null for the others. */
    public String topic;

    /** Only subscribers who match this segment when the trigger fires enrol; null: everyone the trigger picks. */
    @Column(name = "segment_id")
    public Long segmentId;

    /** Paused when false: nobody enrols and nobody moves on until it is active again. */
    public boolean active = true;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static List<Sequence> of(long publicationId) {
        return list("publicationId = ?1 and deletedAt is null order by id", publicationId);
    }

    static Optional<Sequence> in(long publicationId, long id) {
        return find("id = ?1 and publicationId = ?2 and deletedAt is null", id, publicationId).firstResultOptional();
    }
}
