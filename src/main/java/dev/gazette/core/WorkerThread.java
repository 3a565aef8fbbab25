package dev.gazette.core;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * The thread of a background worker that works through a table: it runs its round every poll
 * interval, or at once when {@link #wake() woken} (a commit recorded work, an answer came back). A
 * round that fails is logged and tried again after a pause, so a database that is away for a while
 * stops nothing for good. On {@link #stop()} the round in progress ends, and {@code last} runs once
 * more on the thread, to write down what the round left in memory.
 */
public final class WorkerThread {

    private static final Logger LOG = Logger.getLogger(WorkerThread.class);

    /** How long a worker waits after a failed round, or a failed write of its outcomes. */
    public static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

    /** One round of the worker's work; it may be interrupted when the application stops. */
    public interface Round {
        void run() throws InterruptedException;
    }

    private final String name;
    private final Duration pollInterval;
    private final Round round;
    private final Runnable last;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    /** A worker named {@code name} (its thread's name and its log's) that is not started yet. */
    public WorkerThread(String name, Duration pollInterval, Round round, Runnable last) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.round = round;
        this.last = last;
    }

    public void start() {
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the worker: waits up to ten seconds for its round and its last write. */
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the next round now rather than at the next poll. */
    public void wake() {
        wake.release();
    }

    /** Whether the worker is still meant to run (false once the application stops). */
    public boolean running() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                wake.tryAcquire(Math.max(1, pollInterval.toMillis()), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                round.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "The worker %s failed; it goes on after a pause", name);
                pauseAfterFailure();
            }
        }
        last.run();
    }

    /** Sleeps {@link #PAUSE_AFTER_FAILURE} on the caller's thread (a worker's), keeping an interrupt. */
    public static void pauseAfterFailure() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
