package dev.gazette.publication;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;

/**
 * How other features reach publications: always through the same visibility rule as the
 * publication API (a writer their own, an admin every one; anything else is 404).
 */
@ApplicationScoped
public class Publications {

    /** The publication the caller may manage, or 404 {@code publication_not_found}. */
    @Transactional
    public PublicationRef requireManaged(Caller caller, String slug) {
        return Publication.visibleTo(caller, slug).map(PublicationRef::of).orElseThrow(Publication::notFound);
    }

    /** The publications the caller may manage: a writer's own, every one for an admin. */
    @Transactional
    public List<PublicationRef> managedBy(Caller caller) {
        return Publication.managedBy(caller).stream().map(PublicationRef::of).toList();
    }

    /** A publication shown to the public: active ones only. */
    @Transactional
    public Optional<PublicationRef> findPublic(String slug) {
        return Publication.<Publication>find("slug = ?1 and status = ?2", slug, Publication.Status.active)
                .firstResultOptional().map(PublicationRef::of);
    }

    @Transactional
    public Optional<PublicationRef> findById(long id) {
        return Publication.<Publication>findByIdOptional(id).map(PublicationRef::of);
    }

    /** Every active publication but one, for "other newsletters" lists. */
    @Transactional
    public List<PublicationRef> othersThan(long id, int limit) {
        return Publication.<Publication>find("id <> ?1 and status = ?2 order by createdAt desc", id,
                Publication.Status.active).page(0, limit).list().stream().map(PublicationRef::of).toList();
    }
}
