package dev.gazette.stats;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.ws.rs.core.Response;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import dev.gazette.core.Spreadsheets;

/** Stats as CSV downloads: small tables, one line per issue, day or publication. */
final class CsvFiles {

    private CsvFiles() {
    }

    static Response of(String filename, List<String> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get().print(out)) {
            for (List<Object> row : rows) {
                printer.printRecord(row.stream().map(CsvFiles::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(out.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    /** A title a writer typed must not run as a formula when the file is opened in a spreadsheet. */
    private static Object cell(Object value) {
        if (value instanceof String text) {
            return Spreadsheets.safeCell(text);
        }
        return value == null ? "" : value;
    }
}
