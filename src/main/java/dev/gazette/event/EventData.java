package dev.gazette.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The payload of each event type, version 1 (README, "Events and webhooks"). They carry what the
 * publication's writer already sees of a reader, never more; a subscriber's events lose their
 * address and name when the subscriber is erased ({@link ErasedEvents}).
 */
public final class EventData {

    private EventData() {
    }

    /** subscriber.created, .confirmed, .unsubscribed, .bounced, .complained. */
    public record Subscriber(long subscriberId, String email, String name, String status) {
    }

    /** subscriber.erased: the id only, the address is gone. */
    public record Erased(long subscriberId) {
    }

    /** issue.scheduled (a send requested, for now or later) and issue.sent (every message handed over). */
    public record Issue(long issueId, String title, String slug, Instant scheduledAt, Instant sentAt) {
    }

    /** comment.posted: a comment became visible; {@code subscriberId} null for the writer's or a stranger's. */
    public record Comment(long commentId, long issueId, Long parentId, Long subscriberId, String authorName,
            String body) {
    }

    /**
     * member.started, member.renewed, member.canceled: a membership began (paid, trialing or comped),
     * was charged for another period, or ended. {@code kind} is {@code paid} or {@code comp}.
     */
    public record Member(long membershipId, long subscriberId, Long planId, String kind, String state, String provider,
            BigDecimal amount, String currency, java.time.Instant periodEnd) {
    }

    /** tip.paid: the provider said paid. */
    public record Tip(long tipId, Long issueId, Long subscriberId, int coffees, BigDecimal amount, String currency,
            String name, String message) {
    }

    /** webhook.test. */
    public record Test(String message) {
    }
}
