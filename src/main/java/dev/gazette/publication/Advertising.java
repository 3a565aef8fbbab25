package dev.gazette.publication;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.core.DomainException;

/**
 * Advertising mail under Korean law (정보통신망법 제50조): whether a publication sends advertising,
 * with every issue or with the issues marked so, and the sender's contact that such mail carries.
 * Its subject starts with exactly "(광고)" ({@link #subject}), its footer names the sender and the
 * contact, and its subscribers hear of their consent when they give or withdraw it and every two
 * years (the subscriber feature).
 */
@ApplicationScoped
public class Advertising {

    /** The one spelling the law accepts, at the very start of the subject. */
    public static final String MARK = "(광고)";

    /** Marks the writer typed themselves, in any of the spellings people use: replaced by {@link #MARK}. */
    private static final Pattern TYPED_MARKS = Pattern.compile("^(\\s*[\\[(（【<〈]\\s*광\\s*고\\s*[\\])）】>〉])*\\s*");

    /** A publication's advertising: every issue, or only those marked; and the contact to show. */
    public record Advertiser(boolean everyIssue, String contact, Instant updatedAt) {
    }

    private final EntityManager entityManager;
    private final Audit audit;
    private final Clock clock;

    Advertising(EntityManager entityManager, Audit audit, Clock clock) {
        this.entityManager = entityManager;
        this.audit = audit;
        this.clock = clock;
    }

    /** The subject of an advertising mail: {@code (광고) } and the title, without a mark the writer typed. */
    public static String subject(String title) {
        return MARK + " " + TYPED_MARKS.matcher(title).replaceFirst("").strip();
    }

    /** The publication's advertising settings, if its writer said it sends advertising. */
    @Transactional
    public Optional<Advertiser> of(long publicationId) {
        List<?> rows = entityManager.createNativeQuery(
                "SELECT every_issue, contact, updated_at FROM publication_advertising WHERE publication_id = ?1")
                .setParameter(1, publicationId).getResultList();
        return rows.stream().findFirst().map(r -> {
            Object[] row = (Object[]) r;
            return new Advertiser((Boolean) row[0], (String) row[1], (Instant) row[2]);
        });
    }

    /**
     * Refuses to mark an issue as advertising (400, field code {@code advertiser_contact_required}) while its
     * publication names no contact to show in it.
     */
    public void requireContact(long publicationId) {
        if (of(publicationId).isEmpty()) {
            throw DomainException.invalidField("advertising", "advertiser_contact_required",
                    "set the publication's advertising contact first (PUT .../advertising)");
        }
    }

    @Transactional
    Optional<Advertiser> get(Caller caller, String slug) {
        return of(visible(caller, slug).id);
    }

    /**
     * Sets or clears (contact null or blank) a publication's advertising. Clearing it is refused
     * while one of its issues not yet sent is marked as advertising (400, field code {@code advertising_in_use}).
     */
    @Transactional
    Optional<Advertiser> update(Caller caller, String slug, boolean everyIssue, String contact) {
        Publication p = visible(caller, slug);
        Instant now = clock.instant();
        if (contact == null || contact.isBlank()) {
            if (everyIssue) {
                throw DomainException.invalidField("contact", "advertiser_contact_required",
                        "an advertising publication must name the sender's contact");
            }
            Number marked = (Number) entityManager.createNativeQuery("SELECT count(*) FROM issue WHERE publication_id = ?1 "
                    + "AND advertising AND status NOT IN ('sent', 'sending')").setParameter(1, p.id).getSingleResult();
            if (marked.longValue() > 0) {
                throw DomainException.invalidField("contact", "advertising_in_use",
                        "an issue not yet sent is marked as advertising: unmark it first");
            }
            entityManager.createNativeQuery("DELETE FROM publication_advertising WHERE publication_id = ?1")
                    .setParameter(1, p.id).executeUpdate();
        } else {
            entityManager
                    .createNativeQuery(
                            """
                                    INSERT INTO publication_advertising (publication_id, every_issue, contact, updated_at) VALUES (?1, ?2, ?3, ?4)
                                    ON CONFLICT (publication_id) DO UPDATE SET every_issue = EXCLUDED.every_issue, contact = EXCLUDED.contact,
                                        updated_at = EXCLUDED.updated_at""")
                    .setParameter(1, p.id).setParameter(2, everyIssue).setParameter(3, contact.strip())
                    .setParameter(4, now).executeUpdate();
        }
        audit.record(caller, AuditAction.publication_updated, p.id, p.slug, null, "advertising");
        return of(p.id);
    }

    /** How the two-yearly consent reminders of a publication went. */
    public record Reminders(long sent, long kept, long left) {
    }

    @Transactional
    Reminders reminders(long publicationId) {
        // "left": unsubscribed after a reminder, by its link or otherwise
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                SELECT count(*), count(r.kept_at),
                       count(*) FILTER (WHERE s.status = 'unsubscribed' AND s.unsubscribed_at >= r.sent_at)
                  FROM consent_reminder r JOIN subscriber s ON s.id = r.subscriber_id WHERE r.publication_id = ?1""")
                .setParameter(1, publicationId).getSingleResult();
        return new Reminders(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    private static Publication visible(Caller caller, String slug) {
        return Publication.visibleTo(caller, slug).orElseThrow(Publication::notFound);
    }
}
