package dev.gazette.web;

import java.util.Locale;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a body whose declared length is over its limit before it is read, with a problem
 * document (the HTTP server's own limit, sized for streamed CSV imports, answers a bare 413).
 * JSON bodies, which are read whole into memory, must declare their length.
 */
@ApplicationScoped
class BodySizeFilter {

    private final long maxJsonBytes;
    private final long maxBodyBytes;

    BodySizeFilter(HttpConfig config) {
        this.maxJsonBytes = config.maxJsonBytes();
        this.maxBodyBytes = config.maxBodyBytes();
    }

    void register(@Observes Router router) {
        router.route().order(-100).handler(this::limit);
    }

    void limit(RoutingContext context) {
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        String lowerType = type == null ? "" : type.toLowerCase(Locale.ROOT);
        boolean json = lowerType.contains("json");
        // CSV imports stream and count their own bytes (gazette.subscriber.import-max-bytes)
        boolean streamed = lowerType.startsWith("text/csv");
        if (json && length == null && context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            refuse(context, 411, "Length Required", "length_required", "A JSON body must declare its Content-Length");
            return;
        }
        long declared = length == null ? -1 : parse(length);
        if (json && declared > maxJsonBytes) {
            refuse(context, 413, "Request Entity Too Large", "payload_too_large",
                    "A JSON body may have at most " + maxJsonBytes + " bytes");
            return;
        }
        if (!streamed && declared > maxBodyBytes) {
            refuse(context, 413, "Request Entity Too Large", "payload_too_large",
                    "A request body may have at most " + maxBodyBytes + " bytes");
            return;
        }
        context.next();
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
