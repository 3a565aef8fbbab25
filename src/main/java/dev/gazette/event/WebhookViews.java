package dev.gazette.event;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The requests and answers of the webhook API. */
final class WebhookViews {

    private WebhookViews() {
    }

    /** A new endpoint, or the fields of one to change (null: unchanged). */
    record EndpointRequest(@Size(max = 2000) String url, @Size(max = 200) String description,
            @Size(max = 20) List<@NotNull String> eventTypes, Boolean enabled) {
    }

    record Endpoint(long id, String url, String description, List<String> eventTypes, boolean enabled,
            String disabledReason, Instant failingSince, String secret, Instant previousSecretUntil, Instant createdAt) {

        static Endpoint of(WebhookEndpoint e) {
            return new Endpoint(e.id, e.url, e.description, List.of(e.eventTypes), e.enabled, e.disabledReason,
                    e.failingSince, e.secret, e.previousSecretUntil, e.createdAt);
        }
    }

    record Endpoints(List<Endpoint> items) {
    }

    record Attempt(Instant requestedAt, int durationMs, Integer status, String responseExcerpt, String error) {
    }

    record Delivery(long id, String webhookId, String type, String state, int attempts, Instant nextAttemptAt,
            Instant createdAt, Instant deliveredAt, Integer lastStatus, List<Attempt> log) {
    }

    /** A page of an endpoint's deliveries, newest first; {@code next} is the id to ask the next page before. */
    record Deliveries(List<Delivery> items, Long next) {
    }

    record Secret(String secret, Instant previousSecretUntil) {
    }
}
