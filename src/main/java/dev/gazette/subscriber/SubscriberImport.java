package dev.gazette.subscriber;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import dev.gazette.account.Caller;
import dev.gazette.audit.Audit;
import dev.gazette.audit.AuditAction;
import dev.gazette.event.EventType;
import dev.gazette.event.Events;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;
import dev.gazette.sequence.SequenceTriggers;
import dev.gazette.subscriber.SubscriberViews.ImportReport;
import dev.gazette.subscriber.SubscriberViews.LineError;

/**
 * CSV import of any size in one transaction: rows stream from the request into a temporary table
 * with PostgreSQL's COPY, then a few set-based statements suppress the addresses an export marks as
 * gone, deduplicate the rest, leave out suppressed and unsubscribed addresses (those of a deleted
 * publication of the same writer and slug too), update known subscribers and create the new ones with their consent
 * entries. Memory does not grow with the file; a file-level problem (not UTF-8, not CSV, too
 * large) stores nothing.
 */
@ApplicationScoped
class SubscriberImport {

    private static final Logger LOG = Logger.getLogger(SubscriberImport.class);
    private static final int COPY_CHUNK_CHARS = 256 * 1024;

    /** The event a subscriber's leaving is told by, after the status the file gives them. */
    private static final Map<String, EventType> LEFT = Map.of("unsubscribed", EventType.SUBSCRIBER_UNSUBSCRIBED, "bounced",
            EventType.SUBSCRIBER_BOUNCED, "complained", EventType.SUBSCRIBER_COMPLAINED);

    private final Publications publications;
    private final AddressHashes hashes;
    private final SubscriberConfig config;
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final SubscriberMails mails;
    private final Clock clock;
    private final Audit audit;
    private final SequenceTriggers sequences;
    private final Events events;

    SubscriberImport(Publications publications, AddressHashes hashes, SubscriberConfig config, DataSource dataSource,
            ObjectMapper json, SubscriberMails mails, Clock clock, Audit audit, SequenceTriggers sequences, Events events) {
        this.sequences = sequences;
        this.events = events;
        this.audit = audit;
        this.publications = publications;
        this.hashes = hashes;
        this.config = config;
        this.dataSource = dataSource;
        this.json = json;
        this.mails = mails;
        this.clock = clock;
    }

    /**
     * Imports the file into the caller's publication; another writer's is 404 before a byte is read.
     * With {@code doubleOptIn}, new addresses are created pending and each is sent a confirmation
     * email (recorded in this transaction), and known pending ones stay pending. With {@code
     * startSequences}, the subscribers it creates active start the publication's sequences as if they
     * had confirmed; without it, none does (a pending one starts them when it confirms by itself).
     */
    @Transactional
    @TransactionConfiguration(timeout = 3600)
    ImportReport run(Caller caller, String slug, InputStream body, String ip, String note, boolean doubleOptIn,
            boolean startSequences) {
        PublicationRef publication = publications.requireManaged(caller, slug);
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                // this import's rows, gone at commit
                statement.execute("CREATE TEMP TABLE import_row (line BIGINT NOT NULL, email TEXT NOT NULL, "
                        + "email_hash CHAR(64) NOT NULL, name TEXT, tags TEXT[] NOT NULL, attributes JSONB NOT NULL, "
                        + "status TEXT NOT NULL) "
                        + "ON COMMIT DROP");
            }
            Errors errors = new Errors(config.importMaxReportedErrors());
            long started = System.nanoTime();
            long valid = copyRows(connection, body, errors);
            long copied = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                // temporary tables are never analyzed on their own: give the planner the row count
                statement.execute("ANALYZE import_row");
            }
            long suppressed = suppressLeavers(connection, publication.id(), now);
            long updated = updateKnown(connection, publication.id(), now, ip, note, doubleOptIn);
            long[] createdIds = createNew(connection, publication, now, ip, note, doubleOptIn);
            long created = createdIds.length;
            events.emitPerSubscriber(EventType.SUBSCRIBER_CREATED, publication.id(), createdIds);
            if (startSequences && !doubleOptIn) {
                sequences.imported(publication.id(), createdIds);
            }
            LOG.infof("Import into publication %d: %d valid rows (read and copied in %d ms), %d bad lines; %d created, "
                    + "%d updated, %d suppressed (merged in %d ms)", publication.id(), valid, (copied - started) / 1_000_000,
                    errors.count, created, updated, suppressed, (System.nanoTime() - copied) / 1_000_000);
            audit.record(caller, AuditAction.subscribers_imported, publication.id(), publication.slug(), null,
                    created + " created, " + updated + " updated, " + suppressed + " suppressed, " + errors.count
                            + " bad lines");
            return new ImportReport(created, updated, valid - created - updated, errors.reported, errors.count);
        } catch (SQLException e) {
            throw new IllegalStateException("import into publication " + publication.id() + " failed", e);
        }
    }

    private long copyRows(Connection connection, InputStream body, Errors errors) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY import_row (line, email, email_hash, name, tags, attributes, status) FROM STDIN WITH (FORMAT csv)");
        StringWriter buffer = new StringWriter(COPY_CHUNK_CHARS + 4096);
        long[] valid = {0};
        try (CSVPrinter out = new CSVPrinter(buffer, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
            CsvImport.read(body, config.importMaxBytes(), hashes.newMac(), new CsvImport.Sink() {
                @Override
                public void row(CsvImport.Row row) {
                    try {
                        out.printRecord(row.line(), row.email(), row.emailHash(), row.name(), pgArray(row.tags()),
                                json.writeValueAsString(row.attributes()), row.status());
                        valid[0]++;
                        if (buffer.getBuffer().length() >= COPY_CHUNK_CHARS) {
                            flush(copy, buffer);
                        }
                    } catch (IOException | SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void badLine(long line, String code) {
                    errors.add(line, code);
                }
            });
            flush(copy, buffer);
            copy.endCopy();
            return valid[0];
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void flush(CopyIn copy, StringWriter buffer) throws SQLException {
        if (buffer.getBuffer().isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.getBuffer().setLength(0);
    }

    /**
     * The rows of people who left (an export's {@code unsubscribed}, {@code bounced} or {@code
     * complained}): their addresses are suppressed for this publication and a subscriber with one
     * stops being mailed; pending rows (never confirmed) are skipped. Only active rows go on.
     * Returns the addresses newly suppressed.
     */
    private long suppressLeavers(Connection connection, long publicationId, Instant now) throws SQLException {
        Timestamp at = Timestamp.from(now);
        long suppressed;
        // the publication's suppression (naming its writer and slug) of each address that left
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO suppression (publication_id, owner_id, "
                + "publication_slug, email_hash, reason, created_at) SELECT DISTINCT ON (r.email_hash) p.id, p.owner_id, "
                + "p.slug, r.email_hash, "
                + "r.status, ? FROM import_row r JOIN publication p ON p.id = ? "
                + "WHERE r.status IN ('unsubscribed', 'bounced', 'complained') ORDER BY r.email_hash, r.line "
                + "ON CONFLICT DO NOTHING")) {
            s.setTimestamp(1, at);
            s.setLong(2, publicationId);
            suppressed = s.executeUpdate();
        }
        // a subscriber still mailed whose address the file says left: no longer active
        try (PreparedStatement s = connection.prepareStatement("UPDATE subscriber k SET status = r.status, "
                + "unsubscribed_at = CASE WHEN r.status = 'unsubscribed' THEN ? ELSE k.unsubscribed_at END, updated_at = ? "
                + "FROM (SELECT DISTINCT ON (email) email, status FROM import_row "
                + "WHERE status IN ('unsubscribed', 'bounced', 'complained') ORDER BY email, line) r "
                + "WHERE k.publication_id = ? AND k.email = r.email AND k.status IN ('active', 'pending') "
                + "RETURNING k.id, k.status")) {
            s.setTimestamp(1, at);
            s.setTimestamp(2, at);
            s.setLong(3, publicationId);
            Map<String, List<Long>> left = new HashMap<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    left.computeIfAbsent(rows.getString(2), status -> new ArrayList<>()).add(rows.getLong(1));
                }
            }
            // told as the single changes tell it: unsubscribed, bounced or complained
            left.forEach((status, ids) -> events.emitPerSubscriber(LEFT.get(status), publicationId,
                    ids.stream().mapToLong(Long::longValue).toArray()));
        }
        execute(connection, "DELETE FROM import_row WHERE status <> 'active'");
        return suppressed;
    }

    /**
     * Known, still subscribed addresses: merge name, tags and attributes; pending ones become active,
     * unless the import asks for double opt-in (then they wait for their own confirmation).
     */
    private long updateKnown(Connection connection, long publicationId, Instant now, String ip, String note,
            boolean doubleOptIn) throws SQLException {
        // later lines repeating an address add nothing: keep each address's first line only
        long started = System.nanoTime();
        execute(connection, "DELETE FROM import_row r USING import_row f WHERE f.email = r.email AND f.line < r.line");
        LOG.debugf("import: duplicates removed in %d ms", (System.nanoTime() - started) / 1_000_000);
        if (!doubleOptIn) {
            attestPending(connection, publicationId, now, ip, note);
        }
        LOG.debugf("import: pending subscribers attested in %d ms", (System.nanoTime() - started) / 1_000_000);
        // merge into active and pending subscribers, counting only those that change
        String activated = doubleOptIn ? "s.status" : "'active'";
        try (PreparedStatement s = connection.prepareStatement("UPDATE subscriber s SET name = n.name, tags = n.tags, "
                + "attributes = n.attributes, status = " + activated + ", updated_at = ? "
                + "FROM (SELECT k.id, COALESCE(r.name, k.name) AS name, "
                + "ARRAY(SELECT t FROM unnest(k.tags || r.tags) WITH ORDINALITY u(t, i) GROUP BY t ORDER BY min(i)) AS tags, "
                + "k.attributes || r.attributes AS attributes FROM import_row r "
                + "JOIN subscriber k ON k.publication_id = ? AND k.email = r.email "
                + "WHERE k.status IN ('active', 'pending') AND NOT "
                + Suppressions.suppressed("r.email_hash", "k.publication_id") + ") n "
                + "WHERE s.id = n.id AND (" + (doubleOptIn ? "" : "s.status = 'pending' OR ")
                + "s.name IS DISTINCT FROM n.name OR s.tags <> n.tags "
                + "OR s.attributes <> n.attributes)")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setLong(2, publicationId);
            int updated = s.executeUpdate();
            LOG.debugf("import: known subscribers merged in %d ms", (System.nanoTime() - started) / 1_000_000);
            return updated;
        }
    }

    private void attestPending(Connection connection, long publicationId, Instant now, String ip, String note)
            throws SQLException {
        // the writer's attestation for pending subscribers that this import activates
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO consent (subscriber_id, source, method, "
                + "given_at, ip, wording, policy_version, note) SELECT s.id, 'import', 'writer_attested', ?, ?, ?, ?, ? "
                + "FROM import_row r JOIN subscriber s ON s.publication_id = ? AND s.email = r.email "
                + "WHERE s.status = 'pending' AND NOT " + Suppressions.suppressed("r.email_hash", "s.publication_id"))) {
            bindConsent(s, now, ip, note);
            s.setLong(6, publicationId);
            s.executeUpdate();
        }
    }

    /**
     * New addresses that are not suppressed: active subscribers with the writer's attestation or,
     * for double opt-in, pending ones whose consent waits for the confirmation each is mailed.
     */
    private long[] createNew(Connection connection, PublicationRef publication, Instant now, String ip, String note,
            boolean doubleOptIn) throws SQLException {
        // insert the new subscribers in file order with their consent entries in one statement; for double opt-in
        // it returns each one created, with what mails them for double opt-in (their consent entry's id is in the
        // confirmation link)
        try (PreparedStatement s = connection.prepareStatement("WITH created AS (INSERT INTO subscriber "
                + "(publication_id, email, email_hash, name, status, tags, attributes, consent_sources, created_at, "
                + "updated_at) SELECT ?, r.email, r.email_hash, r.name, ?, r.tags, r.attributes, '{import}', ?, ? "
                + "FROM import_row r "
                + "WHERE NOT EXISTS (SELECT 1 FROM subscriber k WHERE k.publication_id = ? AND k.email = r.email) "
                + "AND NOT " + Suppressions.suppressed("r.email_hash", "?") + " ORDER BY r.line "
                + "ON CONFLICT (publication_id, email) DO NOTHING RETURNING id, email, name), "
                + "given AS (INSERT INTO consent (subscriber_id, source, method, given_at, ip, wording, policy_version, note) "
                + "SELECT id, 'import', ?, ?, ?, ?, ?, ? FROM created RETURNING id, subscriber_id) "
                + (doubleOptIn
                        ? "SELECT c.id, c.email, c.name, g.id FROM created c JOIN given g ON g.subscriber_id = c.id ORDER BY c.id"
                        : "SELECT subscriber_id FROM given ORDER BY subscriber_id"))) {
            Timestamp at = Timestamp.from(now);
            s.setLong(1, publication.id());
            s.setString(2, doubleOptIn ? "pending" : "active");
            s.setTimestamp(3, at);
            s.setTimestamp(4, at);
            s.setLong(5, publication.id());
            s.setLong(6, publication.id());
            s.setString(7, doubleOptIn ? "double_opt_in" : "writer_attested");
            s.setTimestamp(8, at);
            s.setString(9, ip);
            s.setString(10, doubleOptIn ? ConsentWording.forForm(publication) : ConsentWording.WRITER_ATTESTED + " (import)");
            s.setString(11, config.policyVersion());
            s.setString(12, note);
            LongStream.Builder created = LongStream.builder();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    created.add(rows.getLong(1));
                    if (doubleOptIn) {
                        mails.sendConfirmation(publication,
                                new SubscriberMails.Recipient(rows.getLong(1), rows.getString(2), rows.getString(3)),
                                rows.getLong(4));
                    }
                }
            }
            return created.build().toArray();
        }
    }

    private void bindConsent(PreparedStatement s, Instant now, String ip, String note) throws SQLException {
        s.setTimestamp(1, Timestamp.from(now));
        s.setString(2, ip);
        s.setString(3, ConsentWording.WRITER_ATTESTED + " (import)");
        s.setString(4, config.policyVersion());
        s.setString(5, note);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    /** A PostgreSQL array literal of tags (which never hold quotes, backslashes or commas). */
    private static String pgArray(List<String> tags) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < tags.size(); i++) {
            literal.append(i == 0 ? "" : ",").append('"').append(tags.get(i)).append('"');
        }
        return literal.append('}').toString();
    }

    /** The bad lines: all counted, the first few listed. */
    private static final class Errors {
        final int max;
        final List<LineError> reported = new ArrayList<>();
        long count;

        Errors(int max) {
            this.max = max;
        }

        void add(long line, String code) {
            count++;
            if (reported.size() < max) {
                reported.add(new LineError(line, code));
            }
        }
    }
}
