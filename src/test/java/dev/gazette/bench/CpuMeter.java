package dev.gazette.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The processor time the application and its database spend on a phase of a benchmark: a figure
 * that holds on a busy machine too, where the wall clock measures the neighbours. The database's
 * time is its postmaster's and every backend's (a backend that exits during the phase is missed,
 * so keep the pool's connections open).
 */
final class CpuMeter {

    private final ProcessHandle app;
    private final ProcessHandle postmaster;
    private Duration appStart;
    private Duration databaseStart;

    private CpuMeter(ProcessHandle app, ProcessHandle postmaster) {
        this.app = app;
        this.postmaster = postmaster;
    }

    /** Measures from now the application {@code appPid} and the PostgreSQL server {@code db} is connected to. */
    static CpuMeter start(long appPid, Connection db) throws Exception {
        long backend;
        try (Statement st = db.createStatement(); ResultSet r = st.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            backend = r.getLong(1);
        }
        ProcessHandle postmaster = ProcessHandle.of(backend).flatMap(ProcessHandle::parent).orElseThrow();
        CpuMeter meter = new CpuMeter(ProcessHandle.of(appPid).orElseThrow(), postmaster);
        meter.appStart = cpu(meter.app);
        meter.databaseStart = meter.database();
        return meter;
    }

    /** Prints the time spent since the start, per unit of work, and the rate the machine's cores would allow. */
    void print(String unit, long units) {
        double app = (cpu(this.app).minus(appStart).toNanos()) / 1e6 / units;
        double database = (database().minus(databaseStart).toNanos()) / 1e6 / units;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("  processor time per %s: application %.2f ms, database %.2f ms; %d cores allow at most %,.0f/s%n",
                unit, app, database, cores, cores * 1000 / (app + database));
    }

    private Duration database() {
        return Stream.concat(Stream.of(postmaster), postmaster.descendants()).map(CpuMeter::cpu).reduce(Duration.ZERO,
                Duration::plus);
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
