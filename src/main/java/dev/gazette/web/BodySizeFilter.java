package dev.gazette.web;

import java.util.Locale;
import java.util.regex.Pattern;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.gazette.core.RequestConfig;

/**
 * Holds every body to its limit before or while it is read, with a problem document (the HTTP
 * server's own limit, sized for streamed CSV imports, answers a bare 413). A body that declares its
 * length over the limit is refused before it is read. One that comes chunked is counted as it
 * arrives: JSON and forms must declare their length (411); any other body is read here up to its
 * limit and handed on. The endpoints that count their own bytes as they read them take a chunked
 * body straight: the CSV import ({@code gazette.subscriber.import-max-bytes}), bounce reports and
 * payment webhooks ({@code gazette.http.max-webhook-bytes}, after their secret or signature header
 * is checked). A chunked upload (multipart) is read here like any other body, so it cannot grow past
 * the general limit before its parser sees it; the image endpoint then checks its own size.
 */
@ApplicationScoped
class BodySizeFilter {

    private static final Pattern CSV_IMPORT = Pattern.compile("/api/v1/publications/[^/]+/subscribers/import");
    private static final Pattern WEBHOOK = Pattern.compile(
            "/api/v1/bounces|/api/v1/payments/[^/]+/webhook|/api/v1/memberships/[^/]+/webhook");

    private final long maxJsonBytes;
    private final long maxBodyBytes;
    private final long maxWebhookBytes;

    BodySizeFilter(HttpConfig config, RequestConfig requests) {
        this.maxJsonBytes = config.maxJsonBytes();
        this.maxBodyBytes = config.maxBodyBytes();
        this.maxWebhookBytes = requests.maxWebhookBytes();
    }

    void register(@Observes Router router) {
        router.route().order(-100).handler(this::limit);
    }

    void limit(RoutingContext context) {
        HttpServerRequest request = context.request();
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        String lowerType = type == null ? "" : type.toLowerCase(Locale.ROOT);
        String path = context.normalizedPath();
        boolean json = lowerType.contains("json");
        boolean csvImport = CSV_IMPORT.matcher(path).matches() && lowerType.startsWith("text/csv");
        boolean webhook = WEBHOOK.matcher(path).matches();
        long limit = webhook
                ? Math.min(maxWebhookBytes, json ? maxJsonBytes : maxWebhookBytes)
                : json ? maxJsonBytes : maxBodyBytes;
        boolean chunked = length == null && request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
        if (json && chunked) {
            refuse(context, 411, "Length Required", "length_required", "A JSON body must declare its Content-Length");
            return;
        }
        long declared = length == null ? -1 : parse(length);
        if (!csvImport && declared > limit) {
            tooLarge(context, limit);
            return;
        }
        if (!chunked || csvImport || webhook) {
            context.next();
            return;
        }
        if (lowerType.startsWith("application/x-www-form-urlencoded")) {
            refuse(context, 411, "Length Required", "length_required", "A form must declare its Content-Length");
            return;
        }
        readCounting(context, limit);
    }

    /** Reads a chunked body up to its limit, then hands it on as the request's body (as a body handler would). */
    private void readCounting(RoutingContext context, long limit) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                refused[0] = true;
                tooLarge(context, limit);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> refused[0] = true);
        request.endHandler(end -> {
            if (!refused[0]) {
                context.setBody(body);
                context.next();
            }
        });
        request.resume();
    }

    private static void tooLarge(RoutingContext context, long limit) {
        refuse(context, 413, "Request Entity Too Large", "payload_too_large", "The body may have at most " + limit + " bytes");
    }

    private static void refuse(RoutingContext context, int status, String title, String code, String detail) {
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"type\":\"urn:gazette:problem:" + code + "\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}");
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
