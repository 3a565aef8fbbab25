package dev.gazette.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.quarkus.arc.Arc;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

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
     * Proves that no message matching {@code unwanted} was sent by what the test just did: a marker
     * message goes through the application's own mailer after it, and once the marker arrived, any
     * earlier message would have too. In tests the mailer has one connection (application.properties),
     * so messages reach the server in the order they were handed over.
     */
    public static void assertNoneSince(Predicate<CapturedMessage> unwanted) {
        String marker = Api.uniqueEmail("marker");
        Arc.container().instance(Mailer.class).get().send(Mail.withText(marker, "Marker", "Sent after the action under test"));
        catcher().await(m -> m.recipients().contains(marker), Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("the marker message did not arrive"));
        assertThat(catcher().messages().stream().filter(unwanted).toList()).as("messages that must not have been sent")
                .isEmpty();
    }

    /** {@link #assertNoneSince} for one address. */
    public static void assertNoneTo(String address) {
        assertNoneSince(m -> m.recipients().contains(address.toLowerCase(java.util.Locale.ROOT)));
    }

    public static List<CapturedMessage> to(String address) {
        return catcher().messages().stream().filter(m -> m.recipients().contains(address)).toList();
    }
}
