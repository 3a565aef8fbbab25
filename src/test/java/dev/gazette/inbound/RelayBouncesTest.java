package dev.gazette.inbound;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gazette.core.SignedAddresses;
import dev.gazette.testing.Db;
import dev.gazette.testing.PostfixRelay;
import dev.gazette.testing.Reports;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.ScriptedSmtpServer;
import dev.gazette.testing.SmtpDialog;

/**
 * Bounces through a real relay: Gazette sends an issue through Postfix, the receiving side (a
 * scripted server) refuses two recipients after DATA, Postfix writes its delivery status
 * notifications to the delivery's VERP address, and its transport map hands them to Gazette's
 * listener. A complaint, a mail to the unsubscribe address and a forged bounce go through the relay
 * too. {@code bench/relay-bounces.sh} runs this test alone and prints what it checked.
 */
@QuarkusTest
@QuarkusTestResource(value = PostfixRelay.class, restrictToAnnotatedClass = true)
class RelayBouncesTest {

    private static final Duration RELAY = Duration.ofSeconds(60);

    @Inject
    DataSource db;

    @Inject
    SignedAddresses addresses;

    @BeforeEach
    void postfix() {
        PostfixRelay.require();
    }

    private static void checked(String what) {
        System.out.println("checked: " + what);
    }

    private String status(String email) {
        return Db.text(db, "SELECT status FROM subscriber WHERE email = ?", email);
    }

    private long delivery(String email) {
        return Long.parseLong(Db.text(db, "SELECT d.id::text FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id "
                + "WHERE s.email = ?", email));
    }

    private String messageId(String email) {
        return Db.text(db, "SELECT d.message_id FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id "
                + "WHERE s.email = ?", email);
    }

    private String verp(String email) {
        return addresses.address(SignedAddresses.Kind.BOUNCE, delivery(email)).orElseThrow();
    }

    /** Submits a message to the relay, as a provider's server would send it to the bounce domain's MX. */
    private static void throughRelay(String from, String to, String message) throws Exception {
        try (SmtpDialog smtp = new SmtpDialog("127.0.0.1", PostfixRelay.relayPort())) {
            assertThat(smtp.send(from, to, message.getBytes(StandardCharsets.UTF_8))).as("the relay takes it").isEqualTo(250);
        }
    }

    @Test
    void bouncesComplaintsAndUnsubscribesComeBackThroughTheRelay() throws Exception {
        Scenario writer = Scenario.writer("Relayed");
        String gone1 = writer.subscriber("Gone one");
        String gone2 = writer.subscriber("Gone two");
        String angry = writer.subscriber("Angry");
        String leaving = writer.subscriber("Leaving");
        String victim = writer.subscriber("Victim");
        ScriptedSmtpServer sink = PostfixRelay.sink();
        for (String gone : List.of(gone1, gone2)) {
            sink.rule(gone, new ScriptedSmtpServer.Rule(ScriptedSmtpServer.Stage.DATA,
                    "550 5.1.1 <" + gone + ">: Recipient address rejected: User unknown in virtual mailbox table", -1));
        }
        long issue = writer.issue(Map.of("title", "Through the relay", "bodyMarkdown", "Hello"));
        writer.sendAndAwait(issue);
        checked("Gazette sent issue " + issue + " to 5 subscribers through Postfix on port " + PostfixRelay.relayPort()
                + ", each from its own VERP address, e.g. " + verp(victim));

        await().atMost(RELAY).until(() -> "bounced".equals(status(gone1)) && "bounced".equals(status(gone2)));
        assertThat(Db.count(db, "SELECT count(*) FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id "
                + "WHERE s.email IN (?, ?) AND d.bounce = 'hard' AND d.last_status = '5.1.1'", gone1, gone2)).isEqualTo(2);
        for (String kept : List.of(angry, leaving, victim)) {
            assertThat(status(kept)).isEqualTo("active");
            assertThat(sink.acceptedFor(kept)).isOne();
        }
        assertThat(PostfixRelay.log()).contains("status=bounced");
        checked("the receiving side refused 2 recipients after DATA (550 5.1.1); Postfix's DSNs came back by VERP to "
                + "Gazette's listener and suppressed exactly those 2 (bounced, hard, 5.1.1); the other 3 stay active");

        throughRelay("fbl@provider.example.net", verp(angry), Reports.arf(messageId(angry), angry));
        await().atMost(RELAY).until(() -> "complained".equals(status(angry)));
        await().atMost(Duration.ofSeconds(5)).until(() -> Db.count(db,
                "SELECT COALESCE(sum(complaints), 0) FROM stats_issue WHERE issue_id = ?", issue) == 1);
        checked("an ARF complaint (RFC 5965) through the relay: the subscriber complained, the issue's stats count 1 complaint");

        String unsubscribe = addresses.address(SignedAddresses.Kind.UNSUBSCRIBE,
                Long.parseLong(Db.text(db, "SELECT id::text FROM subscriber WHERE email = ?", leaving))).orElseThrow();
        throughRelay(leaving, unsubscribe, "From: " + leaving + "\r\nTo: " + unsubscribe
                + "\r\nSubject: unsubscribe\r\n\r\nunsubscribe\r\n");
        await().atMost(RELAY).until(() -> "unsubscribed".equals(status(leaving)));
        assertThat(Db.count(db, "SELECT count(*) FROM consent c JOIN subscriber s ON s.id = c.subscriber_id "
                + "WHERE s.email = ? AND c.withdrawn_via = 'mailto'", leaving)).isOne();
        checked("a mail to the List-Unsubscribe mailto address through the relay unsubscribed that subscriber "
                + "(consent ledger: withdrawn via mailto)");

        // forged: a report about the victim's message sent to another delivery's valid address, and one to an address
        // with a made-up signature (the listener refuses it; Postfix bounces it to the forger)
        throughRelay("forger@elsewhere.example", verp(gone1), Reports.dsn(messageId(victim), victim, "5.1.1"));
        String madeUp = verp(victim).replaceFirst("-[0-9a-f]{20}@", "-" + "0".repeat(20) + "@");
        throughRelay("forger@elsewhere.example", madeUp, Reports.dsn(messageId(victim), victim, "5.1.1"));
        await().atMost(RELAY).until(() -> PostfixRelay.log().contains("no such recipient here"));
        await().atMost(RELAY).until(() -> sink.acceptedFor("forger@elsewhere.example") >= 1);
        assertThat(status(victim)).isEqualTo("active");
        assertThat(Db.text(db, "SELECT bounce FROM delivery WHERE id = ?", delivery(victim))).isNull();
        checked("forged bounces through the relay changed nothing: one to another delivery's address naming the "
                + "victim's message (ignored), one to a made-up address (refused at RCPT, 550 5.1.1, bounced to the "
                + "forger by Postfix); the victim stays active");
    }
}
