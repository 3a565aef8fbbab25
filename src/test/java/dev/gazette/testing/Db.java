package dev.gazette.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** Plain SQL against the test database, to assert what was (or was not) written. */
public final class Db {

    private Db() {
    }

    public static long count(DataSource dataSource, String sql, Object... args) {
        return query(dataSource, sql, args, r -> {
            r.next();
            return r.getLong(1);
        });
    }

    /** The first column of the first row as text, or null without a row. */
    public static String text(DataSource dataSource, String sql, Object... args) {
        return query(dataSource, sql, args, r -> r.next() ? r.getString(1) : null);
    }

    /** The first column of every row as text. */
    public static List<String> texts(DataSource dataSource, String sql, Object... args) {
        return query(dataSource, sql, args, r -> {
            List<String> texts = new ArrayList<>();
            while (r.next()) {
                texts.add(r.getString(1));
            }
            return texts;
        });
    }

    public static Timestamp timestamp(DataSource dataSource, String sql, Object... args) {
        return query(dataSource, sql, args, r -> {
            r.next();
            return r.getTimestamp(1);
        });
    }

    public static int execute(DataSource dataSource, String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepared(c, sql, args)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <T> T query(DataSource dataSource, String sql, Object[] args, Reader<T> reader) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepared(c, sql, args);
                ResultSet r = s.executeQuery()) {
            return reader.read(r);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepared(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
        return s;
    }
}
