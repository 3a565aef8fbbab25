package dev.gazette.segment;

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
import org.hibernate.annotations.ColumnTransformer;

/** A writer's segment: a name and a filter over the publication's subscribers. */
@Entity
@Table(name = "segment")
class Segment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "publication_id")
    public Long publicationId;

    public String name;

    /** The filter as {@link FilterParser#json} writes it; text here, jsonb in the database. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String filter;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static List<Segment> of(long publicationId) {
        return list("publicationId = ?1 and deletedAt is null order by id", publicationId);
    }

    static Optional<Segment> in(long publicationId, long id) {
        return find("id = ?1 and publicationId = ?2 and deletedAt is null", id, publicationId).firstResultOptional();
    }
}
