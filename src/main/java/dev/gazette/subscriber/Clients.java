package dev.gazette.subscriber;

import io.vertx.core.http.HttpServerRequest;

/** The client address of a request, as the consent ledger and the rate limits see it. */
final class Clients {

    private Clients() {
    }

    static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
