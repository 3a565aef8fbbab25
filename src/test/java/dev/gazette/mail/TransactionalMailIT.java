package dev.gazette.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.gazette.testing.AppScenario;
import dev.gazette.testing.Gazette;
import dev.gazette.testing.ScriptedSmtpServer;
import dev.gazette.testing.ScriptedSmtpServer.Rule;
import dev.gazette.testing.ScriptedSmtpServer.Stage;

/**
 * Transactional mail against a relay that misbehaves on purpose, with the packaged application
 * in a child process: a confirmation asked for while the relay is down arrives once it is back,
 * even across a {@code kill -9}, and a permanent refusal ends failed with the relay's reply.
 */
class TransactionalMailIT {

    @RegisterExtension
    static final Gazette gazette = Gazette.quickRetries();

    private static ScriptedSmtpServer relay;
    private static String slug;

    @BeforeAll
    static void start() throws Exception {
        relay = gazette.relay();
        slug = AppScenario.admin(gazette::app).publication(0).slug;
    }

    @Test
    void aConfirmationAskedForWhileTheRelayIsDownArrivesOnceItIsBack() throws Exception {
        String email = "down-" + UUID.randomUUID().toString().substring(0, 8) + "@readers.example.com";
        relay.goDown();
        try {
            var page = subscribe(email);
            assertThat(page.statusCode()).isEqualTo(200);
            // the lane tried and the relay was not there: the mail waits, queued, with the reason
            awaitCount("SELECT count(*) FROM mail WHERE recipient = ? AND state = 'queued' AND last_reply IS NOT NULL", email);
        } finally {
            relay.comeBack();
        }

        assertThat(relay.awaitAccepted(all -> all.stream().anyMatch(m -> m.recipients().contains(email)),
                Duration.ofSeconds(30))).isTrue();
        awaitCount("SELECT count(*) FROM mail WHERE recipient = ? AND state = 'sent' AND last_code = 250", email);
        assertThat(relay.acceptedFor(email)).isOne();
        assertThat(relay.accepted().stream().filter(m -> m.recipients().contains(email)).findFirst().orElseThrow()
                .rawText()).contains("/confirm/").contains("@it.gazette.test>");
    }

    @Test
    void aConfirmationWaitingWhenTheInstanceIsKilledIsSentAfterTheRestart() throws Exception {
        String email = "killed-" + UUID.randomUUID().toString().substring(0, 8) + "@readers.example.com";
        relay.goDown();
        try {
            assertThat(subscribe(email).statusCode()).isEqualTo(200);
            awaitCount("SELECT count(*) FROM mail WHERE recipient = ? AND state = 'queued' AND last_reply IS NOT NULL", email);
            gazette.app().kill();
        } finally {
            relay.comeBack();
        }
        gazette.restartApp("app-restarted-by-mail");

        assertThat(relay.awaitAccepted(all -> all.stream().anyMatch(m -> m.recipients().contains(email)),
                Duration.ofSeconds(60))).isTrue();
        awaitCount("SELECT count(*) FROM mail WHERE recipient = ? AND state = 'sent'", email);
        assertThat(relay.acceptedFor(email)).isOne();
    }

    @Test
    void aPermanentRefusalEndsFailedWithTheRelaysReply() throws Exception {
        String email = "refused-" + UUID.randomUUID().toString().substring(0, 8) + "@readers.example.com";
        relay.rule(email, new Rule(Stage.RCPT, "550 5.1.1 Recipient address rejected: User unknown", -1));

        assertThat(subscribe(email).statusCode()).isEqualTo(200);

        awaitCount("SELECT count(*) FROM mail WHERE recipient = ? AND state = 'failed' AND last_code = 550 "
                + "AND last_reply LIKE '%5.1.1%' AND attempts = 1 AND failed_at IS NOT NULL", email);
        String admin = gazette.app().login(Gazette.ADMIN, Gazette.ADMIN_PASSWORD);
        var failed = gazette.app().get("/api/v1/admin/mail?state=failed", admin);
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.body()).contains(email).contains("User unknown").doesNotContain("\"state\":\"sent\"");
        assertThat(relay.acceptedFor(email)).isZero();
    }

    private static java.net.http.HttpResponse<String> subscribe(String email) throws Exception {
        return gazette.app().post("/p/" + slug + "/subscribe", null, "application/x-www-form-urlencoded",
                "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
    }

    private static void awaitCount(String sql, Object... args) {
        await(sql).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> gazette.count(sql, args) == 1);
    }
}
