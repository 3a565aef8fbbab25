package dev.gazette.event;

import java.net.URI;
import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;

import dev.gazette.account.CurrentCaller;
import dev.gazette.core.DomainException;
import dev.gazette.core.FormGuard;
import dev.gazette.event.WebhookViews.Endpoint;
import dev.gazette.event.WebhookViews.EndpointRequest;

/**
 * What the studio's and the admin console's webhook pages do, for either scope: the list with the
 * form that adds an endpoint, and an endpoint's page (settings, secret, test event, delivery log
 * with replay). Every form is checked against {@link FormGuard} first; a refused one comes back 422
 * as typed, with why in words, and changes nothing.
 */
@RequestScoped
class WebhookForms {

    /** An event type as a checkbox. */
    record TypeChoice(String code, String words, boolean checked) {
    }

    /** What the form held, to show it again. */
    record Typed(String url, String description) {
    }

    @CheckedTemplate(basePath = "event")
    static class Templates {
        static native TemplateInstance webhooks(String lang, WebhookScope scope, List<Endpoint> endpoints,
                List<TypeChoice> types, Typed typed, String error, String csrf, boolean admin);

        static native TemplateInstance webhook(String lang, WebhookScope scope, Endpoint endpoint,
                WebhookViews.Deliveries deliveries, List<TypeChoice> types, String error, String notice, String csrf,
                boolean admin);
    }

    private final WebhookEndpoints endpoints;
    private final WebhookLog log;
    private final FormGuard guard;
    private final CurrentCaller caller;

    WebhookForms(WebhookEndpoints endpoints, WebhookLog log, FormGuard guard, CurrentCaller caller) {
        this.endpoints = endpoints;
        this.log = log;
        this.guard = guard;
        this.caller = caller;
    }

    TemplateInstance list(String lang, WebhookScope scope) {
        return Templates.webhooks(lang, scope, endpoints.list(scope), types(lang, List.of()), new Typed("", ""), null,
                guard.token(), caller.get().isAdmin()).setLocale(lang);
    }

    Response create(String lang, WebhookScope scope, String csrf, String url, String description, List<String> types) {
        guard.check(csrf);
        try {
            Endpoint created = endpoints.create(scope, new EndpointRequest(url, description, types, null));
            return Response.seeOther(URI.create(scope.pagePath() + "/" + created.id())).build();
        } catch (DomainException e) {
            return Response.status(422).entity(Templates.webhooks(lang, scope, endpoints.list(scope), types(lang, types),
                    new Typed(url == null ? "" : url, description == null ? "" : description), why(lang, e),
                    guard.token(), caller.get().isAdmin()).setLocale(lang)).build();
        }
    }

    TemplateInstance show(String lang, WebhookScope scope, long id, Long before, String done) {
        Endpoint endpoint = endpoints.get(scope, id);
        return page(lang, scope, endpoint, before, null, notice(lang, done));
    }

    Response update(String lang, WebhookScope scope, long id, String csrf, String url, String description,
            List<String> types, String enabled) {
        guard.check(csrf);
        try {
            endpoints.update(scope, id, new EndpointRequest(url, description, types, "true".equals(enabled)));
            return back(scope, id, "saved");
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND) {
                throw e;
            }
            Endpoint endpoint = endpoints.get(scope, id);
            return Response.status(422).entity(page(lang, scope, endpoint, null, why(lang, e), null)).build();
        }
    }

    /** A button of the endpoint's page: {@code rotate} its secret, {@code test} it, {@code delete} it. */
    Response act(WebhookScope scope, long id, String action, String csrf) {
        guard.check(csrf);
        switch (action) {
            case "rotate" -> endpoints.rotate(scope, id);
            case "test" -> log.test(scope, id);
            case "delete" -> {
                endpoints.delete(scope, id);
                return Response.seeOther(URI.create(scope.pagePath())).build();
            }
            default -> throw new IllegalArgumentException(action);
        }
        return back(scope, id, action.equals("rotate") ? "rotated" : "tested");
    }

    Response replay(WebhookScope scope, long id, long delivery, String csrf) {
        guard.check(csrf);
        log.replay(scope, id, delivery);
        return back(scope, id, "replayed");
    }

    private TemplateInstance page(String lang, WebhookScope scope, Endpoint endpoint, Long before, String error,
            String notice) {
        return Templates.webhook(lang, scope, endpoint, log.deliveries(scope, endpoint.id(), before),
                types(lang, endpoint.eventTypes()), error, notice, guard.token(), caller.get().isAdmin()).setLocale(lang);
    }

    private static Response back(WebhookScope scope, long id, String done) {
        return Response.seeOther(URI.create(scope.pagePath() + "/" + id + "?done=" + done)).build();
    }

    private static List<TypeChoice> types(String lang, List<String> checked) {
        WebhookText text = text(lang);
        return EventType.subscribable().stream()
                .map(t -> new TypeChoice(t.code(), words(text, t), checked != null && checked.contains(t.code())))
                .toList();
    }

    private static String notice(String lang, String done) {
        WebhookText text = text(lang);
        return done == null ? null : switch (done) {
            case "saved" -> text.saved();
            case "rotated" -> text.rotated();
            case "tested" -> text.testSent();
            case "replayed" -> text.replayed();
            default -> null;
        };
    }

    /** Why a form was refused, in the page's words. */
    private static String why(String lang, DomainException e) {
        WebhookText text = text(lang);
        String code = e.fieldErrors().isEmpty() ? e.code() : e.fieldErrors().get(0).code();
        return switch (code) {
            case "webhook_url_invalid", "required" -> e.fieldErrors().isEmpty()
                    || "url".equals(e.fieldErrors().get(0).field()) ? text.error_url() : text.error_types();
            case "webhook_address_refused" -> text.error_address();
            case "webhook_host_unknown" -> text.error_host();
            case "unknown_event_type" -> text.error_types();
            case "too_many_webhooks" -> text.error_too_many();
            default -> throw e;
        };
    }

    static WebhookText text(String lang) {
        return MessageBundles.get(WebhookText.class, Localized.Literal.of(lang));
    }

    static String words(WebhookText text, EventType type) {
        return switch (type) {
            case SUBSCRIBER_CREATED -> text.type_subscriber_created();
            case SUBSCRIBER_CONFIRMED -> text.type_subscriber_confirmed();
            case SUBSCRIBER_UNSUBSCRIBED -> text.type_subscriber_unsubscribed();
            case SUBSCRIBER_ERASED -> text.type_subscriber_erased();
            case SUBSCRIBER_BOUNCED -> text.type_subscriber_bounced();
            case SUBSCRIBER_COMPLAINED -> text.type_subscriber_complained();
            case ISSUE_SCHEDULED -> text.type_issue_scheduled();
            case ISSUE_SENT -> text.type_issue_sent();
            case COMMENT_POSTED -> text.type_comment_posted();
            case TIP_PAID -> text.type_tip_paid();
            case MEMBER_STARTED -> text.type_member_started();
            case MEMBER_RENEWED -> text.type_member_renewed();
            case MEMBER_CANCELED -> text.type_member_canceled();
            case WEBHOOK_TEST -> text.type_webhook_test();
        };
    }
}
