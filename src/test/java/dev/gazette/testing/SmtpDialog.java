package dev.gazette.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain SMTP client for tests that need each reply code: connects, greets, and says one command
 * at a time. No library in between, so what a test sees is what the server answered.
 */
public final class SmtpDialog implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    public SmtpDialog(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(15_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
        reply(); // the greeting
        command("EHLO test.example");
    }

    /** Sends one command line and returns the reply's code. */
    public int command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** DATA, the message (dot-stuffed) and its end; the reply code to the message, or DATA's own refusal. */
    public int data(byte[] message) throws IOException {
        int code = command("DATA");
        if (code != 354) {
            return code;
        }
        String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n.", "\r\n..");
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.write((text.endsWith("\r\n") ? ".\r\n" : "\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** A whole transaction: the envelope, then the message; the first refusal's code, or the message's. */
    public int send(String from, String to, byte[] message) throws IOException {
        int code = command("MAIL FROM:<" + from + ">");
        if (code != 250) {
            return code;
        }
        code = command("RCPT TO:<" + to + ">");
        if (code != 250) {
            command("RSET");
            return code;
        }
        return data(message);
    }

    private int reply() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("the server closed the connection");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return Integer.parseInt(line.substring(0, 3));
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException e) {
            // closing anyway
        }
        socket.close();
    }
}
