package dev.gazette.event;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gazette.account.Caller;
import dev.gazette.core.DomainException;
import dev.gazette.core.DomainException.Kind;
import dev.gazette.core.FieldError;
import dev.gazette.event.WebhookViews.Endpoint;
import dev.gazette.event.WebhookViews.EndpointRequest;
import dev.gazette.event.WebhookViews.Secret;
import dev.gazette.publication.Publications;

/**
 * A scope's endpoints: list, add, change, delete, rotate the secret. A writer reaches only their
 * publications' (anything else is 404), the platform's are admins' only (403). A refused request
 * changes nothing.
 */
@ApplicationScoped
class WebhookEndpoints {

    static final int MAX_PER_SCOPE = 20;

    private final Publications publications;
    private final AddressGuard guard;
    private final WebhookConfig config;
    private final Clock clock;

    WebhookEndpoints(Publications publications, AddressGuard guard, WebhookConfig config, Clock clock) {
        this.publications = publications;
        this.guard = guard;
        this.config = config;
        this.clock = clock;
    }

    /** The publication's scope for the caller, or 404 {@code publication_not_found}. */
    @Transactional
    WebhookScope publication(Caller caller, String slug) {
        var publication = publications.requireManaged(caller, slug);
        return new WebhookScope(publication.id(), publication.slug(), publication.name());
    }

    /** The platform's scope: admins only. */
    WebhookScope platform(Caller caller) {
        if (!caller.isAdmin()) {
            throw new DomainException(Kind.FORBIDDEN, "forbidden", "Only admins manage platform-wide webhooks");
        }
        return WebhookScope.PLATFORM;
    }

    @Transactional
    List<Endpoint> list(WebhookScope scope) {
        return endpoints(scope).stream().map(Endpoint::of).toList();
    }

    @Transactional
    Endpoint get(WebhookScope scope, long id) {
        return Endpoint.of(find(scope, id));
    }

    @Transactional
    Endpoint create(WebhookScope scope, EndpointRequest request) {
        if (request.url() == null) {
            throw DomainException.invalidField("url", "required", "must not be blank");
        }
        String[] types = types(request.eventTypes() == null ? List.of() : request.eventTypes());
        String url = checkedUrl(request.url());
        if (endpoints(scope).size() >= MAX_PER_SCOPE) {
            throw new DomainException(Kind.CONFLICT, "too_many_webhooks", "At most " + MAX_PER_SCOPE + " endpoints");
        }
        Instant now = clock.instant();
        WebhookEndpoint e = new WebhookEndpoint();
        e.publicationId = scope.publicationId();
        e.url = url;
        e.description = blankToNull(request.description());
        e.eventTypes = types;
        e.secret = WebhookSigner.newSecret();
        e.createdAt = now;
        e.updatedAt = now;
        e.persist();
        return Endpoint.of(e);
    }

    /** Changes what the request names; enabling again clears the failure record. */
    @Transactional
    Endpoint update(WebhookScope scope, long id, EndpointRequest request) {
        WebhookEndpoint e = find(scope, id);
        String url = request.url() == null ? e.url : checkedUrl(request.url());
        String[] types = request.eventTypes() == null ? e.eventTypes : types(request.eventTypes());
        e.url = url;
        e.eventTypes = types;
        if (request.description() != null) {
            e.description = blankToNull(request.description());
        }
        if (request.enabled() != null && request.enabled() != e.enabled) {
            e.enabled = request.enabled();
            e.disabledReason = null;
            e.failingSince = null;
        }
        e.updatedAt = clock.instant();
        return Endpoint.of(e);
    }

    @Transactional
    void delete(WebhookScope scope, long id) {
        find(scope, id).delete();
    }

    /** A new secret; the one before still signs beside it for {@code gazette.webhooks.rotation-overlap}. */
    @Transactional
    Secret rotate(WebhookScope scope, long id) {
        WebhookEndpoint e = find(scope, id);
        Instant now = clock.instant();
        e.previousSecret = e.secret;
        e.previousSecretUntil = now.plus(config.rotationOverlap());
        e.secret = WebhookSigner.newSecret();
        e.updatedAt = now;
        return new Secret(e.secret, e.previousSecretUntil);
    }

    /** The endpoint of this scope, or 404 {@code webhook_not_found} (another writer's too). */
    static WebhookEndpoint find(WebhookScope scope, long id) {
        WebhookEndpoint e = WebhookEndpoint.findById(id);
        if (e == null || !java.util.Objects.equals(e.publicationId, scope.publicationId())) {
            throw new DomainException(Kind.NOT_FOUND, "webhook_not_found", "No such webhook endpoint");
        }
        return e;
    }

    private static List<WebhookEndpoint> endpoints(WebhookScope scope) {
        return scope.platform()
                ? WebhookEndpoint.list("publicationId is null order by id")
                : WebhookEndpoint.list("publicationId = ?1 order by id", scope.publicationId());
    }

    private String checkedUrl(String url) {
        URI uri = AddressGuard.parse(url);
        guard.check(uri);
        return uri.toString();
    }

    private static String[] types(List<String> codes) {
        Set<String> types = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (String code : codes) {
            EventType type = EventType.byCode(code.strip()).filter(EventType.subscribable()::contains).orElse(null);
            if (type == null) {
                errors.add(new FieldError("eventTypes", "unknown_event_type", "no event type " + code.strip()));
            } else {
                types.add(type.code());
            }
        }
        if (types.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("eventTypes", "required", "name at least one event type"));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(Kind.INVALID, "validation_failed", "The request has invalid fields", errors, null);
        }
        return types.toArray(String[]::new);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
