package dev.gazette.inbound;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.core.SignedAddresses;
import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.Reports;
import dev.gazette.testing.SmtpDialog;

/**
 * Mail that comes back to Gazette's own SMTP listener: bounces, complaints and auto-replies to a
 * delivery's VERP address, and mail to a subscriber's unsubscribe address. Sent over real SMTP to
 * the listener, for deliveries the engine really sent.
 */
@QuarkusTest
class InboundMailTest {

    @Inject
    DataSource db;

    @Inject
    InboundListener listener;

    @Inject
    SignedAddresses addresses;

    /** One subscriber, mailed an issue; the delivery as the engine recorded it. */
    private record Sent(long subscriberId, String email, long deliveryId, String messageId, CapturedMessage mail) {
    }

    private Sent sent(String who) {
        String token = Api.writer(who).token();
        String slug = Api.publication(token);
        String email = Api.uniqueEmail(who.toLowerCase());
        long subscriberId = as(token).body(Map.of("email", email, "name", "Reader"))
                .post("/api/v1/publications/" + slug + "/subscribers").then().statusCode(201).extract()
                .<Number>path("id").longValue();
        long issue = as(token).body(Map.of("title", "Bounce me", "bodyMarkdown", "Hello"))
                .post("/api/v1/publications/" + slug + "/issues").then().statusCode(201).extract().<Number>path("id")
                .longValue();
        as(token).body(Map.of()).post("/api/v1/publications/" + slug + "/issues/" + issue + "/send").then().statusCode(202);
        CapturedMessage mail = Mailbox.awaitTo(email);
        String messageId = mail.header("Message-ID").orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> Db.count(db, "SELECT count(*) FROM delivery WHERE message_id = ? "
                + "AND status = 'sent'", messageId) == 1);
        long deliveryId = Long.parseLong(Db.text(db, "SELECT id::text FROM delivery WHERE message_id = ?", messageId));
        return new Sent(subscriberId, email, deliveryId, messageId, mail);
    }

    private String verp(Sent sent) {
        return addresses.address(SignedAddresses.Kind.BOUNCE, sent.deliveryId()).orElseThrow();
    }

    private int deliver(String to, String message) throws Exception {
        try (SmtpDialog smtp = new SmtpDialog("127.0.0.1", listener.port())) {
            return smtp.send("", to, message.getBytes(StandardCharsets.UTF_8));
        }
    }

    private String status(Sent sent) {
        return Db.text(db, "SELECT status FROM subscriber WHERE id = ?", sent.subscriberId());
    }

    private String bounce(Sent sent) {
        return Db.text(db, "SELECT bounce FROM delivery WHERE id = ?", sent.deliveryId());
    }

    @Test
    void eachDeliveryGoesOutFromItsOwnSignedBounceAddressAndTheListUnsubscribeMailtoIsTheSubscribers() {
        Sent sent = sent("Verp");
        assertThat(sent.mail().envelopeFrom()).isEqualTo(verp(sent)).matches("b-\\d+-[0-9a-f]{20}@bounce\\.gazette\\.test");
        String unsubscribe = addresses.address(SignedAddresses.Kind.UNSUBSCRIBE, sent.subscriberId()).orElseThrow();
        assertThat(sent.mail().header("List-Unsubscribe").orElseThrow())
                .contains("<mailto:" + unsubscribe + "?subject=unsubscribe>");
        // case does not matter: some relays lower-case or upper-case addresses
        assertThat(addresses.parse(verp(sent).toUpperCase())).contains(
                new SignedAddresses.Parsed(SignedAddresses.Kind.BOUNCE, sent.deliveryId()));
    }

    @Test
    void aHardBounceToTheDeliverysAddressSuppressesThatSubscriber() throws Exception {
        Sent sent = sent("Hard");
        Sent other = sent("Bystander");
        assertThat(deliver(verp(sent), Reports.dsn(sent.messageId(), sent.email(), "5.1.1"))).isEqualTo(250);
        await().atMost(Duration.ofSeconds(5)).until(() -> "bounced".equals(status(sent)));
        assertThat(bounce(sent)).isEqualTo("hard");
        assertThat(Db.count(db, "SELECT count(*) FROM suppression s JOIN subscriber x ON x.email_hash = s.email_hash "
                + "WHERE x.id = ? AND s.publication_id IS NULL AND s.reason = 'bounced'", sent.subscriberId())).isOne();
        assertThat(status(other)).isEqualTo("active");
        assertThat(bounce(other)).isNull();
    }

    @Test
    void aSoftBounceCountsOnlyUntilTheLimit() throws Exception {
        Sent sent = sent("Soft");
        assertThat(deliver(verp(sent), Reports.dsn(sent.messageId(), sent.email(), "4.2.2"))).isEqualTo(250);
        await().atMost(Duration.ofSeconds(5)).until(() -> "soft".equals(bounce(sent)));
        assertThat(Db.count(db, "SELECT count FROM soft_bounce WHERE subscriber_id = ?", sent.subscriberId())).isOne();
        assertThat(status(sent)).isEqualTo("active");
    }

    @Test
    void aBounceInWordsOnlyIsReadByItsAddressAndItsCode() throws Exception {
        Sent sent = sent("Plain");
        assertThat(deliver(verp(sent), Reports.plainBounce(sent.email(), "5.1.1"))).isEqualTo(250);
        await().atMost(Duration.ofSeconds(5)).until(() -> "bounced".equals(status(sent)));
        assertThat(bounce(sent)).isEqualTo("hard");
    }

    @Test
    void aFeedbackLoopComplaintUnsubscribesAndCountsAsAComplaint() throws Exception {
        Sent sent = sent("Complaint");
        assertThat(deliver(verp(sent), Reports.arf(sent.messageId(), sent.email()))).isEqualTo(250);
        await().atMost(Duration.ofSeconds(5)).until(() -> "complained".equals(status(sent)));
        assertThat(bounce(sent)).isEqualTo("complaint");
        long issueId = Long.parseLong(Db.text(db, "SELECT s.issue_id::text FROM delivery d JOIN send s ON s.id = d.send_id "
                + "WHERE d.id = ?", sent.deliveryId()));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Db.count(db, "SELECT COALESCE(sum(complaints), 0) FROM stats_issue WHERE issue_id = ?",
                        issueId) == 1);
    }

    @Test
    void anAutoReplyChangesNothing() throws Exception {
        Sent sent = sent("Away");
        assertThat(deliver(verp(sent), Reports.autoReply(sent.email()))).isEqualTo(250);
        assertThat(deliver(verp(sent), Reports.autoReply(sent.email()).replace("Auto-Submitted: auto-replied\r\n", "")
                .replace("X-Autoreply: yes\r\n", ""))).isEqualTo(250);
        Thread.sleep(300);
        assertThat(status(sent)).isEqualTo("active");
        assertThat(bounce(sent)).isNull();
        assertThat(Db.count(db, "SELECT count(*) FROM soft_bounce WHERE subscriber_id = ?", sent.subscriberId())).isZero();
    }

    @Test
    void mailToTheUnsubscribeAddressUnsubscribesAndTheLedgerSaysMailto() throws Exception {
        Sent sent = sent("Mailto");
        String to = addresses.address(SignedAddresses.Kind.UNSUBSCRIBE, sent.subscriberId()).orElseThrow();
        String message = "From: " + sent.email() + "\r\nTo: " + to + "\r\nSubject: unsubscribe\r\n\r\nunsubscribe\r\n";
        assertThat(deliver(to, message)).isEqualTo(250);
        await().atMost(Duration.ofSeconds(5)).until(() -> "unsubscribed".equals(status(sent)));
        assertThat(Db.count(db, "SELECT count(*) FROM consent WHERE subscriber_id = ? AND withdrawn_via = 'mailto' "
                + "AND withdrawn_at IS NOT NULL", sent.subscriberId())).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM suppression s JOIN subscriber x ON x.email_hash = s.email_hash "
                + "WHERE x.id = ? AND s.publication_id = x.publication_id AND s.reason = 'unsubscribed'",
                sent.subscriberId())).isOne();
    }

    @Test
    void forgedMailChangesNothing() throws Exception {
        Sent victim = sent("Victim");
        Sent attacker = sent("Attacker");
        String good = verp(victim);
        // a wrong tag, another id under someone's tag, and an unsubscribe address made up the same way
        String wrongTag = good.replaceFirst("-[0-9a-f]{20}@", "-" + "0".repeat(20) + "@");
        String otherId = good.replaceFirst("^b-\\d+-", "b-" + attacker.deliveryId() + "-");
        String madeUp = "u-" + victim.subscriberId() + "-" + "a".repeat(20) + "@bounce.gazette.test";
        for (String to : List.of(wrongTag, otherId, madeUp)) {
            assertThat(deliver(to, Reports.dsn(victim.messageId(), victim.email(), "5.1.1"))).as(to).isEqualTo(550);
        }
        // the attacker's own, valid address with a report about the victim's message: ignored
        assertThat(deliver(verp(attacker), Reports.dsn(victim.messageId(), victim.email(), "5.1.1"))).isEqualTo(250);
        Thread.sleep(300);
        assertThat(status(victim)).isEqualTo("active");
        assertThat(bounce(victim)).isNull();
        assertThat(status(attacker)).isEqualTo("active");
        assertThat(bounce(attacker)).isNull();
    }

    @Test
    void otherDomainsAreRefusedAtRcptAndOversizedMessagesAtData() throws Exception {
        Sent sent = sent("Limits");
        try (SmtpDialog smtp = new SmtpDialog("127.0.0.1", listener.port())) {
            assertThat(smtp.command("MAIL FROM:<someone@example.net>")).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<postmaster@example.com>")).isEqualTo(550);
            assertThat(smtp.command("RCPT TO:<anything@bounce.gazette.test>")).isEqualTo(550);
            assertThat(smtp.command("RCPT TO:<" + verp(sent) + ">")).isEqualTo(250);
            byte[] big = ("Subject: big\r\n\r\n" + "x".repeat(998) + "\r\n").repeat(300).getBytes(StandardCharsets.US_ASCII);
            assertThat(smtp.data(big)).isEqualTo(552);
            // the session goes on after the refusal
            assertThat(smtp.command("NOOP")).isEqualTo(250);
        }
        assertThat(bounce(sent)).isNull();
    }
}
