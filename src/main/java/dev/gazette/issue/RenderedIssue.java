package dev.gazette.issue;

import java.util.List;

/**
 * One issue rendered for one recipient: what goes into the message. {@code subject} is plain
 * text ({@link #encodedSubject()} gives it encoded per RFC 2047); {@code text} is made from {@code html}.
 *
 * @param htmlBytes      the HTML's size in UTF-8
 * @param warnings       for example {@code gmail_clipping} above 102 KB of HTML
 * @param unsubscribeUrl for {@code List-Unsubscribe}
 */
public record RenderedIssue(long issueId, String subject, String html, String text, int htmlBytes,
        List<String> warnings, String senderName, String senderEmail, String replyTo, String unsubscribeUrl) {

    public static final String GMAIL_CLIPPING = "gmail_clipping";

    /** The subject as RFC 2047 encoded words, ready for the {@code Subject} header. */
    public String encodedSubject() {
        return EncodedWords.encode(subject);
    }

    /** Another subject, such as a test send's, encoded the same way. */
    public static String encode(String subject) {
        return EncodedWords.encode(subject);
    }
}
