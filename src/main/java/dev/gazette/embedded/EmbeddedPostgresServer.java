package dev.gazette.embedded;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

/**
 * The persistent embedded PostgreSQL behind the default run. Durable like a real server (fsync and
 * synchronous commit on), kept under a git-ignored data folder, and able to take over a data folder
 * whose previous owner was killed with {@code kill -9}.
 */
final class EmbeddedPostgresServer {

    static final String USER = "postgres";
    /** JVM-wide, so that a dev-mode reload (a new class loader) reuses the running server. */
    private static final String URL_PROPERTY = "embedded.gazette.postgres.url";
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);

    private EmbeddedPostgresServer() {
    }

    static synchronized String startOrReuse(String dataDir) {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null) {
            return running;
        }
        Path dir = Path.of(dataDir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            stopOrphanedPostmaster(dir);
            long started = System.nanoTime();
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolveSibling("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolveSibling("postgres.log").toFile()))
                    .start();
            String url = server.getJdbcUrl(USER, "postgres");
            LOG.infof("Embedded PostgreSQL ready in %d ms, data in %s (set QUARKUS_DATASOURCE_JDBC_URL to use your own)",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dir);
            System.setProperty(URL_PROPERTY, url);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start in " + dir
                    + " (see " + dir.resolveSibling("postgres.log") + ")", e);
        }
    }

    /**
     * After {@code kill -9} of the JVM, the postmaster it started lives on (it daemonizes) while
     * zonky's lock file is free again. Stop that orphan, or the new server cannot start.
     */
    private static void stopOrphanedPostmaster(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile) || !lockIsFree(dir.resolve("epg-lock").toFile())) {
            return;
        }
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        long pid;
        try {
            pid = Long.parseLong(firstLine);
        } catch (NumberFormatException e) {
            return;
        }
        ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                .ifPresent(postmaster -> {
                    LOG.warnf("Stopping the orphaned embedded PostgreSQL (pid %d) left by a killed run", pid);
                    postmaster.destroy(); // SIGTERM: its clients died with the old JVM, so it stops at once
                    try {
                        postmaster.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        postmaster.destroyForcibly();
                    }
                });
    }

    private static boolean lockIsFree(File lockFile) {
        if (!lockFile.exists()) {
            return true;
        }
        try (RandomAccessFile file = new RandomAccessFile(lockFile, "rw");
                FileChannel channel = file.getChannel();
                FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return false;
        }
    }
}
