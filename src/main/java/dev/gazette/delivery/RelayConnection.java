package dev.gazette.delivery;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One kept-alive SMTP connection to the relay (RFC 5321), used by one thread at a time. A message
 * is one transaction: with PIPELINING (RFC 2920) its MAIL, RCPT and DATA go out in one write, so a
 * message costs two round trips instead of four; the message goes out as it is, in one write.
 * <p>
 * It speaks only what a sender needs: EHLO, STARTTLS or implicit TLS, AUTH PLAIN or LOGIN, the
 * transaction, RSET and QUIT. A relay's refusal comes back as a {@link Reply}; a broken connection
 * as an {@link IOException}, after which the connection is never used again.
 */
final class RelayConnection implements AutoCloseable {

    /** How to reach and talk to the relay. */
    record Settings(String host, int port, boolean implicitTls, StartTls startTls, boolean trustAll, String ownHostName,
            String username, String password, int connectTimeoutMillis, int readTimeoutMillis) {
    }

    enum StartTls {
        DISABLED, OPTIONAL, REQUIRED
    }

    /** A reply of the relay: its code and its whole text, lines joined; {@code toSender} if it answers MAIL FROM. */
    record Reply(int code, String text, boolean toSender) {
        Reply(int code, String text) {
            this(code, text, false);
        }

        boolean positive() {
            return code >= 200 && code < 400;
        }

        Reply asSenderReply() {
            return new Reply(code, text, true);
        }
    }

    private final Settings settings;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private Set<String> extensions = Set.of();
    /** False once the relay said it is closing (421) or the conversation went wrong. */
    private boolean usable = true;
    private final byte[] line = new byte[1024];

    private RelayConnection(Settings settings) {
        this.settings = settings;
    }

    /**
     * Connects, greets, secures and authenticates. A relay that refuses to let us in answers with
     * its reply in a {@link Refused}.
     */
    static RelayConnection open(Settings settings) throws IOException {
        RelayConnection connection = new RelayConnection(settings);
        try {
            connection.handshake();
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.abandon();
            throw e;
        }
    }

    private void handshake() throws IOException {
        Socket plain = new Socket();
        plain.setTcpNoDelay(true); // SMTP is a dialogue of small writes: no Nagle delays
        plain.connect(new InetSocketAddress(settings.host(), settings.port()), settings.connectTimeoutMillis());
        plain.setSoTimeout(settings.readTimeoutMillis());
        use(settings.implicitTls() ? tls(plain) : plain);
        expect(read(), 220);
        ehlo();
        if (!settings.implicitTls() && settings.startTls() != StartTls.DISABLED) {
            if (extensions.contains("STARTTLS")) {
                command("STARTTLS");
                expect(read(), 220);
                use(tls(socket));
                ehlo();
            } else if (settings.startTls() == StartTls.REQUIRED) {
                throw new Refused(new Reply(530, "530 5.7.10 the relay does not offer STARTTLS, which is required"));
            }
        }
        if (settings.username() != null) {
            authenticate();
        }
    }

    private void ehlo() throws IOException {
        command("EHLO " + settings.ownHostName());
        Reply reply = read();
        if (reply.code() != 250) {
            command("HELO " + settings.ownHostName()); // a relay from before ESMTP
            expect(read(), 250);
            extensions = Set.of();
            return;
        }
        Set<String> offered = new TreeSet<>();
        String[] lines = reply.text().split("\n");
        for (int i = 1; i < lines.length; i++) {
            offered.add(lines[i].substring(Math.min(4, lines[i].length())).trim().toUpperCase(Locale.ROOT));
        }
        extensions = offered;
    }

    private void authenticate() throws IOException {
        String mechanisms = extensions.stream().filter(e -> e.startsWith("AUTH ") || e.startsWith("AUTH=")).findFirst()
                .orElse("AUTH PLAIN");
        Base64.Encoder base64 = Base64.getEncoder();
        Reply reply;
        if (mechanisms.contains("PLAIN") || !mechanisms.contains("LOGIN")) {
            String credentials = "\0" + settings.username() + "\0" + nullToEmpty(settings.password());
            command("AUTH PLAIN " + base64.encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
            reply = read();
        } else {
            command("AUTH LOGIN");
            expect(read(), 334);
            command(base64.encodeToString(settings.username().getBytes(StandardCharsets.UTF_8)));
            expect(read(), 334);
            command(base64.encodeToString(nullToEmpty(settings.password()).getBytes(StandardCharsets.UTF_8)));
            reply = read();
        }
        if (reply.code() != 235) {
            throw new Refused(reply);
        }
    }

    /**
     * One message to one recipient. Returns the relay's last reply: 250 once it took the message,
     * its refusal otherwise (after which the transaction is reset, so the connection stays usable).
     */
    Reply send(String envelopeFrom, String recipient, byte[] message) throws IOException {
        if (pipelining()) {
            writeEnvelope(envelopeFrom, recipient);
            Reply refusal = envelopeReplies();
            return refusal != null ? refusal : data(message);
        }
        command("MAIL FROM:<" + envelopeFrom + ">");
        Reply refusal = failed(read());
        if (refusal != null) {
            refusal = refusal.asSenderReply();
        }
        if (refusal == null) {
            command("RCPT TO:<" + recipient + ">");
            refusal = failed(read());
        }
        if (refusal == null) {
            command("DATA");
            Reply dataReply = read();
            if (dataReply.code() == 354) {
                return data(message);
            }
            refusal = dataReply;
        }
        if (usable) {
            reset();
        }
        return refusal;
    }

    /** Whether the relay takes a message's commands in one write (RFC 2920). */
    boolean pipelining() {
        return extensions.contains("PIPELINING");
    }

    /** Writes MAIL, RCPT and DATA in one go; their replies are read by {@link #envelopeReplies()}. */
    void writeEnvelope(String envelopeFrom, String recipient) throws IOException {
        write("MAIL FROM:<" + envelopeFrom + ">\r\nRCPT TO:<" + recipient + ">\r\nDATA\r\n");
    }

    /**
     * Reads the replies to {@link #writeEnvelope}: null when the relay waits for the message (354),
     * its refusal otherwise, the transaction then reset.
     */
    Reply envelopeReplies() throws IOException {
        Reply mailReply = read();
        if (!usable) {
            return mailReply;
        }
        Reply rcptReply = read();
        if (!usable) {
            return rcptReply;
        }
        Reply dataReply = read();
        if (!usable) {
            return dataReply;
        }
        Reply refusal = !mailReply.positive() ? mailReply.asSenderReply() : !rcptReply.positive() ? rcptReply : null;
        if (dataReply.code() == 354) {
            if (refusal == null) {
                return null;
            }
            write(".\r\n"); // DATA was taken despite the refusal: close it empty, nothing is sent
            read();
        } else if (refusal == null) {
            refusal = dataReply;
        }
        if (usable) {
            reset();
        }
        return refusal;
    }

    /** Writes the message after a 354; its reply is read later with {@link #reply()}. */
    void writeMessage(byte[] message) throws IOException {
        writeDotStuffed(message);
    }

    /** The next reply: the one to a message written with {@link #writeMessage}. */
    Reply reply() throws IOException {
        return read();
    }

    private Reply data(byte[] message) throws IOException {
        writeDotStuffed(message);
        Reply reply = read();
        if (!reply.positive() && usable) {
            reset();
        }
        return reply;
    }

    private void reset() throws IOException {
        command("RSET");
        read();
    }

    /** The message with every line that opens with a dot doubled (RFC 5321 4.5.2), then the lone dot. */
    private void writeDotStuffed(byte[] message) throws IOException {
        int from = 0;
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '.' && (i == 0 || message[i - 1] == '\n')) {
                out.write(message, from, i - from);
                out.write('.');
                from = i;
            }
        }
        out.write(message, from, message.length - from);
        boolean endsWithBreak = message.length >= 2 && message[message.length - 2] == '\r'
                && message[message.length - 1] == '\n';
        out.write((endsWithBreak ? ".\r\n" : "\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    boolean usable() {
        return usable;
    }

    /** Says goodbye without waiting for the answer, and closes. */
    @Override
    public void close() {
        try {
            if (socket != null && !socket.isClosed()) {
                write("QUIT\r\n");
            }
        } catch (IOException ignored) {
            // the relay is gone already
        }
        abandon();
    }

    private void abandon() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    private SSLSocket tls(Socket plain) throws IOException {
        SSLSocketFactory factory = settings.trustAll() ? TrustAll.factory() : (SSLSocketFactory) SSLSocketFactory.getDefault();
        SSLSocket tls = (SSLSocket) factory.createSocket(plain, settings.host(), settings.port(), true);
        if (!settings.trustAll()) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the relay
            tls.setSSLParameters(parameters);
        }
        tls.startHandshake();
        return tls;
    }

    private void command(String command) throws IOException {
        write(command + "\r\n");
    }

    private void write(String commands) throws IOException {
        out.write(commands.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One reply, all its lines ({@code 250-...} up to {@code 250 ...}). */
    private Reply read() throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String next = readLine();
            if (next.length() < 3) {
                throw new IOException("the relay's reply is not SMTP: " + next);
            }
            text.append(text.isEmpty() ? "" : "\n").append(next);
            if (next.length() == 3 || next.charAt(3) != '-') {
                int code;
                try {
                    code = Integer.parseInt(next.substring(0, 3));
                } catch (NumberFormatException e) {
                    usable = false;
                    throw new IOException("the relay's reply is not SMTP: " + next);
                }
                if (code == 421) {
                    usable = false; // the relay is closing this connection (RFC 5321 3.8)
                }
                return new Reply(code, text.toString());
            }
        }
    }

    private String readLine() throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                usable = false;
                throw new IOException("the relay closed the connection");
            }
            if (b == '\n') {
                int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                return new String(line, 0, end, StandardCharsets.UTF_8);
            }
            if (length < line.length) {
                line[length++] = (byte) b; // a longer line is cut; replies are short
            }
        }
    }

    private static void expect(Reply reply, int code) {
        if (reply.code() != code) {
            throw new Refused(reply);
        }
    }

    private static Reply failed(Reply reply) {
        return reply.positive() ? null : reply;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** The relay refused the connection itself (greeting, TLS, authentication): its reply says why. */
    static final class Refused extends RuntimeException {
        final Reply reply;

        Refused(Reply reply) {
            super(reply.text(), null, false, false);
            this.reply = reply;
        }
    }

    /** For a relay with a self-signed certificate, only when {@code quarkus.mailer.trust-all} says so. */
    private static final class TrustAll {
        static SSLSocketFactory factory() throws IOException {
            try {
                javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
                context.init(null, new javax.net.ssl.TrustManager[]{new javax.net.ssl.X509TrustManager() {
                    @Override
                    public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                        return new java.security.cert.X509Certificate[0];
                    }
                }}, null);
                return context.getSocketFactory();
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
        }
    }
}
