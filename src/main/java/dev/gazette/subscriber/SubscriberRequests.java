package dev.gazette.subscriber;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.gazette.core.EmailAddresses;
import dev.gazette.core.SingleLine;
import dev.gazette.core.ValidEmail;

/** Request bodies of the subscriber API and of the public subscription pages. */
final class SubscriberRequests {

    static final int NAME_MAX = 200;

    private SubscriberRequests() {
    }

    /** A writer adds one subscriber; active at once unless {@code doubleOptIn} is true. */
    record AddSubscriber(
            @NotBlank @Size(max = EmailAddresses.MAX_LENGTH) @ValidEmail String email,
            @Size(max = NAME_MAX) @SingleLine String name,
            @Size(max = Tags.MAX_PER_SUBSCRIBER) List<String> tags,
            Map<String, Object> attributes,
            Boolean doubleOptIn,
            @Size(max = 500) String consentNote) {
    }

    /** In an update, a field left out (or null) is unchanged. */
    record UpdateSubscriber(
            @Size(max = NAME_MAX) @SingleLine String name,
            @Size(max = Tags.MAX_PER_SUBSCRIBER) List<String> tags,
            Map<String, Object> attributes) {
    }

    /** The public subscribe form as JSON; {@code website} is the honeypot that people leave empty. */
    record Subscribe(
            @NotBlank @Size(max = EmailAddresses.MAX_LENGTH) @ValidEmail String email,
            @Size(max = NAME_MAX) @SingleLine String name,
            String website) {
    }

    /** A subscriber's own changes on the preferences page. */
    record UpdatePreferences(
            @Size(max = NAME_MAX) @SingleLine String name,
            @Size(max = Tags.MAX_PER_SUBSCRIBER) List<String> topics) {
    }

    /** The topics a writer offers on the preferences page, in order. */
    record PublicTopics(@Size(max = Tags.MAX_PER_SUBSCRIBER) List<TopicEntry> topics) {
    }

    record TopicEntry(@NotBlank @Size(max = 64) String tag, @NotBlank @Size(max = 120) @SingleLine String label) {
    }
}
