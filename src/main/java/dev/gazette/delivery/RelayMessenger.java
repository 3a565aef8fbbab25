package dev.gazette.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.james.jdkim.DKIMSigner;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The delivery engine's own way to the relay: kept-alive SMTP connections (Angus Mail) in a
 * bounded pool, DKIM signing (Apache jDKIM) with the same settings as quarkus-mailer, and the
 * relay's reply turned into an {@link SmtpOutcome}. Issues do not go through quarkus-mailer: its
 * Vert.x encoder quoted-printable-encodes every body on an event loop, which capped sending at a
 * few hundred messages a second (see ADR 5). Account and subscriber mail still uses quarkus-mailer.
 * <p>
 * It reads the {@code quarkus.mailer.*} settings (host, port, credentials, TLS, own host name,
 * DKIM), so one configuration serves both.
 */
@ApplicationScoped
class RelayMessenger {

    private static final Logger LOG = Logger.getLogger(RelayMessenger.class);

    private final Session session;
    private final Optional<String> username;
    private final Optional<String> password;
    private final BlockingQueue<Transport> idle = new LinkedBlockingQueue<>();
    private final Semaphore connections;
    private String template;
    private PrivateKey dkimKey;
    private List<String> signedHeaders = List.of();

    RelayMessenger(@ConfigProperty(name = "quarkus.mailer.host", defaultValue = "localhost") String host,
            @ConfigProperty(name = "quarkus.mailer.port") Optional<Integer> port,
            @ConfigProperty(name = "quarkus.mailer.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.mailer.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.mailer.tls", defaultValue = "false") boolean tls,
            @ConfigProperty(name = "quarkus.mailer.start-tls", defaultValue = "OPTIONAL") String startTls,
            @ConfigProperty(name = "quarkus.mailer.own-host-name") Optional<String> ownHostName,
            @ConfigProperty(name = "quarkus.mailer.max-pool-size", defaultValue = "10") int poolSize,
            @ConfigProperty(name = "quarkus.mailer.dkim.enabled", defaultValue = "false") boolean dkim,
            @ConfigProperty(name = "quarkus.mailer.dkim.private-key") Optional<String> dkimKey,
            @ConfigProperty(name = "quarkus.mailer.dkim.private-key-path") Optional<String> dkimKeyPath,
            @ConfigProperty(name = "quarkus.mailer.dkim.selector") Optional<String> selector,
            @ConfigProperty(name = "quarkus.mailer.dkim.sdid") Optional<String> sdid,
            @ConfigProperty(name = "quarkus.mailer.dkim.signed-headers") Optional<List<String>> signedHeaders) {
        Properties props = new Properties();
        String protocol = tls ? "smtps" : "smtp";
        props.put("mail.transport.protocol", protocol);
        props.put("mail." + protocol + ".host", host);
        props.put("mail." + protocol + ".port", Integer.toString(port.orElse(tls ? 465 : 25)));
        ownHostName.ifPresent(name -> props.put("mail." + protocol + ".localhost", name));
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "60000");
        props.put("mail." + protocol + ".writetimeout", "60000");
        props.put("mail." + protocol + ".quitwait", "false");
        // SMTP is a dialogue of small writes: without TCP_NODELAY, Nagle's algorithm and delayed
        // ACKs stall every message by tens of milliseconds
        props.put("mail." + protocol + ".socketFactory", new NoDelaySockets());
        String starttls = startTls.toUpperCase(Locale.ROOT);
        props.put("mail." + protocol + ".starttls.enable", Boolean.toString(!"DISABLED".equals(starttls)));
        props.put("mail." + protocol + ".starttls.required", Boolean.toString("REQUIRED".equals(starttls)));
        props.put("mail." + protocol + ".auth", Boolean.toString(username.isPresent()));
        this.session = Session.getInstance(props);
        this.username = username;
        this.password = password;
        this.connections = new Semaphore(Math.max(1, poolSize));
        if (dkim) {
            configureDkim(dkimKey, dkimKeyPath, selector, sdid, signedHeaders);
        }
    }


    Session session() {
        return session;
    }

    /** Sends one message to one recipient and says what the relay answered. Blocks. */
    SmtpOutcome send(MimeMessage message, String envelopeFrom, String recipient) {
        Signed signed;
        Address[] to;
        try {
            byte[] raw = bytes(message);
            signed = new Signed(session, raw, sign(message, raw));
            signed.setEnvelopeFrom(envelopeFrom);
            to = new Address[] { new InternetAddress(recipient, false) };
        } catch (Exception e) {
            throw new IllegalStateException("the message could not be written: " + e.getMessage(), e);
        }
        try {
            connections.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SmtpOutcome.classify(421, "421 4.3.2 shutting down");
        }
        try {
            Transport reused = idle.poll();
            if (reused != null) {
                try {
                    reused.sendMessage(signed, to);
                    idle.add(reused);
                    return SmtpOutcome.sent();
                } catch (MessagingException e) {
                    close(reused);
                    SmtpOutcome outcome = outcome(e);
                    if (outcome.code() != 0) {
                        return outcome; // the relay answered: that is the answer
                    }
                    // the kept-alive connection had died (the relay closed it): once more, afresh
                }
            }
            Transport fresh = null;
            try {
                fresh = connect();
                fresh.sendMessage(signed, to);
                idle.add(fresh);
                fresh = null;
                return SmtpOutcome.sent();
            } catch (MessagingException e) {
                return outcome(e);
            } finally {
                if (fresh != null) {
                    close(fresh); // after a failure the session's state is unknown: never reuse it
                }
            }
        } finally {
            connections.release();
        }
    }

    /** The DKIM-Signature header for these bytes, over the configured headers the message has. */
    private String sign(MimeMessage message, byte[] raw) throws Exception {
        if (dkimKey == null) {
            return null;
        }
        List<String> present = new java.util.ArrayList<>();
        for (String header : signedHeaders) {
            if (message.getHeader(header) != null) {
                present.add(header.toLowerCase(Locale.ROOT));
            }
        }
        DKIMSigner forThis = new DKIMSigner(template.replace("h=;", "h=" + String.join(":", present) + ";"), dkimKey);
        return forThis.sign(new java.io.ByteArrayInputStream(raw));
    }

    private Transport connect() throws MessagingException {
        Transport transport = session.getTransport();
        if (username.isPresent()) {
            transport.connect(username.get(), password.orElse(""));
        } else {
            transport.connect();
        }
        return transport;
    }

    /** The relay's answer as an outcome: its reply code and text where there was one. */
    static SmtpOutcome outcome(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SMTPAddressFailedException address) {
                return SmtpOutcome.classify(address.getReturnCode(), address.getMessage());
            }
            if (t instanceof SMTPSendFailedException send && send.getReturnCode() > 0) {
                return SmtpOutcome.classify(send.getReturnCode(), send.getMessage());
            }
            if (t instanceof AuthenticationFailedException auth) {
                return SmtpOutcome.classify(535, "535 5.7.8 authentication failed: " + auth.getMessage());
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return SmtpOutcome.unreachable(t.getClass().getSimpleName() + ": " + t.getMessage());
            }
            if (t instanceof SocketTimeoutException) {
                return SmtpOutcome.classify(451, "451 4.4.2 timeout: " + t.getMessage());
            }
        }
        String message = String.valueOf(failure.getMessage());
        if (message.contains("Could not connect") || message.contains("Couldn't connect")) {
            return SmtpOutcome.unreachable(message);
        }
        // a connection cut in the middle of a message: try again later
        return SmtpOutcome.classify(451, "451 4.4.2 " + failure.getClass().getSimpleName() + ": " + message);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static byte[] bytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        message.writeTo(out);
        return out.toByteArray();
    }

    /** A finished message: its bytes exactly as signed, with the signature in front. */
    private static final class Signed extends SMTPMessage {
        private final byte[] raw;
        private final byte[] signature;

        Signed(Session session, byte[] raw, String signature) {
            super(session);
            this.raw = raw;
            this.signature = signature == null ? null : (signature + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
            if (signature != null) {
                os.write(signature);
            }
            os.write(raw);
        }

        @Override
        public void writeTo(OutputStream os) throws IOException {
            writeTo(os, null);
        }
    }

    private void configureDkim(Optional<String> key, Optional<String> keyPath, Optional<String> selector,
            Optional<String> sdid, Optional<List<String>> headers) {
        try {
            String base64 = key.isPresent() ? key.get() : Files.readString(Path.of(keyPath.orElseThrow(
                    () -> new IllegalStateException("DKIM is on: set quarkus.mailer.dkim.private-key or private-key-path"))));
            this.dkimKey = DKIMSigner.getPrivateKey(base64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            this.signedHeaders = headers.orElse(List.of("From", "To", "Subject", "Date", "Message-ID"));
            this.template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + sdid.orElseThrow() + "; s=" + selector.orElseThrow()
                    + "; h=; bh=; b=;";
            new DKIMSigner(template.replace("h=;", "h=from;"), dkimKey); // refuse bad settings at start
        } catch (Exception e) {
            throw new IllegalStateException("The DKIM settings are not usable: " + e.getMessage(), e);
        }
    }

    /** Plain sockets with TCP_NODELAY. */
    private static final class NoDelaySockets extends javax.net.SocketFactory {
        @Override
        public java.net.Socket createSocket() throws IOException {
            java.net.Socket socket = new java.net.Socket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws IOException {
            return connected(new java.net.InetSocketAddress(host, port));
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress localHost, int localPort)
                throws IOException {
            return createSocket(host, port);
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws IOException {
            return connected(new java.net.InetSocketAddress(host, port));
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress localAddress,
                int localPort) throws IOException {
            return createSocket(address, port);
        }

        private java.net.Socket connected(java.net.InetSocketAddress address) throws IOException {
            java.net.Socket socket = createSocket();
            socket.connect(address, 10_000);
            return socket;
        }
    }

    @PreDestroy
    void closeAll() {
        Transport transport;
        while ((transport = idle.poll()) != null) {
            close(transport);
        }
    }

    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.debug("closing an SMTP connection failed", e);
        }
    }
}
