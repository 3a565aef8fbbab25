package dev.gazette.issue;

import java.util.Map;

/**
 * Whom an issue is rendered for: what the renderer may know of a subscriber. The delivery engine
 * builds one per delivery; previews and test sends use {@link #sample(String)}.
 *
 * @param subscriberId the subscriber's id, which the links in the mail are signed for
 * @param attributes   the subscriber's custom attributes (plain JSON values: strings, numbers,
 *                     booleans, lists and maps)
 * @param deliveryId   the delivery this rendering is for, which the feedback links are signed for;
 *                     0 for previews and test sends (their feedback links record nothing)
 */
public record Recipient(long subscriberId, String email, String name, Map<String, Object> attributes, long deliveryId) {

    public Recipient {
        attributes = attributes == null ? Map.of() : attributes;
        name = name == null ? "" : name;
    }

    /** A recipient outside any delivery. */
    public Recipient(long subscriberId, String email, String name, Map<String, Object> attributes) {
        this(subscriberId, email, name, attributes, 0);
    }

    /** The stand-in subscriber of previews and test sends, named in the publication's language. */
    public static Recipient sample(String locale) {
        return "ko".equals(locale)
                ? new Recipient(0, "subscriber@example.com", "구독자", Map.of("plan", "free"))
                : new Recipient(0, "subscriber@example.com", "Reader", Map.of("plan", "free"));
    }
}
