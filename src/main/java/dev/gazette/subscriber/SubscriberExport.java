package dev.gazette.subscriber;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

import javax.sql.DataSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import dev.gazette.account.Caller;
import dev.gazette.core.Spreadsheets;
import dev.gazette.publication.PublicationRef;
import dev.gazette.publication.Publications;

/**
 * Streams a publication's subscribers as CSV, read with a database cursor so that memory stays
 * flat. An import reads the export back ({@code email, name, tags, status}; the dates are left out),
 * so an export can be imported elsewhere. Typed text (the address and the name) is guarded against
 * spreadsheet formulas, and an import takes the guard off again.
 */
@ApplicationScoped
class SubscriberExport {

    static final String[] HEADER = {"email", "name", "tags", "status", "created_at", "confirmed_at", "unsubscribed_at"};
    private static final int FETCH_SIZE = 2000;

    private final DataSource dataSource;
    private final Publications publications;

    SubscriberExport(DataSource dataSource, Publications publications) {
        this.dataSource = dataSource;
        this.publications = publications;
    }

    /** The publication to export, checked before the answer starts streaming. */
    PublicationRef requireManaged(Caller caller, String slug) {
        return publications.requireManaged(caller, slug);
    }

    void write(long publicationId, OutputStream output) {
        QuarkusTransaction.requiringNew().timeout(3600).run(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement query = connection.prepareStatement(
                            // every subscriber of the publication, in id order, read through a cursor
                            "SELECT email, name, array_to_string(tags, ';'), status, created_at, confirmed_at, "
                                    + "unsubscribed_at FROM subscriber WHERE publication_id = ? ORDER BY id")) {
                query.setFetchSize(FETCH_SIZE);
                query.setLong(1, publicationId);
                CSVPrinter csv = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8),
                        64 * 1024), CSVFormat.RFC4180.builder().setHeader(HEADER).get());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        csv.printRecord(Spreadsheets.safeCell(rows.getString(1)), Spreadsheets.safeCell(rows.getString(2)),
                                rows.getString(3),
                                rows.getString(4), instant(rows.getTimestamp(5)), instant(rows.getTimestamp(6)),
                                instant(rows.getTimestamp(7)));
                    }
                }
                csv.flush();
            } catch (SQLException e) {
                throw new IllegalStateException("export of publication " + publicationId + " failed", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }

}
