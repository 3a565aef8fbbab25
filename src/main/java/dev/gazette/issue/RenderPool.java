package dev.gazette.issue;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;

/**
 * The few threads that render previews and test sends, with a bounded queue and a deadline: a
 * writer's costly template takes one of them, never a request thread for long nor a database
 * connection (callers load what the render needs first, in a short transaction of their own).
 */
@ApplicationScoped
class RenderPool {

    private final ThreadPoolExecutor executor;
    private final long timeoutMillis;

    RenderPool(IssueConfig config) {
        AtomicInteger number = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(config.renderThreads(), config.renderThreads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.renderQueue()), task -> {
                    Thread thread = new Thread(task, "gazette-render-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.timeoutMillis = config.renderTimeout().toMillis();
    }

    /**
     * The render's result; 503 {@code render_busy} when it waited for a thread longer than the
     * timeout, 422 {@code template_too_costly} when it rendered longer than that.
     */
    <T> T render(Supplier<T> render) {
        long submitted = System.nanoTime();
        AtomicLong started = new AtomicLong(); // when a thread took it, or 0
        Future<T> result;
        try {
            result = executor.submit(() -> {
                started.set(Math.max(1, System.nanoTime()));
                return render.get();
            });
        } catch (RejectedExecutionException e) {
            throw busy();
        }
        try {
            while (true) {
                long from = started.get() == 0 ? submitted : started.get();
                long left = from + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) - System.nanoTime();
                try {
                    return result.get(Math.max(0, left), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (started.get() == 0) {
                        result.cancel(true);
                        throw busy();
                    }
                    if (started.get() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) <= System.nanoTime()) {
                        result.cancel(true); // the sandbox stops at its next iteration once interrupted
                        throw new DomainException(Kind.UNPROCESSABLE, "template_too_costly",
                                "The issue took longer than " + timeoutMillis + " ms to render");
                    }
                }
            }
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw busy();
        } catch (CancellationException e) {
            throw busy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static DomainException busy() {
        return new DomainException(Kind.UNAVAILABLE, "render_busy",
                "Too many previews and test sends are rendering; try again in a moment");
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
