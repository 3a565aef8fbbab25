package dev.gazette.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;

/**
 * Recomputes every rollup from the raw rows in one transaction (the database function
 * {@code stats_rebuild()}): the repair for rollups that drifted, and the proof that they did not.
 * Writes only the stats tables; writers of raw rows wait for it.
 */
@ApplicationScoped
public class StatsRebuild {

    private static final Logger LOG = Logger.getLogger(StatsRebuild.class);

    public record Result(long millis) {
    }

    private final DataSource dataSource;

    StatsRebuild(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Rebuilds the rollups; admins only. */
    public Result run(Caller caller) {
        if (!caller.isAdmin()) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "admin_only", "Only admins rebuild the stats");
        }
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("SELECT stats_rebuild()"); // every rollup from raw rows, under a lock on the rollups
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("stats rebuild failed", e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.infof("Stats rollups rebuilt from raw rows in %d ms", millis);
        return new Result(millis);
    }
}
