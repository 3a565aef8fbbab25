package dev.gazette.subscriber;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;
import dev.gazette.core.EmailAddresses;
import dev.gazette.core.HeaderValues;
import dev.gazette.core.Spreadsheets;

/**
 * Reads an import file row by row (never the whole file): strict UTF-8, a header row naming
 * {@code email} and optionally {@code name}, {@code tags} and {@code status}; the other columns of
 * Gazette's own export are left out, and any other column becomes an attribute. Each row comes out either valid, in normal form, or as a bad line with a code.
 * Line numbers count the file's lines from 1, the header being line 1.
 */
final class CsvImport {

    static final int MAX_ATTRIBUTE_COLUMNS = 50;
    static final int MAX_ATTRIBUTE_LENGTH = 1000;
    /** The longest field read: a longer one makes its line bad ({@code field_too_long}) and is never held whole. */
    static final int MAX_FIELD_LENGTH = 10_000;
    /** The statuses an import row may carry: every subscriber status. */
    static final Set<String> STATUSES = Set.of("active", "pending", "unsubscribed", "bounced", "complained");

    /**
     * A valid row, ready for the database. {@code status} is the export's: {@code active} (also
     * when the file has none), {@code pending}, or one that suppresses the address ({@code
     * unsubscribed}, {@code bounced}, {@code complained}).
     */
    record Row(long line, String email, String emailHash, String name, List<String> tags, Map<String, String> attributes,
            String status) {
    }

    /** The columns of Gazette's own export that are no attributes (see SubscriberExport). */
    private static final Set<String> EXPORT_ONLY = Set.of("created_at", "confirmed_at", "unsubscribed_at");

    /** What the reader found, beside the rows it handed over. */
    interface Sink {
        void row(Row row);

        void badLine(long line, String code);
    }

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private CsvImport() {
    }

    /** Reads every row of the file into the sink; a file-level problem stops it with a DomainException. */
    static void read(InputStream body, long maxBytes, Mac hasher, Sink sink) {
        CsvFieldGuard reader = new CsvFieldGuard(new InputStreamReader(new LimitedInputStream(body, maxBytes),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)),
                MAX_FIELD_LENGTH);
        long lastLineEnd = 0;
        try (CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                throw fileProblem("csv_missing_header", "The file is empty: it needs a header row with 'email'");
            }
            CSVRecord header = records.next();
            Columns columns = Columns.of(header);
            // newlines the guard dropped from cut fields, which the parser never saw
            long dropped = Objects.requireNonNullElse(reader.cut(header.getRecordNumber()), 0L);
            lastLineEnd = parser.getCurrentLineNumber() + dropped;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                long line = lastLineEnd + 1;
                Long cut = reader.cut(record.getRecordNumber());
                dropped += cut == null ? 0 : cut;
                lastLineEnd = parser.getCurrentLineNumber() + dropped;
                if (cut != null) {
                    sink.badLine(line, "field_too_long");
                    continue;
                }
                if (isBlank(record)) {
                    continue;
                }
                readRow(record, line, columns, hasher, sink);
            }
        } catch (UncheckedIOException e) {
            throw translate(e.getCause(), lastLineEnd + 1);
        } catch (IOException e) {
            throw translate(e, lastLineEnd + 1);
        }
    }

    private static void readRow(CSVRecord record, long line, Columns columns, Mac hasher, Sink sink) {
        String rawEmail = Spreadsheets.unguarded(columns.value(record, columns.email));
        if (rawEmail == null || rawEmail.isBlank()) {
            sink.badLine(line, "missing_email");
            return;
        }
        Optional<String> email = EmailAddresses.normalize(rawEmail);
        if (email.isEmpty()) {
            sink.badLine(line, "invalid_email");
            return;
        }
        String name = Spreadsheets.unguarded(columns.value(record, columns.name));
        if (name != null) {
            name = name.strip();
            if (name.isEmpty()) {
                name = null;
            } else if (name.length() > SubscriberRequests.NAME_MAX || HeaderValues.hasLineBreak(name)
                    || !Encoding.isCleanText(name)) {
                sink.badLine(line, "invalid_name");
                return;
            }
        }
        List<String> tags = new ArrayList<>();
        String rawTags = columns.value(record, columns.tags);
        if (rawTags != null) {
            for (String tag : rawTags.split("[;,]")) {
                if (tag.isBlank()) {
                    continue;
                }
                Optional<String> normal = Tags.normalize(tag);
                if (normal.isEmpty()) {
                    sink.badLine(line, "invalid_tag");
                    return;
                }
                if (!tags.contains(normal.get())) {
                    tags.add(normal.get());
                }
            }
            if (tags.size() > Tags.MAX_PER_SUBSCRIBER) {
                sink.badLine(line, "too_many_tags");
                return;
            }
        }
        String rawStatus = columns.value(record, columns.status);
        String status = rawStatus == null || rawStatus.isBlank() ? "active" : rawStatus.strip().toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            sink.badLine(line, "invalid_status");
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> attribute : columns.attributes.entrySet()) {
            String value = columns.value(record, attribute.getValue());
            if (value == null || value.isBlank()) {
                continue;
            }
            if (value.length() > MAX_ATTRIBUTE_LENGTH || !Encoding.isCleanText(value.replace('\n', ' ').replace('\r', ' '))) {
                sink.badLine(line, "invalid_attribute");
                return;
            }
            attributes.put(attribute.getKey(), value);
        }
        sink.row(new Row(line, email.get(), AddressHashes.hash(hasher, email.get()), name, tags, attributes, status));
    }

    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Where the known columns are; -1 when absent. */
    private record Columns(int email, int name, int tags, int status, Map<String, Integer> attributes) {

        static Columns of(CSVRecord header) {
            int email = -1;
            int name = -1;
            int tags = -1;
            int status = -1;
            Map<String, Integer> attributes = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String column = header.get(i).replace("\uFEFF", "").strip();
                if (!Encoding.isCleanText(column)) {
                    throw Encoding.invalid("header");
                }
                switch (column.toLowerCase(Locale.ROOT)) {
                    case "email" -> email = email < 0 ? i : email;
                    case "name" -> name = name < 0 ? i : name;
                    case "tags" -> tags = tags < 0 ? i : tags;
                    case "status" -> status = status < 0 ? i : status;
                    default -> {
                        if (!column.isEmpty() && !EXPORT_ONLY.contains(column.toLowerCase(Locale.ROOT)) && column.length() <= 64
                                && !attributes.containsKey(column)) {
                            attributes.put(column, i);
                        }
                    }
                }
            }
            if (email < 0) {
                throw fileProblem("csv_missing_email_column", "The header row (line 1) must name an 'email' column");
            }
            if (attributes.size() > MAX_ATTRIBUTE_COLUMNS) {
                throw fileProblem("csv_too_many_columns", "At most " + MAX_ATTRIBUTE_COLUMNS + " attribute columns");
            }
            return new Columns(email, name, tags, status, attributes);
        }

        String value(CSVRecord record, int index) {
            return index >= 0 && index < record.size() ? record.get(index) : null;
        }
    }

    private static DomainException translate(Throwable cause, long line) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof DomainException domain) {
                throw domain;
            }
            if (t instanceof CharacterCodingException) {
                return fileProblem("invalid_encoding", "The file is not valid UTF-8 (near line " + line + ")");
            }
        }
        return fileProblem("malformed_csv", "The file is not valid CSV (near line " + line + ")");
    }

    static DomainException fileProblem(String code, String detail) {
        return new DomainException(Kind.INVALID, code, detail);
    }

    /** Stops reading past the import's size limit with 413 {@code import_too_large}. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private final long max;
        private long read;

        LimitedInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            read += n;
            if (read > max) {
                throw tooLarge(max);
            }
        }
    }

    static DomainException tooLarge(long max) {
        return new DomainException(Kind.TOO_LARGE, "import_too_large",
                "An import file may have at most " + max + " bytes");
    }
}
