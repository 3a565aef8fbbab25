package dev.gazette.core;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the deliverability warnings on studio pages (issue 16), in English here and in
 * Korean in {@code messages/deliverability_ko.properties}; templates use them as
 * {@code {deliverability:key}}. A bundle of its own: {@link StudioText} is near Quarkus's 300-key limit.
 */
@MessageBundle(value = "deliverability", locale = "en")
public interface DeliverabilityText {

    @Message("This email's HTML is {kb} KB: Gmail clips messages past 102 KB and hides the rest, the unsubscribe link included. Shorten it or move some of it to the web version.")
    String gmailClipping(int kb);

    @Message("Stopped by the sending guard ({why}): only an admin can let it send again.")
    String pauseGuard(String why);
}
