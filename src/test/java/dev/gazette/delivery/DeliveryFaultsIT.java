package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.AppProcess;
import dev.gazette.testing.ScriptedSmtpServer;
import dev.gazette.testing.ScriptedSmtpServer.Rule;
import dev.gazette.testing.ScriptedSmtpServer.Stage;

/**
 * The delivery engine against a relay that misbehaves on purpose, with the packaged application
 * in child processes on one PostgreSQL: retries, bounces, policy refusals, a relay outage,
 * {@code kill -9} mid-send, and two instances sharing one send.
 */
// The kill -9 test replaces the shared instance with a restarted one; it runs last so that no
// other test depends on which instance is up (every other test leaves the instance as it found it).
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryFaultsIT {

    private static final String ADMIN = "admin@it.example.com";
    private static final String ADMIN_PASSWORD = "admin password for the IT";
    private static final String WRITER_PASSWORD = "writer password for the IT";

    private static EmbeddedPostgres postgres;
    private static ScriptedSmtpServer relay;
    private static Path logs;
    private static AppProcess app;
    private static String writer;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        relay = new ScriptedSmtpServer();
        logs = Files.createTempDirectory("gazette-delivery-it");
        app = AppProcess.start(logs.resolve("app.log"), environment());
        String email = "writer-" + UUID.randomUUID().toString().substring(0, 8) + "@it.example.com";
        assertThat(app.postJson("/api/v1/auth/signup", null, "{\"email\":\"" + email + "\",\"password\":\""
                + WRITER_PASSWORD + "\",\"name\":\"Writer\"}").statusCode()).isEqualTo(201);
        writer = app.login(email, WRITER_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(relay.port()));
        env.put("QUARKUS_MAILER_TLS", "false");
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        env.put("QUARKUS_MAILER_OWN_HOST_NAME", "it.gazette.test");
        env.put("GAZETTE_ADMIN_EMAIL", ADMIN);
        env.put("GAZETTE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("GAZETTE_AUTH_SIGNUP_PER_MINUTE", "1000");
        env.put("GAZETTE_AUTH_LOGIN_PER_MINUTE", "1000");
        env.put("GAZETTE_DELIVERY_RATE_PER_SECOND", "300");
        env.put("GAZETTE_DELIVERY_RETRY_INITIAL_DELAY", "PT0.5S");
        env.put("GAZETTE_DELIVERY_RETRY_MAX_DELAY", "PT1S");
        env.put("GAZETTE_DELIVERY_CIRCUIT_OPEN_FOR", "PT0.5S");
        env.put("GAZETTE_DELIVERY_LEASE", "PT10S");
        return env;
    }

    @Test
    void transientRepliesAreRetriedThenDeliveredOnceUnderOneMessageId() throws Exception {
        Fixture f = fixture(5);
        String greylisted = f.add("greylisted");
        String busy = f.add("busy");
        relay.rule(greylisted, new Rule(Stage.RCPT, "451 4.7.1 Greylisted, try again later", 1));
        relay.rule(busy, new Rule(Stage.DATA, "421 4.3.2 Service busy", 2));

        f.sendAndAwait("sent");

        for (String address : f.addresses) {
            assertThat(relay.acceptedFor(address)).as(address).isOne();
        }
        List<String> ids = relay.messageIdsOfAttempts(busy);
        assertThat(ids).hasSize(3).allMatch(id -> id.equals(ids.get(0))).allMatch(id -> id.endsWith("@it.gazette.test>"));
        assertThat(count("SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ? "
                + "AND d.status = 'sent' AND d.last_code = 250", f.issueId)).isEqualTo(7);
        assertThat(count("SELECT max(d.attempts) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ?",
                f.issueId)).isEqualTo(3);
    }

    @Test
    void anUnknownMailboxFailsAndIsSuppressedForTheNextSend() throws Exception {
        Fixture f = fixture(3);
        String unknown = f.add("unknown");
        relay.rule(unknown, new Rule(Stage.RCPT, "550 5.1.1 <" + unknown + ">: Recipient address rejected: User unknown", -1));

        f.sendAndAwait("sent");

        assertThat(relay.acceptedFor(unknown)).isZero();
        assertThat(count("SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id JOIN subscriber x ON x.id = "
                + "d.subscriber_id WHERE s.issue_id = ? AND x.email = ? AND d.status = 'failed' AND d.bounce = 'hard' "
                + "AND d.last_status = '5.1.1' AND d.attempts = 1", f.issueId, unknown)).isOne();
        assertThat(count("SELECT count(*) FROM subscriber WHERE email = ? AND status = 'bounced'", unknown)).isOne();
        assertThat(count("SELECT count(*) FROM suppression s JOIN subscriber x ON x.email_hash = s.email_hash "
                + "WHERE x.email = ? AND s.owner_id IS NULL AND s.reason = 'bounced'", unknown)).isOne();

        long second = f.issue("second");
        f.send(second);
        f.await(second, "sent");
        assertThat(count("SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id JOIN subscriber x ON x.id = "
                + "d.subscriber_id WHERE s.issue_id = ? AND x.email = ?", second, unknown)).isZero();
        assertThat(count("SELECT total FROM send WHERE issue_id = ?", second)).isEqualTo(3);
    }

    @Test
    void aPolicyRefusalPausesTheSendWithoutSuppressingAnyone() throws Exception {
        Fixture f = fixture(3);
        String refused = f.add("refused");
        relay.rule(refused, new Rule(Stage.RCPT, "550 5.7.1 Relay access denied", -1));

        f.send(f.issueId);
        f.await(f.issueId, "paused");
        assertThat(AppProcess.field(app.get(f.path("/progress"), writer).body(), "pauseReason")).contains("5.7.1");
        assertThat(count("SELECT count(*) FROM subscriber WHERE email = ? AND status = 'active'", refused)).isOne();
        assertThat(count("SELECT count(*) FROM suppression s JOIN subscriber x ON x.email_hash = s.email_hash "
                + "WHERE x.email = ?", refused)).isZero();
        assertThat(count("SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ? "
                + "AND d.status = 'failed'", f.issueId)).isZero();

        relay.clearRule(refused); // the operator fixed the relay
        assertThat(app.postJson(f.path("/resume"), writer, "{}").statusCode()).isEqualTo(202);
        f.await(f.issueId, "sent");
        for (String address : f.addresses) {
            assertThat(relay.acceptedFor(address)).as(address).isOne();
        }
    }

    @Test
    void aRelayThatIsDownForAWhileLosesNothing() throws Exception {
        Fixture f = fixture(20);
        relay.goDown();
        try {
            f.send(f.issueId);
            // the engine tries while the relay is down: the refused connections are written on the rows
            await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM delivery d JOIN send s "
                    + "ON s.id = d.send_id WHERE s.issue_id = ? AND d.last_reply LIKE '%Connect%'", f.issueId) > 0);
            String progress = app.get(f.path("/progress"), writer).body();
            assertThat(AppProcess.field(progress, "failed")).isEqualTo("0");
            assertThat(AppProcess.field(progress, "sent")).isEqualTo("0");
            assertThat(relay.accepted()).noneMatch(m -> f.received(List.of(m)) > 0);
        } finally {
            relay.comeBack();
        }
        f.await(f.issueId, "sent");
        // after the recovery each message was tried once more, and taken: one DATA per address
        for (String address : f.addresses) {
            assertThat(relay.acceptedFor(address)).as(address).isOne();
            assertThat(relay.messageIdsOfAttempts(address)).as(address).hasSize(1);
        }
        assertThat(count("SELECT count(*) FROM delivery d JOIN send s ON s.id = d.send_id WHERE s.issue_id = ? "
                + "AND d.status = 'sent' AND d.last_code = 250", f.issueId)).isEqualTo(20);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void killMinus9MidSendThenARestartDeliversToEveryone() throws Exception {
        Fixture f = fixture(1500);
        f.send(f.issueId);
        assertThat(relay.awaitAccepted(m -> f.received(m) >= 300, Duration.ofSeconds(60))).isTrue();
        app.kill();
        long beforeRestart = f.received(relay.accepted());
        app = AppProcess.start(logs.resolve("app-restarted.log"), environment());
        f.await(f.issueId, "sent");

        Map<String, Long> perAddress = f.perAddress(relay.accepted());
        assertThat(perAddress.keySet()).containsExactlyInAnyOrderElementsOf(f.addresses);
        long duplicates = perAddress.values().stream().mapToLong(n -> n - 1).sum();
        System.out.printf("kill -9 after %d of 1500 accepted: %d duplicates (bounded by messages in flight)%n",
                beforeRestart, duplicates);
        assertThat(duplicates).isLessThanOrEqualTo(64); // 32 in flight plus outcomes not yet written
    }

    @Test
    void twoInstancesShareOneSendWithoutDuplicates() throws Exception {
        Fixture f = fixture(1500);
        Map<String, String> secondEnvironment = environment();
        // the second instance names itself in its Message-IDs, so the relay tells who sent what
        secondEnvironment.put("QUARKUS_MAILER_OWN_HOST_NAME", "second.gazette.test");
        try (AppProcess second = AppProcess.start(logs.resolve("second.log"), secondEnvironment)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> second.log().contains("Delivery engine started"));
            f.send(f.issueId); // both instances are up before the send starts
            f.await(f.issueId, "sent");
        }
        List<CapturedMessage> received = relay.accepted().stream().filter(m -> f.received(List.of(m)) > 0).toList();
        Map<String, Long> perAddress = f.perAddress(received);
        assertThat(perAddress.keySet()).containsExactlyInAnyOrderElementsOf(f.addresses);
        assertThat(perAddress.values()).allMatch(n -> n == 1);
        long bySecond = received.stream().filter(m -> m.header("Message-ID").orElse("").endsWith("@second.gazette.test>"))
                .count();
        long byFirst = received.stream().filter(m -> m.header("Message-ID").orElse("").endsWith("@it.gazette.test>"))
                .count();
        System.out.printf("two instances: %d and %d of 1500%n", byFirst, bySecond);
        assertThat(byFirst).as("sent by the first instance").isPositive();
        assertThat(bySecond).as("sent by the second instance").isPositive();
        assertThat(byFirst + bySecond).isEqualTo(1500);
    }

    @Test
    void pauseAndResumeSendNoDuplicate() throws Exception {
        Fixture f = fixture(900);
        f.send(f.issueId);
        assertThat(relay.awaitAccepted(m -> f.received(m) >= 100, Duration.ofSeconds(30))).isTrue();
        assertThat(app.postJson(f.path("/pause"), writer, "{}").statusCode()).isEqualTo(202);
        // what was in flight lands and is written down: no row of the send is held any more, and the
        // relay has exactly what the database counts as sent
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM delivery d JOIN send s "
                + "ON s.id = d.send_id WHERE s.issue_id = ? AND d.lease_owner IS NOT NULL", f.issueId) == 0
                && f.received(relay.accepted()) == count("SELECT sent_count FROM send WHERE issue_id = ?", f.issueId));
        long paused = f.received(relay.accepted());
        assertThat(paused).isLessThan(900);
        // and nothing more goes out while the send is paused
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> f.received(relay.accepted()) == paused);

        assertThat(app.postJson(f.path("/resume"), writer, "{}").statusCode()).isEqualTo(202);
        f.await(f.issueId, "sent");
        Map<String, Long> perAddress = f.perAddress(relay.accepted());
        assertThat(perAddress.keySet()).containsExactlyInAnyOrderElementsOf(f.addresses);
        assertThat(perAddress.values()).allMatch(n -> n == 1);
    }

    @Test
    void anAddressUnsubscribedMidSendGetsNothingAfterThat() throws Exception {
        Fixture f = fixture(900);
        String leaving = f.addresses.get(800);
        f.send(f.issueId);
        assertThat(relay.awaitAccepted(m -> f.received(m) >= 100, Duration.ofSeconds(30))).isTrue();
        // the unsubscribe as the one-click endpoint records it (its HTTP side is tested with the subscribers)
        execute("UPDATE subscriber SET status = 'unsubscribed', unsubscribed_at = now() WHERE email = ?", leaving);
        f.await(f.issueId, "sent");
        assertThat(relay.acceptedFor(leaving)).isZero();
        assertThat(count("SELECT skipped_count FROM send WHERE issue_id = ?", f.issueId)).isOne();
    }

    /** A publication of its own with {@code n} subscribers and a draft issue. */
    private Fixture fixture(int n) throws Exception {
        return new Fixture(n);
    }

    private final class Fixture {
        final String slug = "it-" + UUID.randomUUID().toString().substring(0, 8);
        final List<String> addresses = new ArrayList<>();
        final long issueId;

        Fixture(int n) throws Exception {
            assertThat(app.postJson("/api/v1/publications", writer, "{\"slug\":\"" + slug + "\",\"name\":\"IT " + slug
                    + "\",\"locale\":\"en\",\"senderName\":\"IT\",\"senderEmail\":\"letters@it.example.com\"}").statusCode())
                    .isEqualTo(201);
            StringBuilder csv = new StringBuilder("email,name\n");
            for (int i = 0; i < n; i++) {
                String address = slug + "-" + i + "@readers.example.com";
                addresses.add(address);
                csv.append(address).append(",Reader ").append(i).append('\n');
            }
            var imported = app.post("/api/v1/publications/" + slug + "/subscribers/import", writer, "text/csv", csv.toString());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(AppProcess.field(imported.body(), "created")).isEqualTo(Integer.toString(n));
            issueId = issue("first");
        }

        String add(String name) throws Exception {
            String address = slug + "-" + name + "@readers.example.com";
            var created = app.postJson("/api/v1/publications/" + slug + "/subscribers", writer,
                    "{\"email\":\"" + address + "\",\"name\":\"" + name + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            addresses.add(address);
            return address;
        }

        long issue(String issueSlug) throws Exception {
            var created = app.postJson("/api/v1/publications/" + slug + "/issues", writer, "{\"title\":\"Issue "
                    + issueSlug + "\",\"slug\":\"" + issueSlug + "\",\"bodyMarkdown\":\"# Hello\\n\\nA short letter.\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return Long.parseLong(AppProcess.field(created.body(), "id"));
        }

        String path(String suffix) {
            return "/api/v1/publications/" + slug + "/issues/" + issueId + suffix;
        }

        void send(long issue) throws Exception {
            var sent = app.postJson("/api/v1/publications/" + slug + "/issues/" + issue + "/send", writer, "{}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        }

        void sendAndAwait(String status) throws Exception {
            send(issueId);
            await(issueId, status);
        }

        void await(long issue, String status) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> app.get("/api/v1/publications/" + slug + "/issues/" + issue + "/progress", writer).body()
                            .contains("\"status\":\"" + status + "\""));
        }

        long received(List<CapturedMessage> messages) {
            return messages.stream().filter(m -> m.recipients().stream().anyMatch(r -> r.startsWith(slug + "-"))).count();
        }

        Map<String, Long> perAddress(List<CapturedMessage> messages) {
            return messages.stream().flatMap(m -> m.recipients().stream()).filter(r -> r.startsWith(slug + "-"))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }
    }

    private static long count(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static void execute(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }
}
