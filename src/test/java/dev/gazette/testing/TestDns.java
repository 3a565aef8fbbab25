package dev.gazette.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A tiny authoritative DNS server for tests, over UDP on a free loopback port: it answers from the
 * records a test publishes ({@link #txt}, {@link #cname}) with dnsjava's own message classes, and
 * says NXDOMAIN for a name it has nothing at. Started once per test JVM; the application's
 * {@code gazette.domains.resolver} points at it.
 */
public class TestDns implements QuarkusTestResourceLifecycleManager {

    private static volatile TestDns running;

    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private DatagramSocket socket;
    private Thread thread;

    /** The server the application asks. */
    public static TestDns running() {
        return Optional.ofNullable(running).orElseThrow(() -> new AssertionError("the test DNS server is not running"));
    }

    @Override
    public Map<String, String> start() {
        try {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
        running = this;
        return Map.of("gazette.domains.resolver", "127.0.0.1:" + socket.getLocalPort());
    }

    @Override
    public void stop() {
        running = null;
        if (socket != null) {
            socket.close();
        }
    }

    /** Publishes a TXT record (added to any already at the name); a long value is split into 255-byte strings. */
    public TestDns txt(String name, String value) {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.length(); i += 255) {
            strings.add(value.substring(i, Math.min(value.length(), i + 255)));
        }
        add(new TXTRecord(name(name), DClass.IN, 60, strings));
        return this;
    }

    /** Publishes an alias. */
    public TestDns cname(String name, String target) {
        add(new CNAMERecord(name(name), DClass.IN, 60, name(target)));
        return this;
    }

    /** Takes away every record at the name. */
    public TestDns remove(String name) {
        records.remove(name(name));
        return this;
    }

    /** The TXT values at a name, as a resolver would see them (for a verifier's key lookup). */
    public List<String> txtAt(String name) {
        return records.getOrDefault(name(name), List.of()).stream().filter(r -> r instanceof TXTRecord)
                .map(r -> String.join("", ((TXTRecord) r).getStrings())).toList();
    }

    private void add(Record record) {
        records.computeIfAbsent(record.getName(), n -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(record);
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] answer = answer(new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength())));
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private byte[] answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        List<Record> at = records.get(question.getName());
        if (at == null || at.isEmpty()) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            at.stream().filter(r -> r.getType() == question.getType() || question.getType() == Type.ANY)
                    .forEach(r -> response.addRecord(r, Section.ANSWER));
        }
        return response.toWire(65535);
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
