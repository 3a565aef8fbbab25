package dev.gazette.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Every {@code @QuarkusTest} shares these resources, so the application boots once per test run:
 * a throw-away PostgreSQL. Mail goes over real SMTP to the embedded catcher, which the test
 * profile starts on a free port ({@link Mailbox} reads it). Sender domains are checked against a
 * DNS server of the tests' own ({@link TestDns}). Stripe and Toss Payments are one WireMock
 * ({@link BillingStub}).
 */
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TestDns.class)
@QuarkusTestResource(BillingStub.class)
public final class TestResources {

    private TestResources() {
    }
}
