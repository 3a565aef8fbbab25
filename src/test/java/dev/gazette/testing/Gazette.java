package dev.gazette.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The packaged application as the *IT classes run it: one embedded PostgreSQL, one
 * {@link ScriptedSmtpServer} relay, and instances of the application ({@link AppProcess}) on them,
 * each with the class's settings and its own overrides. A JUnit extension: registered on a static
 * field, it starts before the class's {@code @BeforeAll} methods and, after its tests, stops every
 * instance, then the relay and the database. Logs go to {@code target/it-logs/<name>/}, emptied first. Classes
 * whose settings are the same share one ({@link #quickRetries}): one boot for all of them.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final Gazette gazette = Gazette.withApp("limits", Map.of("GAZETTE_DELIVERY_RATE_PER_SECOND", "20"));
 *
 * AppScenario.Publication p = AppScenario.writer(gazette::app).publication(3);
 * p.send();
 * p.await("sent");
 * </pre>
 */
public final class Gazette implements BeforeAllCallback, AfterAllCallback {

    public static final String ADMIN = "admin@it.gazette.test";
    public static final String ADMIN_PASSWORD = "admin password for the IT";
    /** The database every instance uses unless its overrides name another ({@link #database}). */
    public static final String DATABASE = "postgres";

    private final String name;
    private final Map<String, String> settings;
    private final boolean withApp;
    private final boolean shared;
    private final List<AppProcess> instances = new CopyOnWriteArrayList<>();
    private EmbeddedPostgres postgres;
    private ScriptedSmtpServer relay;
    private Path logs;
    private volatile AppProcess app;

    private static final Map<String, Gazette> SHARED = new ConcurrentHashMap<>();

    private Gazette(String name, Map<String, String> settings, boolean withApp, boolean shared) {
        this.name = name;
        this.settings = Map.copyOf(settings);
        this.withApp = withApp;
        this.shared = shared;
    }

    /** A fresh PostgreSQL and relay for these settings (on top of {@link #environment}'s own); no instance yet. */
    public static Gazette of(String name, Map<String, String> settings) {
        return new Gazette(name, settings, false, false);
    }

    /** {@link #of}, and the main instance ({@link #app}) on the settings alone. */
    public static Gazette withApp(String name, Map<String, String> settings) {
        return new Gazette(name, settings, true, false);
    }

    /**
     * The one instance, database and relay of every class that faults the relay or the instance
     * and wants it over quickly: retries after 0.5 to 1 s, the relay circuit open for 0.5 s, 10 s
     * leases, 300 messages a second. Started by the first such class and stopped at the end of the
     * run. Its classes read only their own rows and messages, leave the relay up and the main
     * instance running ({@link #restartApp} after a kill), and script the relay for their own addresses only.
     */
    public static Gazette quickRetries() {
        return SHARED.computeIfAbsent("quick-retries", name -> new Gazette(name, Map.of(
                "GAZETTE_DELIVERY_RATE_PER_SECOND", "300",
                "GAZETTE_DELIVERY_RETRY_INITIAL_DELAY", "PT0.5S",
                "GAZETTE_DELIVERY_RETRY_MAX_DELAY", "PT1S",
                "GAZETTE_DELIVERY_CIRCUIT_OPEN_FOR", "PT0.5S",
                "GAZETTE_DELIVERY_LEASE", "PT10S"), true, true));
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (postgres != null) {
            return; // shared, and started by an earlier class
        }
        if (shared) {
            AutoCloseable atTheEnd = this::close;
            context.getRoot().getStore(ExtensionContext.Namespace.create(Gazette.class)).put(name, atTheEnd);
        }
        postgres = EmbeddedPostgres.builder().start();
        relay = new ScriptedSmtpServer();
        logs = Files.createDirectories(Path.of("target", "it-logs", name));
        try (Stream<Path> earlier = Files.list(logs)) {
            for (Path log : earlier.toList()) {
                Files.delete(log); // a run's logs only: a test that reads a log must not find an earlier run's lines
            }
        }
        if (withApp) {
            app = boot("app", Map.of());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (!shared) {
            close();
        }
    }

    public ScriptedSmtpServer relay() {
        return relay;
    }

    /** The main instance: the one {@link #withApp} or {@link #restartApp} started. */
    public AppProcess app() {
        return app;
    }

    /** A new main instance on the settings alone, after the test stopped or killed the old one. */
    public AppProcess restartApp(String log) throws Exception {
        app = boot(log, Map.of());
        return app;
    }

    /**
     * Every variable an instance of this fixture starts with: the database and relay, plain SMTP,
     * the admin, high sign-up and login limits, then the class's settings and these overrides.
     */
    public Map<String, String> environment(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", DATABASE));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(relay.port()));
        env.put("QUARKUS_MAILER_TLS", "false");
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        env.put("QUARKUS_MAILER_OWN_HOST_NAME", "it.gazette.test");
        env.put("GAZETTE_ADMIN_EMAIL", ADMIN);
        env.put("GAZETTE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("GAZETTE_AUTH_SIGNUP_PER_MINUTE", "1000");
        env.put("GAZETTE_AUTH_LOGIN_PER_MINUTE", "1000");
        env.putAll(settings);
        env.putAll(overrides);
        return env;
    }

    /** Starts an instance (log {@code <log>.log}) with these overrides and waits until it is healthy. */
    public AppProcess boot(String log, Map<String, String> overrides) throws Exception {
        AppProcess started = AppProcess.start(logs.resolve(log + ".log"), environment(overrides));
        instances.add(started);
        return started;
    }

    /**
     * Starts these instances (log name to overrides) at the same moment and waits until all are
     * healthy; if one fails, the others are stopped and the first failure is thrown.
     */
    public Map<String, AppProcess> bootTogether(Map<String, Map<String, String>> overridesByLog) throws Exception {
        Map<String, CompletableFuture<AppProcess>> boots = new LinkedHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(overridesByLog.size()); // one each: all at once
        try {
            overridesByLog.forEach((log, overrides) -> boots.put(log, CompletableFuture.supplyAsync(() -> {
                try {
                    return boot(log, overrides);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, threads)));
        } finally {
            threads.shutdown();
        }
        Map<String, AppProcess> started = new LinkedHashMap<>();
        List<Throwable> failures = new ArrayList<>();
        boots.forEach((log, boot) -> {
            try {
                started.put(log, boot.join());
            } catch (CompletionException e) {
                failures.add(e.getCause());
            }
        });
        if (!failures.isEmpty()) {
            for (AppProcess instance : started.values()) {
                instance.close();
            }
            Throwable first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            if (first instanceof Error error) {
                throw error; // an instance that did not come up, with its log's tail
            }
            throw first instanceof Exception e ? e : new IllegalStateException(first);
        }
        return started;
    }

    /** Creates a further, empty database on the same server; name it in the overrides with {@link #jdbcUrl}. */
    public void database(String name) throws SQLException {
        try (Connection c = dataSource(DATABASE).getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    public DataSource dataSource(String database) {
        return postgres.getDatabase("postgres", database);
    }

    /** A count (or any one number) from the instances' database. */
    public long count(String sql, Object... args) {
        return Db.count(dataSource(DATABASE), sql, args);
    }

    public String text(String sql, Object... args) {
        return Db.text(dataSource(DATABASE), sql, args);
    }

    public Timestamp timestamp(String sql, Object... args) {
        return Db.timestamp(dataSource(DATABASE), sql, args);
    }

    public void execute(String sql, Object... args) {
        Db.execute(dataSource(DATABASE), sql, args);
    }

    /** Stops every instance still running (SIGTERM), then the relay and the database. */
    private void close() throws Exception {
        try {
            for (AppProcess instance : instances) {
                instance.close();
            }
        } finally {
            try {
                if (relay != null) {
                    relay.close();
                }
            } finally {
                if (postgres != null) {
                    postgres.close();
                }
            }
        }
    }
}
