package dev.gazette.testing;

import java.time.Duration;
import java.util.List;

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

    public static List<CapturedMessage> to(String address) {
        return catcher().messages().stream().filter(m -> m.recipients().contains(address)).toList();
    }
}
