package dev.gazette.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * What changed on the public pages, as PostgreSQL tells every instance: triggers (migration V19)
 * notify the channel {@value #CHANNEL} on commit with the publication's id, or {@code *} for
 * anything. One thread per instance listens on its own connection. While it is not listening (at
 * start, or after the connection broke) nothing may be kept: {@link #listening()} is false and
 * every listener is told {@code *} once it listens again, since it may have missed changes.
 */
@ApplicationScoped
public class PublicChanges {

    public static final String CHANNEL = "gazette_public";
    public static final String EVERYTHING = "*";
    private static final Logger LOG = Logger.getLogger(PublicChanges.class);

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    private volatile boolean running = true;
    private Thread thread;

    PublicChanges(DataSource dataSource, TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    /** Whoever keeps something the changes make stale: told the publication's id, or {@code *}. */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Whether changes are being heard, so that what was rendered may be kept. */
    public boolean listening() {
        return listening;
    }

    /**
     * A number that moves on every change heard: a render that started at one generation and ends
     * at another may have read what changed meanwhile, and is not kept.
     */
    public long generation() {
        return generation.get();
    }

    /**
     * A change this instance is making to a publication's public pages: told here once the
     * transaction commits (or at once outside one), so that this instance's next request shows it;
     * the database tells every instance too, a moment later.
     */
    public void changing(long publicationId) {
        String payload = Long.toString(publicationId);
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        tell(payload);
                    }
                }
            });
        } else {
            tell(payload);
        }
    }

    void start(@Observes StartupEvent start) {
        thread = new Thread(this::listen, "public-changes");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                listening = true;
                tell(EVERYTHING); // whatever was kept before may have missed a change
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            tell(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                tell(EVERYTHING);
                if (running) {
                    LOG.warnf("Not hearing public page changes (%s); pages are rendered on every request until it works again",
                            e.getMessage());
                    pause();
                }
            }
        }
        listening = false;
    }

    private void tell(String payload) {
        generation.incrementAndGet();
        for (Consumer<String> listener : listeners) {
            listener.accept(payload);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
