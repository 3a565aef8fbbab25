package dev.gazette.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Where a string (an address, its local part) is still to be found: every column of every table of
 * the database, whatever the feature that made it, and the log lines at INFO and above.
 */
public final class Traces {

    private Traces() {
    }

    /** {@code table.column} of every column, of any type, of every table holding this string (any case). */
    public static List<String> columnsMentioning(DataSource db, String needle) {
        List<String> found = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            // every column of every table of the application's schema
            try (PreparedStatement s = c
                    .prepareStatement("SELECT c.table_name, c.column_name FROM information_schema.columns c "
                            + "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
                            + "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    columns.add(new String[]{r.getString(1), r.getString(2)});
                }
            }
            if (columns.size() < 50) {
                throw new AssertionError("the schema looks empty: " + columns.size() + " columns");
            }
            for (String[] column : columns) {
                String sql = "SELECT count(*) FROM \"" + column[0] + "\" WHERE strpos(lower(\"" + column[1]
                        + "\"::text), lower(?)) > 0";
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, needle);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        if (r.getLong(1) > 0) {
                            found.add(column[0] + "." + column[1]);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** The log lines at INFO and above from now until {@link Log#close}, exceptions included. */
    public static Log captureLog() {
        Log log = new Log();
        Logger.getLogger("").addHandler(log);
        return log;
    }

    /** Captured log lines. */
    public static final class Log extends Handler implements AutoCloseable {
        private final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() < Level.INFO.intValue()) {
                return;
            }
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            StringBuilder line = new StringBuilder(record.getLevel() + " " + record.getLoggerName() + " " + message);
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            lines.add(line.toString());
        }

        /** The lines holding this string, any case. */
        public List<String> mentioning(String needle) {
            String lower = needle.toLowerCase(Locale.ROOT);
            return lines.stream().filter(l -> l.toLowerCase(Locale.ROOT).contains(lower)).toList();
        }

        public int size() {
            return lines.size();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }
    }
}
