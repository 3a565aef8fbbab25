package dev.gazette.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jboss.logging.Logger;

/**
 * The embedded SMTP catcher: a real SMTP server on the loopback interface that keeps the last
 * {@code capacity} messages in memory for the outbox page, and delivers nothing anywhere.
 */
public final class SmtpCatcher implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    private static final Logger LOG = Logger.getLogger(SmtpCatcher.class);
    private static volatile SmtpCatcher current;

    private final GreenMail server;
    private final int capacity;
    private final Deque<CapturedMessage> messages = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();
    /** GreenMail hands a message over once per recipient: capture it once. */
    private MovingMessage lastSource;

    private SmtpCatcher(int port, int capacity) {
        this.capacity = capacity;
        ServerSetup setup = new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP);
        this.server = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
        server.getUserManager().setMessageDeliveryHandler((message, recipient) -> new Inbox(message));
        server.start();
    }

    static synchronized SmtpCatcher startOrReuse(int port, int capacity) {
        if (current != null) {
            return current;
        }
        // A dev-mode reload loads this class anew and starts another catcher: dev mode therefore
        // uses a random port (see application.properties) rather than fighting over a fixed one.
        current = new SmtpCatcher(port, capacity);
        LOG.infof("Embedded SMTP catcher listening on %s:%d; captured mail is on /admin/outbox "
                + "(set QUARKUS_MAILER_HOST and QUARKUS_MAILER_PORT to send through a real relay)", HOST, current.port());
        return current;
    }

    /** The running catcher, if this process started one. */
    public static Optional<SmtpCatcher> running() {
        return Optional.ofNullable(current);
    }

    public int port() {
        return server.getSmtp().getPort();
    }

    /** Newest first. */
    public synchronized List<CapturedMessage> messages() {
        List<CapturedMessage> newestFirst = new ArrayList<>(messages);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    public synchronized Optional<CapturedMessage> message(long id) {
        return messages.stream().filter(m -> m.id() == id).findFirst();
    }

    public synchronized void clear() {
        messages.clear();
    }

    /** Waits until a captured message matches, for callers that just handed mail to the relay. */
    public Optional<CapturedMessage> await(Predicate<CapturedMessage> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (this) {
            while (true) {
                Optional<CapturedMessage> found = messages.stream().filter(matching).findFirst();
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (found.isPresent() || left <= 0) {
                    return found;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    private synchronized void capture(MovingMessage moving) {
        if (moving == lastSource) {
            return;
        }
        lastSource = moving;
        try {
            MimeMessage mime = moving.getMessage();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            mime.writeTo(raw);
            List<String> recipients = moving.getToAddresses().stream().map(MailAddress::getEmail).toList();
            String from = moving.getReturnPath() == null ? "" : moving.getReturnPath().getEmail();
            messages.addLast(new CapturedMessage(sequence.incrementAndGet(), Instant.now(), from, recipients,
                    raw.toByteArray()));
            while (messages.size() > capacity) {
                messages.removeFirst();
            }
            notifyAll();
        } catch (IOException | MessagingException e) {
            LOG.warn("The SMTP catcher could not read a message", e);
        }
    }

    @Override
    public synchronized void close() {
        server.stop();
        if (current == this) {
            current = null;
        }
    }

    /** Where GreenMail delivers: straight into the catcher's bounded list. */
    private final class Inbox implements GreenMailUser {
        private final MovingMessage message;

        Inbox(MovingMessage message) {
            this.message = message;
        }

        @Override
        public void deliver(MovingMessage msg) {
            capture(msg);
        }

        @Override
        public void deliver(MimeMessage msg) {
            capture(message);
        }

        @Override
        public String getEmail() {
            return "outbox@" + HOST;
        }

        @Override
        public String getLogin() {
            return getEmail();
        }

        @Override
        public void create() {
        }

        @Override
        public void delete() {
        }

        @Override
        public String getPassword() {
            return "";
        }

        @Override
        public void setPassword(String password) {
        }

        @Override
        public void authenticate(String password) {
        }

        @Override
        public String getQualifiedMailboxName() {
            return getEmail();
        }
    }
}
