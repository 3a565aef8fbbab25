package dev.gazette.mail;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
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
import org.hibernate.Session;

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

    /** One mail to record, and what caused it. */
    public record Item(Mail mail, Origin origin) {
    }

    /**
     * Records one message to each of the mail's recipients (To only; a transactional mail has
     * one) in the current transaction, which must exist. Returns the rows' ids. Header values
     * with a line break are refused with {@code header_injection}, before anything is stored.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> record(Mail mail, Origin origin) {
        return recordAll(List.of(new Item(mail, origin)));
    }

    /**
     * {@link #record} for many mails at once, in two round trips to the database whatever their
     * number: their ids, then their rows in one batch. What a batch of confirmations records.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> recordAll(List<Item> items) {
        int count = items.stream().mapToInt(item -> item.mail().getTo().size()).sum();
        if (count == 0) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = entityManager
                .createNativeQuery("SELECT nextval(pg_get_serial_sequence('mail', 'id')) FROM generate_series(1, ?1)")
                .setParameter(1, count).getResultList();
        List<Row> rows = new ArrayList<>(count);
        Timestamp now = Timestamp.from(clock.instant());
        for (Item item : items) {
            for (String to : item.mail().getTo()) {
                long id = ids.get(rows.size()).longValue();
                String messageId = "<mail." + id + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())
                        + "@" + messageIdHost + ">";
                rows.add(new Row(id, item.origin(), messageId, encoding.encode(item.mail(), to, messageId)));
            }
        }
        // the messages as they will go on the wire, due now
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO mail (id, kind, reference, publication_id, recipient, about, envelope_from, subject,
                                      message_id, raw, next_attempt_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (Row row : rows) {
                    insert.setLong(1, row.id());
                    insert.setString(2, row.origin().kind().name());
                    insert.setString(3, row.origin().reference());
                    insert.setObject(4, row.origin().publicationId(), Types.BIGINT);
                    insert.setString(5, row.encoded().recipient());
                    insert.setString(6, row.origin().about());
                    insert.setString(7, row.encoded().envelopeFrom());
                    insert.setString(8, row.encoded().subject());
                    insert.setString(9, row.messageId());
                    insert.setBytes(10, row.encoded().raw());
                    insert.setTimestamp(11, now);
                    insert.setTimestamp(12, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        recorded.fire(new MailRecorded(rows.get(rows.size() - 1).id()));
        return rows.stream().map(Row::id).toList();
    }

    private record Row(long id, Origin origin, String messageId, MailEncoding.Encoded encoded) {
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
