package dev.gazette.delivery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gazette.core.DeliverabilityText;
import dev.gazette.core.Languages;
import dev.gazette.core.StudioText;

/**
 * Why a send is paused, in the studio's words. The API keeps the engine's English reason as it
 * was recorded; the studio says the reasons it knows in the page's language, with the relay's own
 * reply or the admin's words left as they are.
 */
final class PauseReasons {

    private static final Pattern BY = Pattern.compile("paused by (.+)");
    private static final Pattern POLICY = Pattern.compile(
            "the relay refused on policy grounds \\((.*)\\): check the relay's .*", Pattern.DOTALL);
    private static final Pattern SENDER = Pattern.compile(
            "the relay refused the sender \\((.*)\\): check the publication's .*", Pattern.DOTALL);
    private static final Pattern GUARD = Pattern.compile(Pattern.quote(SendingGuards.REASON) + "(.*)", Pattern.DOTALL);
    private static final Pattern SUSPENDED = Pattern.compile("the publication is suspended: (.*)", Pattern.DOTALL);

    private PauseReasons() {
    }

    static String inWords(String lang, String reason) {
        StudioText text = Languages.studio(lang);
        DeliverabilityText guard = Languages.deliverability(lang);
        if (reason == null) {
            return null;
        }
        if (reason.equals(SendStarter.NO_RECIPIENT)) {
            return text.pause_noRecipient();
        }
        Matcher m;
        if ((m = BY.matcher(reason)).matches()) {
            return text.pause_by(m.group(1));
        }
        if ((m = POLICY.matcher(reason)).matches()) {
            return text.pause_policy(m.group(1));
        }
        if ((m = SENDER.matcher(reason)).matches()) {
            return text.pause_sender(m.group(1));
        }
        if ((m = GUARD.matcher(reason)).matches()) {
            return guard.pauseGuard(m.group(1));
        }
        if ((m = SUSPENDED.matcher(reason)).matches()) {
            return text.pause_suspended(m.group(1));
        }
        return reason;
    }
}
