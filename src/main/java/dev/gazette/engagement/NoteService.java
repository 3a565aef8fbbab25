package dev.gazette.engagement;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;
import dev.gazette.core.EmailAddresses;
import dev.gazette.core.SignedTokens;
import dev.gazette.engagement.EngagementViews.NoteView;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * Private notes from a reader to the writer: pending until the reader confirms by email (so that
 * nobody can send them in another's name or flood a writer), then shown to the writer only.
 */
@ApplicationScoped
class NoteService {

    static final String CONFIRM = "note-confirm";

    private final ReaderLinks links;
    private final Publications publications;
    private final SignedTokens tokens;
    private final EngagementMails mails;
    private final EngagementConfig config;
    private final EntityManager entityManager;
    private final Clock clock;

    NoteService(ReaderLinks links, Publications publications, SignedTokens tokens, EngagementMails mails,
            EngagementConfig config, EntityManager entityManager, Clock clock) {
        this.links = links;
        this.publications = publications;
        this.tokens = tokens;
        this.mails = mails;
        this.config = config;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    PublicationRef write(String slug, String email, String message) {
        PublicationRef publication = links.publication(slug);
        String address = EmailAddresses.normalize(email).orElseThrow(() -> DomainException.invalidField("email",
                "invalid_email", "must be a valid email address"));
        String text = message == null ? "" : message.strip();
        if (text.isEmpty()) {
            throw CommentService.invalid("note_empty", "message", "required", "A note needs some text");
        }
        if (text.length() > 5000) {
            throw CommentService.invalid("note_too_long", "message", "invalid_length",
                    "A note may have at most 5,000 characters");
        }
        long id = ((Number) entityManager.createNativeQuery("""
                INSERT INTO reader_note (publication_id, email, message, status, created_at)
                VALUES (?1, ?2, ?3, 'pending', ?4) RETURNING id""")
                .setParameter(1, publication.id()).setParameter(2, address).setParameter(3, text)
                .setParameter(4, Timestamp.from(clock.instant())).getSingleResult()).longValue();
        mails.confirmNote(publication, id, address, links.url("/notes/confirm/"
                + tokens.sign(CONFIRM, Long.toString(id), clock.instant().plus(config.confirmTtl()))));
        return publication;
    }

    /** Delivers a note from its confirmation link; a second click changes nothing. */
    @Transactional
    PublicationRef confirm(String token) {
        long id = tokens.verifyId(CONFIRM, token).orElseThrow(NoteService::invalidLink);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                UPDATE reader_note SET status = 'confirmed', confirmed_at = ?1 WHERE id = ?2 AND status = 'pending'
                RETURNING publication_id, email, message""")
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, id).getResultList();
        long publicationId = rows.isEmpty() ? publicationOf(id) : ((Number) rows.get(0)[0]).longValue();
        PublicationRef publication = links.publicationById(publicationId).orElseThrow(NoteService::invalidLink);
        if (!rows.isEmpty()) {
            boolean ko = "ko".equals(publication.locale());
            mails.tellWriter(publication, ko ? "독자가 노트를 보냈어요" : "A reader sent you a note",
                    rows.get(0)[1] + (ko ? "님의 노트:\n\n" : " wrote:\n\n") + rows.get(0)[2] + "\n", "note:" + id,
                    (String) rows.get(0)[1]);
        }
        return publication;
    }

    /** The publication a note link belongs to, for the confirmation page. */
    @Transactional
    PublicationRef publicationOfLink(String token) {
        long id = tokens.verifyId(CONFIRM, token).orElseThrow(NoteService::invalidLink);
        return links.publicationById(publicationOf(id)).orElseThrow(NoteService::invalidLink);
    }

    /** Confirmed notes, newest first, for the writer. */
    @Transactional
    List<NoteView> list(Caller caller, String slug) {
        return inbox(caller, slug, false, null, Integer.MAX_VALUE);
    }

    /**
     * A page of the writer's inbox, newest first: notes older than {@code before} (a note id; null:
     * the newest), only the unread ones if asked.
     */
    @Transactional
    List<NoteView> inbox(Caller caller, String slug, boolean unreadOnly, Long before, int count) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        // A page of the publication's confirmed notes, newest first, by id (keyset).
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT id, email, message, created_at, confirmed_at, read_at FROM reader_note
                WHERE publication_id = ?1 AND status = 'confirmed' AND id < ?2 AND (?3 = false OR read_at IS NULL)
                ORDER BY id DESC LIMIT ?4""")
                .setParameter(1, publication.id()).setParameter(2, before == null ? Long.MAX_VALUE : before)
                .setParameter(3, unreadOnly).setParameter(4, count).getResultList();
        return rows.stream().map(r -> new NoteView(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                SqlValues.instant(r[3]), SqlValues.instant(r[4]), SqlValues.instant(r[5]))).toList();
    }

    /** How many confirmed notes the writer has not read. */
    @Transactional
    long unread(Caller caller, String slug) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        return ((Number) entityManager.createNativeQuery("""
                SELECT count(*) FROM reader_note WHERE publication_id = ?1 AND status = 'confirmed' AND read_at IS NULL""")
                .setParameter(1, publication.id()).getSingleResult()).longValue();
    }

    /** Marks a note read or unread; 404 {@code note_not_found} for a note not in this writer's inbox. */
    @Transactional
    NoteView mark(Caller caller, String slug, long id, boolean read) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        // Marks one confirmed note of the publication read (now) or unread.
        int changed = entityManager.createNativeQuery("""
                UPDATE reader_note SET read_at = CASE WHEN ?1 THEN coalesce(read_at, ?2) END
                WHERE id = ?3 AND publication_id = ?4 AND status = 'confirmed'""")
                .setParameter(1, read).setParameter(2, Timestamp.from(clock.instant())).setParameter(3, id)
                .setParameter(4, publication.id()).executeUpdate();
        if (changed == 0) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "note_not_found", "No such note");
        }
        return inbox(caller, slug, false, id + 1, 1).get(0);
    }

    private long publicationOf(long id) {
        List<?> rows = entityManager.createNativeQuery("SELECT publication_id FROM reader_note WHERE id = ?1")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw invalidLink();
        }
        return ((Number) rows.get(0)).longValue();
    }

    private static DomainException invalidLink() {
        return new DomainException(DomainException.Kind.NOT_FOUND, "link_invalid", "This link is not valid or has expired");
    }
}
