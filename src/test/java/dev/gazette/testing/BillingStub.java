package dev.gazette.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stripe's and Toss Payments' APIs played by one WireMock on a free port, started once for the
 * test JVM and shared by every application the tests boot (the tips' Stripe tests use it too):
 * each test stubs what it needs under paths or bodies of its own.
 */
public class BillingStub implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    /** The shared server. */
    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        // Toss's card registration script too: a browser test serves a stand-in that answers as Toss's window would
        return Map.of("gazette.payments.stripe.api-base", server().baseUrl(),
                "gazette.payments.toss.api-base", server().baseUrl(),
                "gazette.payments.toss.script-url", server().baseUrl() + "/toss-sdk.js");
    }

    @Override
    public void stop() {
        // kept for the next application of this test JVM; the shutdown hook stops it
    }
}
