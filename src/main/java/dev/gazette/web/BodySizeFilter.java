package dev.gazette.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a JSON body whose declared length is over the API's limit before it is read, with a
 * problem document (the HTTP server's own limit for uploads answers a bare 413).
 */
@ApplicationScoped
class BodySizeFilter {

    private final long maxJsonBytes;

    BodySizeFilter(HttpConfig config) {
        this.maxJsonBytes = config.maxJsonBytes();
    }

    void register(@Observes Router router) {
        router.route().order(-100).handler(this::limit);
    }

    void limit(RoutingContext context) {
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json") && length != null
                && parse(length) > maxJsonBytes) {
            context.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end("{\"type\":\"urn:gazette:problem:payload_too_large\",\"title\":\"Request Entity Too Large\","
                            + "\"status\":413,\"detail\":\"A JSON body may have at most " + maxJsonBytes
                            + " bytes\",\"code\":\"payload_too_large\"}");
            return;
        }
        context.next();
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
