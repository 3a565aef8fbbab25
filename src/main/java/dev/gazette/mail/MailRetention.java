package dev.gazette.mail;

import java.time.Clock;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Deletes transactional mail past its retention ({@code gazette.mail.retention}), in batches, from
 * any instance: rows are taken with {@code SKIP LOCKED}, so two instances never wait on each other.
 * Queued mail is never deleted.
 */
@ApplicationScoped
class MailRetention {

    private static final Logger LOG = Logger.getLogger(MailRetention.class);
    static final int BATCH = 5_000;

    private final MailQueue queue;
    private final MailConfig config;
    private final Clock clock;

    MailRetention(MailQueue queue, MailConfig config, Clock clock) {
        this.queue = queue;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${gazette.mail.retention-check:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        prune();
    }

    /** Deletes every sent or failed mail older than the retention; answers how many. */
    int prune() {
        int deleted = 0;
        int batch;
        do {
            batch = queue.prune(clock.instant().minus(config.retention()), BATCH);
            deleted += batch;
        } while (batch == BATCH);
        if (deleted > 0) {
            LOG.infof("Deleted %d transactional mails older than %s", deleted, config.retention());
        }
        return deleted;
    }
}
