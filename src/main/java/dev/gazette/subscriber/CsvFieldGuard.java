package dev.gazette.subscriber;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;

/**
 * Sits between an import file and the CSV parser, which holds a whole field in memory: a field
 * longer than {@code maxLength} characters reaches the parser cut to that length, and its record
 * is remembered as too long. It follows RFC 4180 quoting as the parser does (a field's quotes
 * toggle "inside quotes", so a doubled quote toggles twice; in a bare field a quote is text), keeps the record's separators, and
 * closes a quoted field it cut so that the parser stays in step. Newlines it drops inside a cut
 * field are counted so that line numbers stay right.
 */
final class CsvFieldGuard extends Reader {

    private final Reader in;
    private final int maxLength;
    /** Record numbers as the parser counts them (the header is 1) whose fields were cut. */
    private final Map<Long, Long> droppedLinesByRecord = new HashMap<>();
    private long record = 1;
    private int fieldLength;
    private int passedQuotes;
    private boolean fieldStarted;
    private boolean quoted;
    private boolean inQuotes;
    private boolean cutting;
    private boolean afterCarriageReturn;
    private char pending;
    private boolean hasPending;

    CsvFieldGuard(Reader in, int maxLength) {
        this.in = new java.io.BufferedReader(in, 8192);
        this.maxLength = maxLength;
    }

    /**
     * For a record the parser handed over (numbered as the parser does, the header being 1): null
     * when no field of it was cut, else the newlines dropped from it. Forgets the record.
     */
    Long cut(long recordNumber) {
        return droppedLinesByRecord.remove(recordNumber);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int written = 0;
        while (written < length) {
            if (hasPending) {
                buffer[offset + written++] = pending;
                hasPending = false;
                continue;
            }
            if (written > 0 && !in.ready()) {
                return written;
            }
            int c = in.read();
            if (c < 0) {
                if (cutting && passedQuotes % 2 == 1) {
                    cutting = false;
                    buffer[offset + written++] = '"'; // close the cut field before the end
                    continue;
                }
                return written == 0 ? -1 : written;
            }
            char ch = (char) c;
            boolean separator = !inQuotes && (ch == ',' || ch == '\n' || ch == '\r');
            if (separator) {
                if (cutting && passedQuotes % 2 == 1) {
                    buffer[offset + written++] = '"';
                    pending = ch;
                    hasPending = true;
                } else {
                    buffer[offset + written++] = ch;
                }
                cutting = false;
                fieldStarted = false;
                quoted = false;
                fieldLength = 0;
                passedQuotes = 0;
                if (ch == '\n' && !afterCarriageReturn || ch == '\r') {
                    record++;
                }
                afterCarriageReturn = ch == '\r';
                continue;
            }
            afterCarriageReturn = false;
            // a field's length is what the parser keeps: not its enclosing quotes, one of a doubled quote
            boolean counts = true;
            if (ch == '"' && !fieldStarted) {
                quoted = true; // only a field's first quote opens it; in a bare field a quote is text
                inQuotes = true;
                counts = false;
            } else if (ch == '"' && quoted) {
                counts = !inQuotes;
                inQuotes = !inQuotes;
            }
            fieldStarted = true;
            if (cutting || counts && fieldLength >= maxLength) {
                if (!cutting) {
                    cutting = true;
                    droppedLinesByRecord.putIfAbsent(record, 0L);
                }
                if (ch == '\n') {
                    droppedLinesByRecord.merge(record, 1L, Long::sum);
                }
                continue;
            }
            if (ch == '"') {
                passedQuotes++;
            }
            if (counts) {
                fieldLength++;
            }
            buffer[offset + written++] = ch;
        }
        return written;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
