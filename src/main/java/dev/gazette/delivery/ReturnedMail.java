package dev.gazette.delivery;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Mail that came back to a delivery's own envelope sender (VERP): bounces, complaints and
 * auto-replies as Gazette's inbound listener receives them. They go through the same bounce
 * service as the relay's reports to {@code POST /api/v1/bounces}.
 */
@ApplicationScoped
public class ReturnedMail {

    /** What the mail did: a hard or soft bounce or a complaint recorded, or nothing (auto-replies, delays, anything else). */
    public enum Effect {
        HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, NONE
    }

    private final BounceService bounces;

    ReturnedMail(BounceService bounces) {
        this.bounces = bounces;
    }

    /** Applies a whole message that came back to this delivery's address. */
    public Effect apply(long deliveryId, byte[] message) {
        String bounce = bounces.applyToDelivery(deliveryId, message).bounce();
        if (bounce == null) {
            return Effect.NONE;
        }
        return switch (bounce) {
            case "hard" -> Effect.HARD_BOUNCE;
            case "soft" -> Effect.SOFT_BOUNCE;
            default -> Effect.COMPLAINT;
        };
    }
}
