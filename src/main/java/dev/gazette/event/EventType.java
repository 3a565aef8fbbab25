package dev.gazette.event;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an event tells of, under a stable type (as webhooks carry it) with the version of its
 * payload. A payload's fields are only ever added to within a version; a change that would break a
 * receiver gets a new version. The payloads are the records of {@link EventData}.
 */
public enum EventType {
    SUBSCRIBER_CREATED("subscriber.created", 1), SUBSCRIBER_CONFIRMED("subscriber.confirmed", 1), SUBSCRIBER_UNSUBSCRIBED(
            "subscriber.unsubscribed", 1), SUBSCRIBER_ERASED("subscriber.erased", 1), SUBSCRIBER_BOUNCED("subscriber.bounced",
                    1), SUBSCRIBER_COMPLAINED("subscriber.complained", 1), ISSUE_SCHEDULED("issue.scheduled",
                            1), ISSUE_SENT("issue.sent", 1), COMMENT_POSTED("comment.posted", 1), TIP_PAID("tip.paid", 1),
    /** Paid memberships (see membership.Memberships): started, charged for another period, ended. */
    MEMBER_STARTED("member.started", 1), MEMBER_RENEWED("member.renewed", 1), MEMBER_CANCELED("member.canceled", 1),
    /** The studio's "send test event": delivered to the one endpoint that asked, never fanned out. */
    WEBHOOK_TEST("webhook.test", 1);

    private final String code;
    private final int version;

    EventType(String code, int version) {
        this.code = code;
        this.version = version;
    }

    public String code() {
        return code;
    }

    public int version() {
        return version;
    }

    /** The types an endpoint may ask for (the test event comes only when asked for). */
    public static List<EventType> subscribable() {
        return Arrays.stream(values()).filter(t -> t != WEBHOOK_TEST).toList();
    }

    public static Optional<EventType> byCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
