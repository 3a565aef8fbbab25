package dev.gazette.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import dev.gazette.embedded.CapturedMessage;

/**
 * A real SMTP server for tests whose answers are scripted per recipient: refuse at RCPT or after
 * DATA with any reply, a given number of times, then accept; go down and come back on the same
 * port. It keeps every accepted message, and the Message-ID of every attempt. With {@link Security}
 * it also speaks TLS (implicit, or STARTTLS when offered) and AUTH PLAIN or LOGIN, and records how
 * each session was secured and who logged in.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** A scripted answer for one recipient: at which stage, what reply, how many times (-1: always). */
    public record Rule(Stage stage, String reply, int times) {
    }

    /** Where a rule answers; a MAIL rule is keyed by the envelope sender instead of a recipient. */
    public enum Stage {
        MAIL, RCPT, DATA
    }

    /**
     * How the relay secures sessions: a TLS context (null: plain only), whether TLS starts at once
     * (implicit) or is offered as STARTTLS, and the AUTH mechanisms offered (empty: no AUTH) with the
     * one account they accept. With AUTH offered, MAIL is refused until the client logged in.
     */
    public record Security(SSLContext tls, boolean implicitTls, boolean offerStartTls, List<String> authMechanisms,
            String username, String password) {

        public static Security plain() {
            return new Security(null, false, false, List.of(), null, null);
        }
    }

    /** What one session did: whether it ran under TLS when it logged in or sent, and its AUTH. */
    public record Session(boolean tls, String authMechanism, String authUser, String authPassword, boolean authenticated,
            int messages) {
    }

    private final int port;
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
    private final List<CapturedMessage> accepted = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> attemptsByRecipient = new ConcurrentHashMap<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-smtp");
        t.setDaemon(true);
        return t;
    });
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final Security security;
    private volatile ServerSocket server;

    public ScriptedSmtpServer() throws IOException {
        this(Security.plain());
    }

    public ScriptedSmtpServer(Security security) throws IOException {
        this.security = security;
        ServerSocket socket = bind(0);
        this.port = socket.getLocalPort();
        listen(socket);
    }

    public int port() {
        return port;
    }

    public void rule(String recipient, Rule rule) {
        rules.put(recipient.toLowerCase(), rule);
        applied.remove(recipient.toLowerCase());
    }

    public void clearRule(String recipient) {
        rules.remove(recipient.toLowerCase());
    }

    public List<CapturedMessage> accepted() {
        return List.copyOf(accepted);
    }

    public long acceptedFor(String recipient) {
        return accepted.stream().filter(m -> m.recipients().contains(recipient.toLowerCase())).count();
    }

    /** The Message-ID of every DATA this recipient's messages reached, accepted or not. */
    public List<String> messageIdsOfAttempts(String recipient) {
        return attemptsByRecipient.getOrDefault(recipient.toLowerCase(), List.of());
    }

    /** Every session that ended (QUIT or the client left), in the order they ended. */
    public List<Session> sessions() {
        return List.copyOf(sessions);
    }

    /** Whether the accepted messages came to satisfy {@code done} within {@code timeout}. */
    public boolean awaitAccepted(Predicate<List<CapturedMessage>> done, Duration timeout) {
        try {
            Awaitility.await("the relay accepted the messages awaited").atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> done.test(accepted()));
            return true;
        } catch (ConditionTimeoutException notInTime) {
            return false;
        }
    }

    /** The first message accepted for this recipient, once there is one. */
    public CapturedMessage awaitMessageTo(String recipient, Duration timeout) {
        String address = recipient.toLowerCase();
        if (!awaitAccepted(all -> all.stream().anyMatch(m -> m.recipients().contains(address)), timeout)) {
            throw new AssertionError("no message to " + recipient + " within " + timeout);
        }
        return accepted.stream().filter(m -> m.recipients().contains(address)).findFirst().orElseThrow();
    }

    /** The relay goes down: the port refuses connections and open sessions are cut. */
    public synchronized void goDown() throws IOException {
        server.close();
        for (Socket s : connections) {
            s.close();
        }
    }

    /** The relay comes back on the same port. */
    public synchronized void comeBack() throws IOException {
        listen(bind(port));
    }

    @Override
    public void close() throws IOException {
        goDown();
        threads.shutdownNow();
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void listen(ServerSocket socket) {
        server = socket;
        threads.execute(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    connections.add(client);
                    threads.execute(() -> session(client));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private void session(Socket client) {
        Socket socket = client;
        boolean tls = false;
        String mechanism = null;
        String user = null;
        String password = null;
        boolean authenticated = false;
        int messages = 0;
        try {
            if (security.implicitTls()) {
                socket = serverTls(client);
                tls = true;
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            reply(out, "220 scripted.test ESMTP");
            String from = null;
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = readLine(in)) != null) {
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO")) {
                    StringBuilder ehlo = new StringBuilder("250-scripted.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n");
                    if (security.offerStartTls() && !tls) {
                        ehlo.append("250-STARTTLS\r\n");
                    }
                    if (!security.authMechanisms().isEmpty()) {
                        ehlo.append("250-AUTH ").append(String.join(" ", security.authMechanisms())).append("\r\n");
                    }
                    reply(out, ehlo.append("250 SIZE 52428800").toString());
                } else if (upper.startsWith("HELO")) {
                    reply(out, "250 scripted.test");
                } else if (upper.equals("STARTTLS") && security.offerStartTls() && !tls) {
                    reply(out, "220 2.0.0 Ready to start TLS");
                    socket = serverTls(socket);
                    tls = true;
                    in = new BufferedInputStream(socket.getInputStream());
                    out = socket.getOutputStream();
                    from = null; // RFC 3207 4.2: the session starts afresh
                    recipients.clear();
                } else if (upper.startsWith("AUTH ") && !security.authMechanisms().isEmpty()) {
                    String[] parts = line.split(" ");
                    mechanism = parts[1].toUpperCase();
                    if (!security.authMechanisms().contains(mechanism)) {
                        reply(out, "504 5.5.4 Unrecognized authentication type");
                        continue;
                    }
                    if (mechanism.equals("PLAIN")) {
                        String encoded = parts.length > 2 ? parts[2] : null;
                        if (encoded == null) {
                            reply(out, "334 ");
                            encoded = readLine(in);
                        }
                        String[] fields = decode(encoded).split("\0", -1);
                        user = fields.length == 3 ? fields[1] : null;
                        password = fields.length == 3 ? fields[2] : null;
                    } else {
                        reply(out, "334 VXNlcm5hbWU6");
                        user = decode(readLine(in));
                        reply(out, "334 UGFzc3dvcmQ6");
                        password = decode(readLine(in));
                    }
                    authenticated = security.username().equals(user) && security.password().equals(password);
                    reply(out, authenticated
                            ? "235 2.7.0 Authentication successful"
                            : "535 5.7.8 Authentication credentials invalid");
                } else if (upper.startsWith("MAIL FROM:")) {
                    if (!security.authMechanisms().isEmpty() && !authenticated) {
                        reply(out, "530 5.7.0 Authentication required");
                        continue;
                    }
                    from = address(line.substring(10));
                    recipients.clear();
                    String refusal = scripted(from, Stage.MAIL);
                    if (refusal != null) {
                        from = null;
                        reply(out, refusal);
                    } else {
                        reply(out, "250 2.1.0 Ok");
                    }
                } else if (upper.startsWith("RCPT TO:")) {
                    String rcpt = address(line.substring(8));
                    String refusal = from == null ? "503 5.5.1 MAIL first" : scripted(rcpt, Stage.RCPT);
                    if (refusal != null) {
                        reply(out, refusal);
                        if (refusal.startsWith("421")) {
                            return;
                        }
                    } else {
                        recipients.add(rcpt);
                        reply(out, "250 2.1.5 Ok");
                    }
                } else if (upper.equals("DATA")) {
                    if (recipients.isEmpty()) {
                        reply(out, "554 5.5.1 No valid recipients");
                        continue;
                    }
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    byte[] raw = readData(in);
                    CapturedMessage message = new CapturedMessage(sequence.incrementAndGet(), Instant.now(),
                            from == null ? "" : from, List.copyOf(recipients), raw);
                    String messageId = message.header("Message-ID").orElse("");
                    String refusal = null;
                    for (String rcpt : recipients) {
                        attemptsByRecipient.computeIfAbsent(rcpt, k -> new CopyOnWriteArrayList<>()).add(messageId);
                        refusal = refusal != null ? refusal : scripted(rcpt, Stage.DATA);
                    }
                    if (refusal != null) {
                        reply(out, refusal);
                        if (refusal.startsWith("421")) {
                            return; // RFC 5321 3.8: the service is closing the channel
                        }
                    } else {
                        accepted.add(message);
                        messages++;
                        reply(out, "250 2.0.0 Ok: queued as " + message.id());
                    }
                    recipients.clear();
                } else if (upper.equals("RSET")) {
                    recipients.clear();
                    reply(out, "250 2.0.0 Ok");
                } else if (upper.equals("NOOP")) {
                    reply(out, "250 2.0.0 Ok");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 Command not recognized");
                }
            }
        } catch (IOException cut) {
            // the client left (or refused our certificate), or the relay went down
        } finally {
            sessions.add(new Session(tls, mechanism, user, password, authenticated, messages));
            connections.remove(client);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }

    /** The server side of a TLS handshake over an open connection. */
    private SSLSocket serverTls(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) security.tls().getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        return tls;
    }

    private static String decode(String base64) {
        return base64 == null ? "" : new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
    }

    private String scripted(String recipient, Stage stage) {
        Rule rule = rules.get(recipient);
        if (rule == null || rule.stage() != stage) {
            return null;
        }
        int count = applied.computeIfAbsent(recipient, k -> new AtomicInteger()).incrementAndGet();
        return rule.times() < 0 || count <= rule.times() ? rule.reply() : null;
    }

    private static String address(String arg) {
        String a = arg.trim();
        int lt = a.indexOf('<');
        int gt = a.indexOf('>');
        return (lt >= 0 && gt > lt ? a.substring(lt + 1, gt) : a.split("\\s")[0]).toLowerCase();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /**
     * Reads DATA up to the lone dot, undoing dot-stuffing (RFC 5321 4.5.2). A client that leaves
     * before the dot sent no message: like a real server, nothing is taken.
     */
    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        String line;
        while (true) {
            line = readLine(in);
            if (line == null) {
                throw new IOException("the client left in the middle of a message");
            }
            if (line.equals(".")) {
                break;
            }
            String unstuffed = line.startsWith(".") ? line.substring(1) : line;
            data.write(unstuffed.getBytes(StandardCharsets.UTF_8));
            data.write('\r');
            data.write('\n');
        }
        return data.toByteArray();
    }
}
