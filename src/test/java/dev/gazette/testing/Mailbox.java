package dev.gazette.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import javax.sql.DataSource;

import io.quarkus.arc.Arc;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.embedded.SmtpCatcher;

/** What reached the SMTP server in tests: the embedded catcher, over real SMTP. */
public final class Mailbox {

    private Mailbox() {
    }

    public static SmtpCatcher catcher() {
        return SmtpCatcher.running().orElseThrow(() -> new AssertionError("the SMTP catcher is not running in tests"));
    }

    /** The first message to this address, waiting up to five seconds for it. */
    public static CapturedMessage awaitTo(String address) {
        return catcher().await(m -> m.recipients().contains(address), Duration.ofSeconds(5))
                .orElseThrow(() -> new AssertionError("no mail reached " + address));
    }

    /**
     * Proves that no message matching {@code unwanted} was sent by what the test just did. Every mail
     * but an issue is recorded in the {@code mail} table in the same transaction as the change that
     * causes it (ADR 9), so once the rows recorded so far have all had their first attempt, any
     * unwanted message would already be in the catcher.
     */
    public static void assertNoneSince(Predicate<CapturedMessage> unwanted) {
        DataSource db = Arc.container().instance(DataSource.class).get();
        long last = Db.count(db, "select coalesce(max(id), 0) from mail");
        await("mail recorded so far handed to the relay").atMost(Duration.ofSeconds(30))
                .until(() -> Db.count(db, "select count(*) from mail where id <= ? and state = 'queued' and attempts = 0",
                        last) == 0);
        assertThat(catcher().messages().stream().filter(unwanted).toList()).as("messages that must not have been sent")
                .isEmpty();
    }

    /** The message with this subject to this address, waiting for it (a minute at most). */
    public static CapturedMessage awaitSubject(String address, String subject) {
        return catcher().await(m -> m.recipients().contains(address) && m.subject().equals(subject),
                Duration.ofSeconds(60)).orElseThrow(() -> new AssertionError("\"" + subject + "\" did not reach " + address));
    }

    /** {@link #assertNoneSince} for one address. */
    public static void assertNoneTo(String address) {
        assertNoneSince(m -> m.recipients().contains(address.toLowerCase(java.util.Locale.ROOT)));
    }

    public static List<CapturedMessage> to(String address) {
        return catcher().messages().stream().filter(m -> m.recipients().contains(address)).toList();
    }
}
