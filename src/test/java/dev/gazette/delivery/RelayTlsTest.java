package dev.gazette.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gazette.delivery.RelayConnection.StartTls;
import dev.gazette.testing.ScriptedSmtpServer;
import dev.gazette.testing.ScriptedSmtpServer.Security;
import dev.gazette.testing.ScriptedSmtpServer.Session;

/**
 * The own SMTP client against a scripted relay with a test certificate (src/test/resources/relay-tls):
 * STARTTLS in its explicit modes, implicit TLS with the relay's name checked, AUTH PLAIN and LOGIN.
 * The client trusts the JVM's default trust store; these tests make it one that holds both test
 * certificates, so a refusal can only come from the name check, and put the original back after.
 */
class RelayTlsTest {

    private static final String USER = "gazette";
    private static final String PASSWORD = "relay password";
    private static final byte[] MESSAGE = "Subject: hello\r\n\r\nA short letter.\r\n".getBytes(StandardCharsets.US_ASCII);

    private static SSLContext original;

    @BeforeAll
    static void trustTheTestCertificates() throws Exception {
        original = SSLContext.getDefault();
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store("trusted.p12"));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLContext.setDefault(context);
    }

    @AfterAll
    static void restoreTheDefaultTrust() {
        SSLContext.setDefault(original);
    }

    @Test
    void startTlsRequiredRefusesARelayThatDoesNotOfferItBeforeAnyPasswordIsSent() throws Exception {
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer(new Security(null, false, false, List.of("PLAIN"), USER,
                PASSWORD))) {
            assertThatThrownBy(() -> RelayConnection.open(settings(relay, false, StartTls.REQUIRED)))
                    .isInstanceOfSatisfying(RelayConnection.Refused.class,
                            refused -> assertThat(refused.reply.code()).isEqualTo(530));
            Session session = awaitSession(relay);
            assertThat(session.authMechanism()).as("no AUTH over a plain connection").isNull();
            assertThat(session.messages()).isZero();
        }
    }

    @Test
    void startTlsRequiredSecuresTheSessionThenLogsInWithPlainAndSends() throws Exception {
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer(new Security(server("relay.p12"), false, true,
                List.of("PLAIN", "LOGIN"), USER, PASSWORD));
                RelayConnection connection = RelayConnection.open(settings(relay, false, StartTls.REQUIRED))) {
            assertThat(connection.send("bounces@example.com", "reader@example.com", MESSAGE).code()).isEqualTo(250);
            connection.close();
            Session session = awaitSession(relay);
            assertThat(session.tls()).isTrue();
            assertThat(session.authMechanism()).isEqualTo("PLAIN");
            assertThat(session.authUser()).isEqualTo(USER);
            assertThat(session.authPassword()).isEqualTo(PASSWORD);
            assertThat(session.messages()).isOne();
            assertThat(relay.acceptedFor("reader@example.com")).isOne();
        }
    }

    @Test
    void startTlsOptionalUsesTlsWhenOfferedAndPlainWhenNot() throws Exception {
        try (ScriptedSmtpServer offering = new ScriptedSmtpServer(new Security(server("relay.p12"), false, true, List.of(),
                null, null));
                ScriptedSmtpServer plain = new ScriptedSmtpServer()) {
            for (ScriptedSmtpServer relay : List.of(offering, plain)) {
                try (RelayConnection connection = RelayConnection.open(anonymous(relay, StartTls.OPTIONAL))) {
                    assertThat(connection.send("bounces@example.com", "reader@example.com", MESSAGE).code()).isEqualTo(250);
                }
            }
            assertThat(awaitSession(offering).tls()).isTrue();
            assertThat(awaitSession(plain).tls()).isFalse();
        }
    }

    @Test
    void startTlsDisabledNeverStartsTlsEvenWhenOffered() throws Exception {
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer(new Security(server("relay.p12"), false, true, List.of(),
                null, null));
                RelayConnection connection = RelayConnection.open(anonymous(relay, StartTls.DISABLED))) {
            assertThat(connection.send("bounces@example.com", "reader@example.com", MESSAGE).code()).isEqualTo(250);
            connection.close();
            assertThat(awaitSession(relay).tls()).isFalse();
        }
    }

    @Test
    void implicitTlsTakesACertificateForTheRelaysNameAndLogsInWithLogin() throws Exception {
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer(new Security(server("relay.p12"), true, false,
                List.of("LOGIN"), USER, PASSWORD));
                RelayConnection connection = RelayConnection.open(settings(relay, true, StartTls.DISABLED))) {
            assertThat(connection.send("bounces@example.com", "reader@example.com", MESSAGE).code()).isEqualTo(250);
            connection.close();
            Session session = awaitSession(relay);
            assertThat(session.tls()).isTrue();
            assertThat(session.authMechanism()).isEqualTo("LOGIN");
            assertThat(session.authUser()).isEqualTo(USER);
            assertThat(session.authPassword()).isEqualTo(PASSWORD);
            assertThat(session.messages()).isOne();
        }
    }

    @Test
    void implicitTlsRefusesATrustedCertificateForAnotherName() throws Exception {
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer(new Security(server("wrong-name.p12"), true, false,
                List.of("PLAIN"), USER, PASSWORD))) {
            assertThatThrownBy(() -> RelayConnection.open(settings(relay, true, StartTls.DISABLED)))
                    .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("127.0.0.1");
            Session session = awaitSession(relay);
            assertThat(session.authMechanism()).isNull();
            assertThat(session.messages()).isZero();
        }
    }

    @Test
    void startTlsRefusesATrustedCertificateForAnotherName() throws Exception {
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer(new Security(server("wrong-name.p12"), false, true,
                List.of("PLAIN"), USER, PASSWORD))) {
            assertThatThrownBy(() -> RelayConnection.open(settings(relay, false, StartTls.REQUIRED)))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(awaitSession(relay).authMechanism()).isNull();
        }
    }

    @Test
    void aWrongPasswordIsTheRelaysRefusal() throws Exception {
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer(new Security(server("relay.p12"), false, true,
                List.of("PLAIN"), USER, "another password"))) {
            assertThatThrownBy(() -> RelayConnection.open(settings(relay, false, StartTls.REQUIRED)))
                    .isInstanceOfSatisfying(RelayConnection.Refused.class,
                            refused -> assertThat(refused.reply.code()).isEqualTo(535));
            Session session = awaitSession(relay);
            assertThat(session.tls()).isTrue();
            assertThat(session.authenticated()).isFalse();
        }
    }

    private static RelayConnection.Settings settings(ScriptedSmtpServer relay, boolean implicitTls, StartTls startTls) {
        return new RelayConnection.Settings("127.0.0.1", relay.port(), implicitTls, startTls, false, "gazette.test", USER,
                PASSWORD, 5_000, 5_000);
    }

    /** The same without an account: for relays that offer no AUTH. */
    private static RelayConnection.Settings anonymous(ScriptedSmtpServer relay, StartTls startTls) {
        return new RelayConnection.Settings("127.0.0.1", relay.port(), false, startTls, false, "gazette.test", null, null,
                5_000, 5_000);
    }

    /** The relay writes a session down when the client has gone; the client closed it already. */
    private static Session awaitSession(ScriptedSmtpServer relay) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !relay.sessions().isEmpty());
        assertThat(relay.sessions()).hasSize(1);
        return relay.sessions().get(0);
    }

    private static SSLContext server(String keyStore) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store(keyStore), "test-only".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static KeyStore store(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = RelayTlsTest.class.getResourceAsStream("/relay-tls/" + name)) {
            store.load(in, "test-only".toCharArray());
        }
        return store;
    }
}
