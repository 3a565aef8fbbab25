package dev.gazette.stats;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Runs the stats queries: plain SQL over the rollup tables, each row mapped by the caller. */
@ApplicationScoped
class StatsSql {

    /** Maps the current row of a result. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet r) throws SQLException;
    }

    private final DataSource dataSource;

    StatsSql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> List<T> list(String sql, Row<T> row, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(row.map(r));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("stats query failed", e);
        }
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        List<T> rows = list(sql, row, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static BigDecimal money(ResultSet r, String column) throws SQLException {
        BigDecimal value = r.getBigDecimal(column);
        return value == null ? BigDecimal.ZERO : value;
    }

    /** A share of a whole, 0 when there is no whole. */
    static double rate(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
