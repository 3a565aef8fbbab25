package dev.gazette.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one way to send a mail that is not an issue: {@link #record} writes the whole message, with
 * its Message-ID, into the {@code mail} table inside the caller's transaction. If the change that
 * causes the mail rolls back, so does the mail; once it commits, the delivery engine's
 * transactional lane sends the stored message and retries it until the relay takes it.
 */
@ApplicationScoped
public class TransactionalMail {

    private final EntityManager entityManager;
    private final MailEncoding encoding;
    private final Event<MailRecorded> recorded;
    private final Clock clock;
    private final String messageIdHost;

    TransactionalMail(EntityManager entityManager, MailEncoding encoding, Event<MailRecorded> recorded, Clock clock,
            @ConfigProperty(name = "quarkus.mailer.own-host-name", defaultValue = "gazette.localhost") String host) {
        this.entityManager = entityManager;
        this.encoding = encoding;
        this.recorded = recorded;
        this.clock = clock;
        this.messageIdHost = host;
    }

    /**
     * What caused a mail: its kind, a reference to the thing it is about ({@code subscriber:12}),
     * the publication it belongs to, and the reader a writer's notice quotes (erased with them).
     */
    public record Origin(MailKind kind, String reference, Long publicationId, String about) {

        public static Origin of(MailKind kind, String reference) {
            return new Origin(kind, reference, null, null);
        }

        public Origin publication(long id) {
            return new Origin(kind, reference, id, about);
        }

        public Origin about(String email) {
            return new Origin(kind, reference, publicationId, email);
        }
    }

    /**
     * Records one message to each of the mail's recipients (To only; a transactional mail has
     * one) in the current transaction, which must exist. Returns the rows' ids. Header values
     * with a line break are refused with {@code header_injection}, before anything is stored.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> record(Mail mail, Origin origin) {
        return mail.getTo().stream().map(to -> recordOne(mail, to, origin)).toList();
    }

    private long recordOne(Mail mail, String to, Origin origin) {
        long id = ((Number) entityManager.createNativeQuery("SELECT nextval(pg_get_serial_sequence('mail', 'id'))")
                .getSingleResult()).longValue();
        String messageId = "<mail." + id + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "@"
                + messageIdHost + ">";
        MailEncoding.Encoded encoded = encoding.encode(mail, to, messageId);
        Instant now = clock.instant();
        // the message as it will go on the wire, due now
        entityManager.createNativeQuery("""
                INSERT INTO mail (id, kind, reference, publication_id, recipient, about, envelope_from, subject,
                                  message_id, raw, next_attempt_at, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)""")
                .setParameter(1, id).setParameter(2, origin.kind().name()).setParameter(3, origin.reference())
                .setParameter(4, origin.publicationId()).setParameter(5, encoded.recipient())
                .setParameter(6, origin.about()).setParameter(7, encoded.envelopeFrom())
                .setParameter(8, encoded.subject()).setParameter(9, messageId).setParameter(10, encoded.raw())
                .setParameter(11, Timestamp.from(now)).executeUpdate();
        recorded.fire(new MailRecorded(id));
        return id;
    }

    /**
     * A reader erased their data from a publication: their mail of that publication, and the
     * writer's notices about them, go (sent or not: nothing is sent to or about them any more).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forget(long publicationId, String email) {
        // every row to or about the address in this publication
        return entityManager.createNativeQuery("""
                DELETE FROM mail WHERE publication_id = ?1 AND (lower(recipient) = lower(?2) OR lower(about) = lower(?2))""")
                .setParameter(1, publicationId).setParameter(2, email).executeUpdate();
    }

    /**
     * The writer's notices of these things ({@code comment:7}, {@code tip:3}) in a publication go:
     * a reader erased, what the notices quoted of them goes too, even where they carry no address.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forgetNotices(long publicationId, Collection<String> references) {
        if (references.isEmpty()) {
            return 0;
        }
        // the notices of those things in this publication
        return entityManager.createNativeQuery("DELETE FROM mail WHERE publication_id = ?1 AND kind = ?2 "
                + "AND reference = ANY(?3)").setParameter(1, publicationId).setParameter(2, MailKind.writer_notice.name())
                .setParameter(3, references.toArray(String[]::new)).executeUpdate();
    }

    /** The mail with the HTML and text bodies of a mail template ({@code .html} and {@code .txt} siblings). */
    public static Mail rendered(Mail mail, MailTemplateInstance template) {
        TemplateInstance instance = template.templateInstance();
        @SuppressWarnings("unchecked")
        List<Variant> variants = (List<Variant>) instance.getAttribute(TemplateInstance.VARIANTS);
        for (Variant variant : variants == null ? List.<Variant>of() : variants) {
            if (Variant.TEXT_HTML.equals(variant.getContentType())) {
                mail.setHtml(instance.setAttribute(TemplateInstance.SELECTED_VARIANT, variant).render());
            } else if (Variant.TEXT_PLAIN.equals(variant.getContentType())) {
                mail.setText(instance.setAttribute(TemplateInstance.SELECTED_VARIANT, variant).render());
            }
        }
        if (mail.getHtml() == null && mail.getText() == null) {
            throw new IllegalStateException("the mail template has neither an .html nor a .txt variant");
        }
        return mail;
    }
}
