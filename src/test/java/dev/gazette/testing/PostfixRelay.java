package dev.gazette.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Postfix (Debian's {@code postfix} package) started in a temporary directory as the relay:
 * it listens on a free port on 127.0.0.1, relays every message to a {@link ScriptedSmtpServer}
 * (the "internet", which may refuse a recipient after DATA), and sends mail for the bounce domain
 * (the DSNs it writes itself included) to Gazette's inbound listener, by a transport map, as
 * {@code docker/compose.yaml}'s relay does. The application is configured to send through it.
 * <p>
 * Without Postfix the resource starts nothing and {@link #require()} skips the test, except under
 * {@code CI=true}, where that is a failure ({@code .ci/run} installs Postfix).
 */
public class PostfixRelay implements QuarkusTestResourceLifecycleManager {

    public static final String BOUNCE_DOMAIN = "bounce.gazette.test";
    private static final String INSTALL = "apt-get install postfix, and run as root";

    private static ScriptedSmtpServer sink;
    private static Path directory;
    private static int relayPort;
    private static String postfix;

    /** The internet beyond the relay. */
    public static ScriptedSmtpServer sink() {
        return sink;
    }

    public static int relayPort() {
        return relayPort;
    }

    /** Postfix's own log of this run: what it relayed, bounced and forwarded. */
    public static String log() throws IOException {
        Path log = directory.resolve("postfix.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Skips the calling test when Postfix is not installed (fails under CI=true). */
    public static void require() {
        if (sink == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but postfix is missing: " + INSTALL);
            }
            Assumptions.abort("Relay test skipped: Postfix is needed (" + INSTALL + ")");
        }
    }

    @Override
    public Map<String, String> start() {
        Optional<String> found = onPath("postfix");
        // Postfix's master process starts as root (CI and the project's machines run as root)
        if (found.isEmpty() || !"root".equals(System.getProperty("user.name"))) {
            return Map.of();
        }
        postfix = found.get();
        try {
            sink = new ScriptedSmtpServer();
            relayPort = freePort();
            int listenerPort = freePort();
            directory = Files.createTempDirectory("gazette-postfix");
            configure(directory, sink.port(), listenerPort);
            run(postfix, "-c", directory.toString(), "start");
            awaitPort(relayPort);
            return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(relayPort),
                    "quarkus.mailer.start-tls", "DISABLED", "quarkus.mailer.tls", "false", "quarkus.mailer.mock", "false",
                    "gazette.inbound.port", Integer.toString(listenerPort), "gazette.inbound.host", "127.0.0.1",
                    "gazette.inbound.bounce-domain", BOUNCE_DOMAIN);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Postfix could not be started: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        try {
            if (directory != null) {
                run(postfix, "-c", directory.toString(), "stop");
            }
            if (sink != null) {
                sink.close();
            }
        } catch (IOException | InterruptedException e) {
            // the temporary directory and the sink go with the JVM
        }
    }

    /** A relay instance: no local delivery, everything to the sink but the bounce domain, which goes to Gazette. */
    private static void configure(Path dir, int sinkPort, int listenerPort) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("queue"));
        Files.writeString(dir.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + dir.resolve("queue"),
                "data_directory = " + data,
                "meta_directory = /etc/postfix",
                "maillog_file = " + dir.resolve("postfix.log"),
                "maillog_file_prefixes = " + dir,
                "myhostname = relay.gazette.test",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "mydestination =",
                "local_recipient_maps =",
                "alias_maps =",
                "alias_database =",
                "mynetworks = 127.0.0.0/8",
                "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination",
                "relay_domains = " + BOUNCE_DOMAIN,
                "relayhost = [127.0.0.1]:" + sinkPort,
                "transport_maps = texthash:" + dir.resolve("transport"),
                "smtp_dns_support_level = disabled",
                "smtp_tls_security_level = none",
                "smtpd_tls_security_level = none",
                "delay_warning_time = 0",
                ""));
        // the relay's own bounces and forwarded mail for the bounce domain go to Gazette's listener
        Files.writeString(dir.resolve("transport"), BOUNCE_DOMAIN + " smtp:[127.0.0.1]:" + listenerPort + "\n");
        Files.writeString(dir.resolve("master.cf"), String.join("\n",
                "127.0.0.1:" + relayPort + " inet n - n - - smtpd",
                "pickup unix n - n 60 1 pickup",
                "cleanup unix n - n - 0 cleanup",
                "qmgr unix n - n 300 1 qmgr",
                "rewrite unix - - n - - trivial-rewrite",
                "bounce unix - - n - 0 bounce",
                "defer unix - - n - 0 bounce",
                "trace unix - - n - 0 bounce",
                "verify unix - - n - 1 verify",
                "flush unix n - n 1000? 0 flush",
                "proxymap unix - - n - - proxymap",
                "smtp unix - - n - - smtp",
                "relay unix - - n - - smtp",
                "showq unix n - n - - showq",
                "error unix - - n - - error",
                "retry unix - - n - - error",
                "discard unix - - n - - discard",
                "anvil unix - - n - 1 anvil",
                "scache unix - - n - 1 scache",
                "postlog unix-dgram n - n - 1 postlogd",
                ""));
        // Postfix's own user must reach the queue and own its data directory
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setOwner(data, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix"));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static Optional<String> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator
                + "/sbin";
        return Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, name)).filter(Files::isExecutable)
                .map(Path::toString).findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws IOException, InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                if (Instant.now().isAfter(until)) {
                    throw new IOException("Postfix did not listen on " + port + ": " + log());
                }
                Thread.sleep(100);
            }
        }
    }
}
