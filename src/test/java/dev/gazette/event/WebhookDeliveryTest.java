package dev.gazette.event;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;

/**
 * Delivery as a receiver sees it: signed per Standard Webhooks (checked by an implementation of the
 * scheme of the test's own), retried with the same webhook-id until it answers, logged attempt by
 * attempt, replayed and tested on demand, signed with both secrets during a rotation, and an
 * endpoint disabled (its writer mailed) once it has failed for too long.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Receiver receiver = Receiver.shared();

    @Inject
    DataSource db;

    @Test
    void aReceiverThatFailsThreeTimesGetsTheSameMessageTheFourthTime() throws Exception {
        Scenario writer = Scenario.writer("Retried");
        receiver.script("/flaky", 500, 503, 502);
        Webhooks.Made endpoint = Webhooks.endpoint(writer.token(), writer.slug(), receiver.url("/flaky"),
                "subscriber.created");
        String email = writer.subscriber("Patient");

        List<Receiver.Request> got = receiver.await("/flaky", r -> r.size() >= 4);
        assertThat(got).hasSize(4);
        assertThat(got).extracting(r -> r.header("webhook-id")).containsOnly(got.get(0).header("webhook-id"));
        assertThat(got.get(0).header("webhook-id")).startsWith("msg_").doesNotContain(".");
        assertThat(got).extracting(Receiver.Request::text).containsOnly(got.get(0).text());
        for (Receiver.Request request : got) {
            assertThat(StandardWebhooks.verify(endpoint.secret(), request)).as("signature").isTrue();
            assertThat(request.header("content-type")).startsWith("application/json");
        }
        JsonPath body = JsonPath.from(got.get(0).text());
        assertThat(body.getString("type")).isEqualTo("subscriber.created");
        assertThat(body.getString("data.email")).isEqualTo(email);

        JsonPath log = awaitDelivery(writer, endpoint, "delivered");
        assertThat(log.getInt("items[0].attempts")).isEqualTo(4);
        assertThat(log.getList("items[0].log.status", Integer.class)).containsExactly(500, 503, 502, 200);
        assertThat(log.getString("items[0].log[3].responseExcerpt")).isEqualTo("answered 200");
        assertThat(log.getString("items[0].webhookId")).isEqualTo(got.get(0).header("webhook-id"));
    }

    @Test
    void aSignatureMadeWithAnotherSecretOrOverAnotherBodyDoesNotVerify() throws Exception {
        Scenario writer = Scenario.writer("Forged");
        Webhooks.Made endpoint = Webhooks.endpoint(writer.token(), writer.slug(), receiver.url("/forged"),
                "subscriber.created");
        writer.subscriber("Someone");
        Receiver.Request request = receiver.await("/forged", r -> !r.isEmpty()).get(0);

        assertThat(StandardWebhooks.verify(endpoint.secret(), request)).isTrue();
        assertThat(StandardWebhooks.verify(WebhookSigner.newSecret(), request)).isFalse();
        byte[] changed = request.text().replace("Someone", "Sameone").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(StandardWebhooks.verify(endpoint.secret(), request.header("webhook-id"),
                request.header("webhook-timestamp"), request.header("webhook-signature"), changed)).isFalse();
    }

    @Test
    void aReplayAndATestEventArriveSigned() throws Exception {
        Scenario writer = Scenario.writer("Replayed");
        Webhooks.Made endpoint = Webhooks.endpoint(writer.token(), writer.slug(), receiver.url("/replay"),
                "subscriber.created");
        writer.subscriber("Again");
        Receiver.Request first = receiver.await("/replay", r -> r.size() == 1).get(0);
        long delivery = awaitDelivery(writer, endpoint, "delivered").getLong("items[0].id");

        as(writer.token()).post(endpoint.path() + "/deliveries/" + delivery + "/replay").then().statusCode(202);
        Receiver.Request again = receiver.await("/replay", r -> r.size() == 2).get(1);
        assertThat(again.header("webhook-id")).isEqualTo(first.header("webhook-id"));
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(StandardWebhooks.verify(endpoint.secret(), again)).isTrue();

        as(writer.token()).post(endpoint.path() + "/test").then().statusCode(202);
        Receiver.Request test = receiver.await("/replay", r -> r.size() == 3).get(2);
        assertThat(JsonPath.from(test.text()).getString("type")).isEqualTo("webhook.test");
        assertThat(test.header("webhook-id")).isNotEqualTo(first.header("webhook-id"));
        assertThat(StandardWebhooks.verify(endpoint.secret(), test)).isTrue();
    }

    @Test
    void duringARotationBothSecretsSign() throws Exception {
        Scenario writer = Scenario.writer("Rotated");
        Webhooks.Made endpoint = Webhooks.endpoint(writer.token(), writer.slug(), receiver.url("/rotate"),
                "subscriber.created");
        String rotated = as(writer.token()).post(endpoint.path() + "/rotate-secret").then().statusCode(200).extract()
                .path("secret");
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(endpoint.secret());
        writer.subscriber("Rotating");

        Receiver.Request request = receiver.await("/rotate", r -> !r.isEmpty()).get(0);
        assertThat(request.header("webhook-signature").split(" ")).hasSize(2);
        assertThat(StandardWebhooks.verify(rotated, request)).isTrue();
        assertThat(StandardWebhooks.verify(endpoint.secret(), request)).isTrue();
        assertThat(as(writer.token()).get(endpoint.path()).then().statusCode(200).extract().<String>path("secret"))
                .isEqualTo(rotated);
    }

    @Test
    void anEndpointFailingForThreeDaysIsDisabledAndItsWriterMailed() {
        Scenario writer = Scenario.writer("Failing");
        receiver.script("/down", 500);
        Webhooks.Made endpoint = Webhooks.endpoint(writer.token(), writer.slug(), receiver.url("/down"),
                "subscriber.created");
        // it has failed since before the allowed age: the next failure is the last straw
        Db.execute(db, "UPDATE webhook_endpoint SET failing_since = now() - interval '4 days' WHERE id = ?", endpoint.id());
        writer.subscriber("Unlucky");

        Awaitility.await("the endpoint is disabled").atMost(Scenario.SEND_TIMEOUT).until(() -> !as(writer.token())
                .get(endpoint.path()).then().statusCode(200).extract().<Boolean>path("enabled"));
        assertThat(as(writer.token()).get(endpoint.path()).then().extract().<String>path("disabledReason")).contains("3 days");
        assertThat(Db.count(db, "SELECT count(*) FROM mail WHERE kind = 'writer_notice' AND reference = ? AND recipient = ?",
                "webhook:" + endpoint.id(), writer.account().email())).isEqualTo(1);
        // while disabled it is given no new event; enabled again, what was waiting goes out, and what comes next
        writer.subscriber("Missed");
        as(writer.token()).body(Map.of("enabled", true)).patch(endpoint.path()).then().statusCode(200);
        writer.subscriber("After");
        receiver.await("/down", r -> r.stream().filter(q -> q.text().contains("After")).count() == 1
                && r.stream().filter(q -> q.text().contains("Unlucky")).count() == 2);
        assertThat(receiver.received("/down")).noneMatch(q -> q.text().contains("Missed"));
        assertThat(Db.count(db, "SELECT count(*) FROM webhook_delivery WHERE endpoint_id = ?", endpoint.id())).isEqualTo(2);
    }

    @Test
    void aGoneEndpointIsDisabledAtOnce() {
        Scenario writer = Scenario.writer("Gone");
        receiver.script("/gone", 410);
        Webhooks.Made endpoint = Webhooks.endpoint(writer.token(), writer.slug(), receiver.url("/gone"),
                "subscriber.created");
        writer.subscriber("Nobody");

        Awaitility.await("the endpoint is disabled").atMost(Scenario.SEND_TIMEOUT).until(() -> !as(writer.token())
                .get(endpoint.path()).then().statusCode(200).extract().<Boolean>path("enabled"));
        assertThat(awaitDelivery(writer, endpoint, "failed").getInt("items[0].attempts")).isEqualTo(1);
    }

    private static JsonPath awaitDelivery(Scenario writer, Webhooks.Made endpoint, String state) {
        Awaitility.await("the delivery is " + state).atMost(Scenario.SEND_TIMEOUT).until(() -> state.equals(
                as(writer.token()).get(endpoint.path() + "/deliveries").then().statusCode(200).extract()
                        .path("items[0].state")));
        return as(writer.token()).get(endpoint.path() + "/deliveries").then().extract().jsonPath();
    }
}
