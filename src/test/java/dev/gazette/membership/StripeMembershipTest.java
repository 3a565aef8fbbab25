package dev.gazette.membership;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gazette.core.SignedTokens;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.MovableClock;

/**
 * Memberships through Stripe Billing (WireMock for the API, signed webhooks posted as Stripe
 * would): a Checkout Session in subscription mode, the membership started by whichever event comes
 * first, renewals and failures from invoices, changes from the customer portal; every event
 * applied once, late ones never moving a membership backwards, badly signed or stale ones refused;
 * and the renewal job never charging nor ending a Stripe membership.
 */
@QuarkusTest
class StripeMembershipTest {

    private static final long DAY = 86_400;

    @Inject
    DataSource db;

    @Inject
    SignedTokens tokens;

    @Inject
    MovableClock clock;

    @Inject
    Renewals renewals;

    @Inject
    StripeBilling stripe;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** The session Stripe made, and the subscription it will start. */
    private record Started(String checkout, String subscription, String customer, Members.Reader reader) {
    }

    private Started checkout(Members.Pub pub) {
        Members.Reader reader = Members.reader(db, tokens, pub);
        String checkout = Billed.pendingCheckout(pub, reader, StripeBilling.NAME);
        String session = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
        Billed.wiremock().stubFor(post(urlEqualTo("/v1/checkout/sessions"))
                .withHeader("Authorization", equalTo(Billed.STRIPE_AUTH))
                .withRequestBody(containing("client_reference_id=" + checkout))
                .willReturn(Billed.json("{\"id\":\"" + session + "\",\"object\":\"checkout.session\","
                        + "\"url\":\"https://checkout.stripe.com/c/pay/" + session + "\"}")));
        String url = QuarkusTransaction.requiringNew().call(() -> stripe.checkoutUrl(checkout));
        assertThat(url).isEqualTo("https://checkout.stripe.com/c/pay/" + session);
        assertThat(Db.text(db, "SELECT provider_ref FROM membership_checkout WHERE public_id = ?", checkout))
                .isEqualTo(session);
        return new Started(checkout, "sub_" + UUID.randomUUID().toString().replace("-", ""),
                "cus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14), reader);
    }

    private static String completed(Started s) {
        return "{\"id\":\"cs_x\",\"object\":\"checkout.session\",\"mode\":\"subscription\",\"status\":\"complete\","
                + "\"payment_status\":\"paid\",\"client_reference_id\":\"" + s.checkout() + "\",\"subscription\":\""
                + s.subscription() + "\",\"customer\":\"" + s.customer() + "\"}";
    }

    private static String invoice(String id, Started s, long start, long end, long paid) {
        return "{\"id\":\"" + id + "\",\"object\":\"invoice\",\"amount_paid\":" + paid + ",\"currency\":\"krw\","
                + "\"customer\":\"" + s.customer() + "\",\"payment_intent\":\"pi_" + id + "\",\"attempt_count\":1,"
                + "\"parent\":{\"type\":\"subscription_details\",\"subscription_details\":{\"subscription\":\""
                + s.subscription() + "\",\"metadata\":{\"membership_checkout\":\"" + s.checkout() + "\"}}},"
                + "\"lines\":{\"object\":\"list\",\"data\":[{\"period\":{\"start\":" + start + ",\"end\":" + end + "}}]}}";
    }

    private static String subscription(Started s, boolean cancelAtPeriodEnd, long unitAmount, String status) {
        return "{\"id\":\"" + s.subscription() + "\",\"object\":\"subscription\",\"status\":\"" + status + "\","
                + "\"customer\":\"" + s.customer() + "\",\"cancel_at_period_end\":" + cancelAtPeriodEnd
                + ",\"cancel_at\":null,\"items\":{\"data\":[{\"price\":{\"unit_amount\":" + unitAmount
                + ",\"currency\":\"krw\",\"recurring\":{\"interval\":\"month\"}}}]}}";
    }

    private void deliver(String type, long created, String object, boolean applied) {
        String event = Billed.event("evt_" + UUID.randomUUID(), type, created, object);
        Billed.deliver(event, clock.instant()).then().statusCode(200).body("applied", org.hamcrest.Matchers.equalTo(applied));
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    @Test
    void aCheckoutSessionInSubscriptionModeThenItsWebhookMakesAnActiveMemberOnce() {
        Members.Pub pub = Members.publication("StripeCheckout",
                Map.of("name", "Monthly", "interval", "month", "price", 5000, "currency", "KRW", "trialDays", 7));
        Started s = checkout(pub);
        Billed.wiremock().verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("mode=subscription"))
                .withRequestBody(containing("line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D=5000"))
                .withRequestBody(containing("line_items%5B0%5D%5Bprice_data%5D%5Bcurrency%5D=krw"))
                .withRequestBody(containing("line_items%5B0%5D%5Bprice_data%5D%5Brecurring%5D%5Binterval%5D=month"))
                .withRequestBody(containing("subscription_data%5Btrial_period_days%5D=7"))
                .withRequestBody(containing("subscription_data%5Bmetadata%5D%5Bmembership_checkout%5D=" + s.checkout()))
                .withRequestBody(containing("%2Fcheckout%2Fmembership%2F" + s.checkout() + "%2Fdone"))
                .withHeader("Idempotency-Key", equalTo("membership-" + s.checkout())));

        String event = Billed.event("evt_" + UUID.randomUUID(), "checkout.session.completed", now(), completed(s));
        Billed.deliver(event, clock.instant()).then().statusCode(200).body("applied", org.hamcrest.Matchers.equalTo(true));
        Billed.deliver(event, clock.instant()).then().statusCode(200).body("applied", org.hamcrest.Matchers.equalTo(false));

        assertThat(Members.state(db, s.reader())).isEqualTo("trialing");
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE subscriber_id = ? AND provider = 'stripe'"
                + " AND provider_ref = ? AND provider_customer = ?", s.reader().id(), s.subscription(), s.customer()))
                .isOne();
        assertThat(Members.ledger(db, s.reader())).containsExactly("started:->trialing");
        assertThat(Db.text(db, "SELECT status FROM membership_checkout WHERE public_id = ?", s.checkout())).isEqualTo("paid");
        // the trial's invoice pays nothing and changes nothing
        deliver("invoice.paid", now(), invoice("in_trial" + UUID.randomUUID(), s, now(), now() + 7 * DAY, 0), true);
        assertThat(Members.state(db, s.reader())).isEqualTo("trialing");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge c JOIN membership m ON m.id = c.membership_id"
                + " WHERE m.subscriber_id = ?", s.reader().id())).isZero();
        // the page Stripe sends the reader back to shows the checkout as the webhook left it
        assertThat(Api.anonymous().get("/checkout/membership/" + s.checkout() + "/done").then().statusCode(200).extract()
                .asString()).contains("data-status=\"paid\"");
    }

    /** Stripe's monthly periods from an anchor: the same day and time {@code n} months on. */
    private static long month(long anchor, int n) {
        return Instant.ofEpochSecond(anchor).atOffset(java.time.ZoneOffset.UTC).plusMonths(n).toEpochSecond();
    }

    @Test
    void invoicesRenewOnceAndALateOneNeverMovesTheMembershipBack() {
        Members.Pub pub = Members.monthly("StripeInvoices");
        Started s = checkout(pub);
        long t0 = now();
        // the first invoice arrives before the checkout's own event: it starts the membership from its metadata
        deliver("invoice.paid", t0, invoice("in_first" + s.checkout(), s, t0, month(t0, 1), 5000), true);
        deliver("checkout.session.completed", t0, completed(s), true);
        assertThat(Members.state(db, s.reader())).isEqualTo("active");
        assertThat(Members.ledger(db, s.reader())).containsExactly("started:->active");

        String second = invoice("in_second" + s.checkout(), s, month(t0, 1), month(t0, 2), 5000);
        String third = invoice("in_third" + s.checkout(), s, month(t0, 2), month(t0, 3), 5000);
        deliver("invoice.paid", month(t0, 2), third, true);
        deliver("invoice.paid", month(t0, 1), second, true);
        // the same invoice in another event (a new event id): one charge still
        deliver("invoice.paid", month(t0, 1), second, true);

        long id = Members.membershipId(db, s.reader());
        assertThat(Db.timestamp(db, "SELECT current_period_end FROM membership WHERE id = ?", id).toInstant())
                .isEqualTo(Instant.ofEpochSecond(month(t0, 3)));
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE membership_id = ? AND provider = 'stripe'"
                + " AND amount = 5000 AND status = 'paid'", id)).isEqualTo(3);
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge WHERE membership_id = ? AND idempotency_key = ?"
                + " AND provider_ref = ?", id, "stripe-in_second" + s.checkout(), "pi_in_second" + s.checkout())).isOne();
        assertThat(Members.ledger(db, s.reader())).containsExactly("started:->active", "renewed:active>active");

        // a failure for a period already paid is history; one for the next period makes it past_due, and its
        // payment active again
        deliver("invoice.payment_failed", month(t0, 2), invoice("in_third" + s.checkout(), s, month(t0, 2), month(t0, 3), 0),
                true);
        assertThat(Members.state(db, s.reader())).isEqualTo("active");
        String fourth = "in_fourth" + s.checkout();
        deliver("invoice.payment_failed", month(t0, 3), invoice(fourth, s, month(t0, 3), month(t0, 4), 0), true);
        assertThat(Members.state(db, s.reader())).isEqualTo("past_due");
        deliver("invoice.paid", month(t0, 3) + DAY, invoice(fourth, s, month(t0, 3), month(t0, 4), 5000), true);
        assertThat(Members.state(db, s.reader())).isEqualTo("active");
        assertThat(Members.ledger(db, s.reader())).containsExactly("started:->active", "renewed:active>active",
                "payment_failed:active>past_due", "renewed:past_due>active");
        assertThat(Db.count(db, "SELECT count(*) FROM event WHERE type = 'member.renewed' AND data ->> 'subscriberId' = ?",
                Long.toString(s.reader().id()))).isEqualTo(2);
    }

    @Test
    void subscriptionChangesApplyInTheOrderStripeMadeThemAndDeletionEndsForGood() {
        Members.Pub pub = Members.monthly("StripePortal");
        Started s = checkout(pub);
        long t0 = now();
        deliver("checkout.session.completed", t0, completed(s), true);

        // canceled in the portal at t0+200, resumed at t0+100: the resume arrives last but is older
        deliver("customer.subscription.updated", t0 + 200, subscription(s, true, 5000, "active"), true);
        deliver("customer.subscription.updated", t0 + 100, subscription(s, false, 5000, "active"), true);
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE subscriber_id = ? AND cancel_at_period_end",
                s.reader().id())).isOne();
        // resumed and moved to a dearer price at t0+300
        deliver("customer.subscription.updated", t0 + 300, subscription(s, false, 7000, "active"), true);
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE subscriber_id = ? AND NOT cancel_at_period_end"
                + " AND price = 7000", s.reader().id())).isOne();

        // the renewal job neither charges nor ends a Stripe membership, even canceled and past its period
        deliver("customer.subscription.updated", t0 + 400, subscription(s, true, 7000, "active"), true);
        clock.forwardWhenSettled(db, Duration.ofDays(40));
        renewals.runOnce();
        assertThat(Members.state(db, s.reader())).isEqualTo("active");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_charge c JOIN membership m ON m.id = c.membership_id"
                + " WHERE m.subscriber_id = ?", s.reader().id())).isZero();

        // Stripe ends it; an update made before the deletion, arriving after, does not bring it back
        deliver("customer.subscription.deleted", t0 + 500, subscription(s, true, 7000, "canceled"), true);
        deliver("customer.subscription.updated", t0 + 450, subscription(s, false, 7000, "active"), true);
        assertThat(Members.state(db, s.reader())).isEqualTo("ended");
        assertThat(Members.ledger(db, s.reader())).containsExactly("started:->active", "cancel_requested:active>active",
                "resumed:active>active", "price_changed:active>active", "cancel_requested:active>active",
                "ended:active>ended");
        assertThat(Db.texts(db, "SELECT e.outcome FROM membership_provider_event e JOIN membership m ON m.id = e.membership_id"
                + " WHERE m.subscriber_id = ? ORDER BY e.received_at, e.event_id", s.reader().id()))
                .contains("stale", "ignored_ended");
    }

    @Test
    void badlySignedStaleOrUnsignedWebhooksAreRefusedAndChangeNothing() {
        Members.Pub pub = Members.monthly("StripeForged");
        Started s = checkout(pub);
        String id = "evt_" + UUID.randomUUID();
        String event = Billed.event(id, "checkout.session.completed", now(), completed(s));

        io.restassured.RestAssured.given().contentType("application/json")
                .header("Stripe-Signature", dev.gazette.core.StripeSignature.header(event, "whsec_wrong", clock.instant()))
                .body(event).post(Billed.STRIPE_WEBHOOK).then().statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("invalid_signature"));
        Billed.deliver(event, clock.instant().minus(Duration.ofMinutes(10))).then().statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("invalid_signature"));
        io.restassured.RestAssured.given().contentType("application/json").body(event).post(Billed.STRIPE_WEBHOOK).then()
                .statusCode(400).body("code", org.hamcrest.Matchers.equalTo("invalid_signature"));
        // the body changed after signing
        io.restassured.RestAssured.given().contentType("application/json")
                .header("Stripe-Signature", dev.gazette.core.StripeSignature.header(event, Billed.STRIPE_WEBHOOK_SECRET,
                        clock.instant()))
                .body(event.replace(s.subscription(), "sub_forged")).post(Billed.STRIPE_WEBHOOK).then().statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("invalid_signature"));

        assertThat(Db.count(db, "SELECT count(*) FROM membership_provider_event WHERE event_id = ?", id)).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE subscriber_id = ?", s.reader().id())).isZero();
        assertThat(Db.text(db, "SELECT status FROM membership_checkout WHERE public_id = ?", s.checkout()))
                .isEqualTo("pending");
        // signed right, it is applied
        Billed.deliver(event, clock.instant()).then().statusCode(200).body("applied", org.hamcrest.Matchers.equalTo(true));
        assertThat(Members.state(db, s.reader())).isEqualTo("active");

        // a tip's session (payment mode) is the tips' endpoint's business; an expired checkout is closed
        String tip = "evt_" + UUID.randomUUID();
        Billed.deliver(Billed.event(tip, "checkout.session.completed", now(), "{\"id\":\"cs_tip\",\"mode\":\"payment\","
                + "\"client_reference_id\":\"tip_1\"}"), clock.instant()).then().statusCode(200);
        assertThat(Db.text(db, "SELECT outcome FROM membership_provider_event WHERE event_id = ?", tip)).isEqualTo("ignored");
        Started other = checkout(pub);
        deliver("checkout.session.expired", now(), "{\"id\":\"cs_x\",\"mode\":\"subscription\",\"client_reference_id\":\""
                + other.checkout() + "\"}", true);
        assertThat(Db.text(db, "SELECT status FROM membership_checkout WHERE public_id = ?", other.checkout()))
                .isEqualTo("cancelled");
    }

    @Test
    void aStripeMemberManagesTheirCardInThePortalAndTheirCancelReachesStripe() {
        Members.Pub pub = Members.monthly("StripeSelf");
        Started s = checkout(pub);
        deliver("checkout.session.completed", now(), completed(s), true);
        Billed.wiremock().stubFor(post(urlEqualTo("/v1/billing_portal/sessions"))
                .withRequestBody(containing("customer=" + s.customer()))
                .willReturn(Billed.json("{\"id\":\"bps_1\",\"url\":\"https://billing.stripe.com/p/session/" + s.customer()
                        + "\"}")));
        Billed.wiremock().stubFor(post(urlEqualTo("/v1/subscriptions/" + s.subscription()))
                .willReturn(Billed.json("{\"id\":\"" + s.subscription() + "\",\"object\":\"subscription\"}")));

        String token = tokens.sign("subscriber-preferences", s.reader().id());
        String client = Api.randomClient();
        Members.Page page = Members.open(client, "/preferences/" + token, null);
        assertThat(page.html()).contains("id=\"portal-button\"");
        Members.post(client, page, "/preferences/" + token + "/membership/portal", Map.of()).then().statusCode(303)
                .header("Location", "https://billing.stripe.com/p/session/" + s.customer());
        Members.post(client, page.withoutToken(), "/preferences/" + token + "/membership/portal", Map.of()).then()
                .statusCode(403).body("code", org.hamcrest.Matchers.equalTo("csrf_failed"));

        Members.post(client, page, "/preferences/" + token + "/membership/cancel", Map.of()).then().statusCode(303);
        Billed.wiremock().verify(postRequestedFor(urlEqualTo("/v1/subscriptions/" + s.subscription()))
                .withRequestBody(equalTo("cancel_at_period_end=true")));
        assertThat(Db.count(db, "SELECT count(*) FROM membership WHERE subscriber_id = ? AND cancel_at_period_end",
                s.reader().id())).isOne();
        // Stripe's own echo of that change is a no-op
        deliver("customer.subscription.updated", now() + 5, subscription(s, true, 5000, "active"), true);
        assertThat(Members.ledger(db, s.reader())).containsExactly("started:->active", "cancel_requested:active>active");
    }
}
