package dev.gazette.delivery;

import java.io.IOException;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.james.jdkim.DKIMSigner;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The delivery engine's own way to the relay: kept-alive, pipelining SMTP connections
 * ({@link RelayConnection}) in a bounded pool, DKIM signing (Apache jDKIM) with the same settings
 * as quarkus-mailer, and the relay's reply turned into an {@link SmtpOutcome}. Issues do not go
 * through quarkus-mailer or a mail library: their general-purpose encoders and byte-by-byte
 * streams were most of the send path's CPU time (see ADR 5). Account and subscriber mail still
 * uses quarkus-mailer.
 * <p>
 * It reads the {@code quarkus.mailer.*} settings (host, port, credentials, TLS, own host name,
 * DKIM), so one configuration serves both.
 */
@ApplicationScoped
class RelayMessenger {


    private final RelayConnection.Settings settings;
    private final BlockingQueue<RelayConnection> idle = new LinkedBlockingQueue<>();
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
            @ConfigProperty(name = "quarkus.mailer.trust-all", defaultValue = "false") boolean trustAll,
            @ConfigProperty(name = "quarkus.mailer.own-host-name") Optional<String> ownHostName,
            @ConfigProperty(name = "quarkus.mailer.max-pool-size", defaultValue = "10") int poolSize,
            @ConfigProperty(name = "quarkus.mailer.dkim.enabled", defaultValue = "false") boolean dkim,
            @ConfigProperty(name = "quarkus.mailer.dkim.private-key") Optional<String> dkimKey,
            @ConfigProperty(name = "quarkus.mailer.dkim.private-key-path") Optional<String> dkimKeyPath,
            @ConfigProperty(name = "quarkus.mailer.dkim.selector") Optional<String> selector,
            @ConfigProperty(name = "quarkus.mailer.dkim.sdid") Optional<String> sdid,
            @ConfigProperty(name = "quarkus.mailer.dkim.signed-headers") Optional<List<String>> signedHeaders) {
        this.settings = new RelayConnection.Settings(host, port.orElse(tls ? 465 : 25), tls,
                RelayConnection.StartTls.valueOf(startTls.toUpperCase(Locale.ROOT)), trustAll,
                ownHostName.orElse("localhost"), username.orElse(null), password.orElse(null), 10_000, 60_000);
        this.connections = new Semaphore(Math.max(1, poolSize));
        if (dkim) {
            configureDkim(dkimKey, dkimKeyPath, selector, sdid, signedHeaders);
        }
    }

    /** Sends one message to one recipient and says what the relay answered. Blocks. */
    SmtpOutcome send(byte[] raw, List<String> headerNames, String envelopeFrom, String recipient) {
        byte[] message;
        try {
            message = signed(raw, headerNames);
        } catch (Exception e) {
            throw new IllegalStateException("the message could not be signed: " + e.getMessage(), e);
        }
        try {
            connections.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SmtpOutcome.classify(421, "421 4.3.2 shutting down");
        }
        try {
            RelayConnection reused = idle.poll();
            if (reused != null) {
                try {
                    return answer(reused, reused.send(envelopeFrom, recipient, message));
                } catch (IOException e) {
                    reused.close(); // the kept-alive connection had died (the relay closed it): once more, afresh
                }
            }
            RelayConnection fresh = null;
            try {
                fresh = RelayConnection.open(settings);
                RelayConnection.Reply reply = fresh.send(envelopeFrom, recipient, message);
                RelayConnection kept = fresh;
                fresh = null;
                return answer(kept, reply);
            } catch (RelayConnection.Refused refused) {
                return SmtpOutcome.classify(refused.reply.code(), refused.reply.text());
            } catch (IOException e) {
                return outcome(e);
            } finally {
                if (fresh != null) {
                    fresh.close(); // after a failure the session's state is unknown: never reuse it
                }
            }
        } finally {
            connections.release();
        }
    }

    /** Keeps the connection for the next message if it is still good, and classifies the reply. */
    private SmtpOutcome answer(RelayConnection connection, RelayConnection.Reply reply) {
        if (connection.usable()) {
            idle.add(connection);
        } else {
            connection.close();
        }
        return SmtpOutcome.classify(reply.code(), reply.text());
    }

    /** The message with its DKIM-Signature header in front, when a key is configured. */
    private byte[] signed(byte[] raw, List<String> headerNames) throws Exception {
        String signature = sign(headerNames, raw);
        if (signature == null) {
            return raw;
        }
        byte[] header = (signature + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[header.length + raw.length];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(raw, 0, message, header.length, raw.length);
        return message;
    }

    /** The DKIM-Signature header for these bytes, over the configured headers the message has. */
    private String sign(List<String> headerNames, byte[] raw) throws Exception {
        if (dkimKey == null) {
            return null;
        }
        List<String> present = new java.util.ArrayList<>();
        for (String header : signedHeaders) {
            if (headerNames.stream().anyMatch(header::equalsIgnoreCase)) {
                present.add(header.toLowerCase(Locale.ROOT));
            }
        }
        DKIMSigner forThis = new DKIMSigner(template.replace("h=;", "h=" + String.join(":", present) + ";"), dkimKey);
        return forThis.sign(new java.io.ByteArrayInputStream(raw));
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

    @PreDestroy
    void closeAll() {
        RelayConnection connection;
        while ((connection = idle.poll()) != null) {
            connection.close();
        }
    }
}
