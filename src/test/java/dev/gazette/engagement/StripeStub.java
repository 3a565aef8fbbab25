package dev.gazette.engagement;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.gazette.testing.BillingStub;

/** Stripe's API played by WireMock on a free port, and Gazette configured to take tips through it. */
public class StripeStub implements QuarkusTestResourceLifecycleManager {

    static final String SECRET_KEY = "sk_test_gazette";
    static final String WEBHOOK_SECRET = "whsec_test_gazette";
    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        // the WireMock every application of the tests shares, so both give Stripe the same address
        server = BillingStub.server();
        return Map.of("gazette.payments.provider", "stripe",
                "gazette.payments.stripe.api-base", server.baseUrl(),
                "gazette.payments.stripe.secret-key", SECRET_KEY,
                "gazette.payments.stripe.webhook-secret", WEBHOOK_SECRET);
    }

    @Override
    public void stop() {
        // BillingStub stops the shared server when the test JVM ends
    }
}
