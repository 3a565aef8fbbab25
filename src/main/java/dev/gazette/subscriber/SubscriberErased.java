package dev.gazette.subscriber;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fired (synchronously, inside the erasing transaction) when a subscriber's data is erased, by
 * themselves or by their writer, just before their row is deleted. Features that keep anything
 * tied to the subscriber or the address (comments, tips, notes, feedback, deliveries) observe it
 * and anonymize their rows, so the erasure is complete or nothing happens.
 *
 * @param emailHash the salted hash that stays in the suppression list
 */
public record SubscriberErased(long publicationId, long subscriberId, String email, String emailHash) {

    /** What stands where the address was. */
    public static final String ERASED = "[erased]";

    /**
     * The text without the address or its local part (any case): what the person wrote or a relay
     * quoted stays readable, the address does not. Null stays null.
     */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = replace(text, email);
        int at = email.indexOf('@');
        return at > 0 ? replace(scrubbed, email.substring(0, at)) : scrubbed;
    }

    /** Whether the text holds the address or its local part (any case). */
    public boolean mentioned(String text) {
        return text != null && !text.equals(scrub(text));
    }

    private static String replace(String text, String needle) {
        if (needle.isEmpty() || !text.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT))) {
            return text;
        }
        return Pattern.compile(Pattern.quote(needle), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text)
                .replaceAll(Matcher.quoteReplacement(ERASED));
    }
}
