package dev.gazette.engagement;

import io.vertx.core.http.HttpServerRequest;

/**
 * The client address of a request, as rate limits and anonymous likes see it: the same spelling
 * as the issue page uses, so a like and the page agree on who the reader is.
 */
final class Clients {

    private Clients() {
    }

    static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().host();
    }
}
