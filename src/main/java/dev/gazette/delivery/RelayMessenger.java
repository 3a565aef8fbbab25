package dev.gazette.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.gazette.sender.SigningKeys;

/**
 * The delivery engine's own way to the relay: kept-alive, pipelining SMTP connections
 * ({@link RelayConnection}) in a bounded pool, DKIM signing ({@link DkimSigner}) with the same settings
 * as quarkus-mailer, and the relay's reply turned into an {@link SmtpOutcome}. Issues do not go
 * through quarkus-mailer or a mail library: their general-purpose encoders and byte-by-byte
 * streams were most of the send path's CPU time (see ADRs 5 and 7). Transactional mail (ADR 9)
 * comes here too, already encoded, through {@link #submitFirst}.
 * <p>
 * It reads the {@code quarkus.mailer.*} settings (host, port, credentials, TLS, own host name,
 * DKIM), so one configuration serves both.
 */
@ApplicationScoped
class RelayMessenger {

    private static final Logger LOG = Logger.getLogger(RelayMessenger.class);
    private static final List<String> DEFAULT_SIGNED_HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID");

    private final RelayConnection.Settings settings;
    /** Messages waiting for a connection, taken by the lanes in order. */
    private final BlockingDeque<Job> queue = new LinkedBlockingDeque<>();
    /** One thread per relay connection: {@code quarkus.mailer.max-pool-size} of them. */
    private final List<Thread> lanes = new ArrayList<>();
    private final int laneCount;
    private volatile boolean closed;
    /** Null when DKIM is off (the relay may sign instead). */
    private final DkimSigner dkim;
    /** The verified sender domains' keys: mail From one of them is signed with its own key (d= its domain). */
    private final SigningKeys domainKeys;
    private final List<String> signedHeaders;
    private final Map<SigningKeys.SigningKey, DkimSigner> domainSigners = new ConcurrentHashMap<>();

    RelayMessenger(@ConfigProperty(name = "quarkus.mailer.host", defaultValue = "localhost") String host,
            @ConfigProperty(name = "quarkus.mailer.port") Optional<Integer> port,
            @ConfigProperty(name = "quarkus.mailer.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.mailer.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.mailer.tls", defaultValue = "false") boolean tls,
            @ConfigProperty(name = "quarkus.mailer.start-tls") Optional<String> startTls,
            @ConfigProperty(name = "quarkus.mailer.trust-all", defaultValue = "false") boolean trustAll,
            @ConfigProperty(name = "quarkus.mailer.own-host-name") Optional<String> ownHostName,
            @ConfigProperty(name = "quarkus.mailer.max-pool-size", defaultValue = "10") int poolSize,
            @ConfigProperty(name = "quarkus.mailer.dkim.enabled", defaultValue = "false") boolean dkim,
            @ConfigProperty(name = "quarkus.mailer.dkim.private-key") Optional<String> dkimKey,
            @ConfigProperty(name = "quarkus.mailer.dkim.private-key-path") Optional<String> dkimKeyPath,
            @ConfigProperty(name = "quarkus.mailer.dkim.selector") Optional<String> selector,
            @ConfigProperty(name = "quarkus.mailer.dkim.sdid") Optional<String> sdid,
            @ConfigProperty(name = "quarkus.mailer.dkim.signed-headers") Optional<List<String>> signedHeaders,
            SigningKeys domainKeys) {
        this.settings = new RelayConnection.Settings(host, port.orElse(tls ? 465 : 25), tls,
                RelayConnection.StartTls.valueOf(startTls.orElse(MailerSettings.onLoopback(host) ? "OPTIONAL" : "REQUIRED")
                        .toUpperCase(Locale.ROOT)),
                trustAll,
                ownHostName.orElse("localhost"), username.orElse(null), password.orElse(null), 10_000, 60_000);
        this.laneCount = Math.max(1, poolSize);
        this.dkim = dkim ? dkimSigner(dkimKey, dkimKeyPath, selector, sdid, signedHeaders) : null;
        this.domainKeys = domainKeys;
        this.signedHeaders = signedHeaders.orElse(DEFAULT_SIGNED_HEADERS);
    }

    /**
     * Queues one message to one recipient for the next free connection; {@code whenDone} gets
     * what the relay answered, on that connection's thread, or null when the message was no longer
     * {@code stillWanted} by the time a connection was free (it was not sent). Returns at once.
     */
    void submit(byte[] raw, String envelopeFrom, String recipient, BooleanSupplier stillWanted,
            Consumer<SmtpOutcome> whenDone) {
        Job job = job(raw, envelopeFrom, recipient, stillWanted, whenDone);
        startLanes();
        queue.add(job);
    }

    /**
     * Like {@link #submit}, but ahead of every message already waiting: transactional mail never
     * queues behind an issue's messages.
     */
    void submitFirst(byte[] raw, String envelopeFrom, String recipient, Consumer<SmtpOutcome> whenDone) {
        Job job = job(raw, envelopeFrom, recipient, () -> true, whenDone);
        startLanes();
        queue.addFirst(job);
    }

    private Job job(byte[] raw, String envelopeFrom, String recipient, BooleanSupplier stillWanted,
            Consumer<SmtpOutcome> whenDone) {
        try {
            return new Job(signed(raw), envelopeFrom, recipient, stillWanted, whenDone);
        } catch (Exception e) {
            throw new IllegalStateException("the message could not be signed: " + e.getMessage(), e);
        }
    }

    private void startLanes() {
        if (lanes.isEmpty()) {
            synchronized (lanes) {
                for (int i = lanes.size(); i < laneCount; i++) {
                    Thread lane = new Thread(new Lane(), "gazette-relay-" + i);
                    lane.setDaemon(true);
                    lane.start();
                    lanes.add(lane);
                }
            }
        }
    }

    /** A message waiting for a connection; sent again once on a fresh connection if a kept-alive one had died. */
    private record Job(byte[] message, String from, String to, BooleanSupplier stillWanted, Consumer<SmtpOutcome> whenDone,
            boolean second) {
        Job(byte[] message, String from, String to, BooleanSupplier stillWanted, Consumer<SmtpOutcome> whenDone) {
            this(message, from, to, stillWanted, whenDone, false);
        }

        void done(SmtpOutcome outcome) {
            try {
                whenDone.accept(outcome);
            } catch (RuntimeException e) {
                LOG.error("Recording a relay's answer failed", e);
            }
        }
    }

    /**
     * One connection and the thread that owns it. With PIPELINING, the next message's commands
     * go out before the previous message's reply is read, so each message costs the relay one
     * round trip; a message whose reply is still unread when nothing else is waiting has it read
     * at once.
     */
    private final class Lane implements Runnable {
        private RelayConnection connection;
        /** The message written last, whose reply is still to be read. */
        private Job unanswered;

        @Override
        public void run() {
            while (!closed) {
                try {
                    Job job = unanswered == null ? queue.poll(30, TimeUnit.SECONDS) : queue.poll();
                    if (job == null) {
                        if (unanswered != null) {
                            collect();
                        } else {
                            hangUp(); // idle for a while: do not hold the relay's connection
                        }
                        continue;
                    }
                    send(job);
                } catch (InterruptedException e) {
                    break;
                } catch (RuntimeException e) {
                    LOG.error("A relay connection's loop failed; it goes on", e);
                }
            }
            hangUp();
        }

        private void send(Job job) {
            if (!job.stillWanted().getAsBoolean()) {
                job.done(null); // its send stopped while it waited: given back unsent
                return;
            }
            boolean reused = connection != null;
            try {
                if (connection == null) {
                    connection = RelayConnection.open(settings);
                }
                if (!connection.pipelining()) {
                    answered(job, connection.send(job.from(), job.to(), job.message()));
                    return;
                }
                connection.writeEnvelope(job.from(), job.to());
                if (unanswered != null) {
                    collect();
                    if (connection == null) {
                        throw new IOException("the connection broke before the previous reply");
                    }
                }
                RelayConnection.Reply refusal = connection.envelopeReplies();
                if (refusal != null) {
                    answered(job, refusal);
                    return;
                }
                connection.writeMessage(job.message());
                unanswered = job;
            } catch (RelayConnection.Refused refused) {
                hangUp();
                job.done(SmtpOutcome.classify(refused.reply.code(), refused.reply.text()));
            } catch (IOException e) {
                hangUp();
                if (reused && !job.second()) {
                    // the kept-alive connection had died (the relay closed it): once more, afresh
                    queue.addFirst(new Job(job.message(), job.from(), job.to(), job.stillWanted(), job.whenDone(), true));
                } else {
                    job.done(outcome(e));
                }
            }
        }

        /** Reads the reply to the message written last. */
        private void collect() {
            Job job = unanswered;
            unanswered = null;
            try {
                answered(job, connection.reply());
            } catch (IOException e) {
                hangUp();
                job.done(outcome(e)); // whether the relay took it is unknown: it is retried later
            }
        }

        private void answered(Job job, RelayConnection.Reply reply) {
            if (!connection.usable()) {
                hangUp();
            }
            job.done(reply.toSender()
                    ? SmtpOutcome.ofSender(reply.code(), reply.text())
                    : SmtpOutcome.classify(reply.code(), reply.text()));
        }

        /** Closes the connection; a message whose reply was still unread is retried later. */
        private void hangUp() {
            if (unanswered != null) {
                Job job = unanswered;
                unanswered = null;
                job.done(SmtpOutcome.classify(451, "451 4.4.2 the connection ended before the relay's reply"));
            }
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    /**
     * The message with its DKIM-Signature header in front: by the From domain's own key when that
     * domain is a verified sender domain (aligned for DMARC), else by the platform's key if one is
     * configured.
     */
    private byte[] signed(byte[] raw) throws GeneralSecurityException {
        Optional<SigningKeys.SigningKey> own = DkimSigner.fromDomain(raw).flatMap(domainKeys::forDomain);
        if (own.isPresent()) {
            return domainSigners.computeIfAbsent(own.get(),
                    k -> new DkimSigner(k.key(), k.domain(), k.selector(), signedHeaders)).sign(raw);
        }
        return dkim == null ? raw : dkim.sign(raw);
    }

    /** A connection that broke or never came up, as an outcome. */
    static SmtpOutcome outcome(IOException failure) {
        if (failure instanceof ConnectException || failure instanceof UnknownHostException
                || failure instanceof java.net.NoRouteToHostException) {
            return SmtpOutcome.unreachable(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        if (failure instanceof SocketTimeoutException) {
            return SmtpOutcome.classify(451, "451 4.4.2 timeout: " + failure.getMessage());
        }
        // a connection cut in the middle of a message: try again later
        return SmtpOutcome.classify(451, "451 4.4.2 " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    private static DkimSigner dkimSigner(Optional<String> key, Optional<String> keyPath, Optional<String> selector,
            Optional<String> sdid, Optional<List<String>> headers) {
        try {
            String base64 = key.isPresent()
                    ? key.get()
                    : Files.readString(Path.of(keyPath.orElseThrow(
                            () -> new IllegalStateException(
                                    "DKIM is on: set quarkus.mailer.dkim.private-key or private-key-path"))));
            PrivateKey privateKey = DkimKeys.parse(base64);
            DkimSigner signer = new DkimSigner(privateKey,
                    sdid.orElseThrow(() -> new IllegalStateException("DKIM is on: set quarkus.mailer.dkim.sdid")),
                    selector.orElseThrow(() -> new IllegalStateException("DKIM is on: set quarkus.mailer.dkim.selector")),
                    headers.orElse(DEFAULT_SIGNED_HEADERS));
            signer.sign("From: check@example.com\r\n\r\n".getBytes(StandardCharsets.US_ASCII)); // refuse bad settings at start
            return signer;
        } catch (Exception e) {
            throw new IllegalStateException("The DKIM settings are not usable: " + e.getMessage(), e);
        }
    }

    /**
     * Created at start, not at the first send: DKIM settings that cannot be used stop the
     * application with the reason instead of failing every send later.
     */
    void checkAtStart(@Observes StartupEvent event) {
        LOG.debugf("Relay %s:%d, STARTTLS %s, DKIM %s", settings.host(), settings.port(), settings.startTls(),
                dkim == null ? "off" : "on");
    }

    @PreDestroy
    void closeAll() {
        closed = true;
        lanes.forEach(Thread::interrupt);
        Job job;
        while ((job = queue.poll()) != null) {
            job.done(SmtpOutcome.classify(421, "421 4.3.2 shutting down"));
        }
    }
}
