package dev.gazette.event;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.StudioForms;

/**
 * The outbox: an event is written in its change's transaction, so one that rolls back is never
 * posted and one that commits is; the services emit their events with the payloads of the README.
 */
@QuarkusTest
class EventOutboxTest {

    private static final Receiver receiver = Receiver.shared();

    @Inject
    Events events;

    @Inject
    DataSource db;

    @Test
    void anEventWhoseTransactionRollsBackIsNeverPosted() {
        Scenario writer = Scenario.writer("Outbox");
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", writer.slug());
        Webhooks.endpoint(writer.token(), writer.slug(), receiver.url("/rollback"), "subscriber.created");

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            events.emit(EventType.SUBSCRIBER_CREATED, publication,
                    new EventData.Subscriber(-1, "rolled-back@example.com", "Rolled back", "active"));
            throw new IllegalStateException("the change fails after its event was written");
        })).hasStackTraceContaining("the change fails after its event was written");
        QuarkusTransaction.requiringNew().run(() -> events.emit(EventType.SUBSCRIBER_CREATED, publication,
                new EventData.Subscriber(-2, "committed@example.com", "Committed", "active")));

        // the committed event, written after the rolled-back one, arrives; the rolled-back one never exists
        receiver.await("/rollback", r -> r.stream().anyMatch(q -> q.text().contains("committed@example.com")));
        assertThat(receiver.received("/rollback")).noneMatch(r -> r.text().contains("rolled-back@example.com"));
        assertThat(Db.count(db, "SELECT count(*) FROM event WHERE publication_id = ? AND data ->> 'email' = ?",
                publication, "rolled-back@example.com")).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM webhook_delivery d JOIN event e ON e.id = d.event_id "
                + "WHERE e.publication_id = ?", publication)).isEqualTo(1);
    }

    @Test
    void aSubscribersLifeIsToldAndTheirErasureLeavesOnlyTheirId() {
        Scenario writer = Scenario.writer("Lifecycle");
        Webhooks.endpoint(writer.token(), writer.slug(), receiver.url("/life"), "subscriber.created",
                "subscriber.unsubscribed", "subscriber.erased");
        String email = writer.subscriber("Minji");
        long id = Db.count(db, "SELECT id FROM subscriber WHERE email = ?", email);
        String page = "/studio/publications/" + writer.slug() + "/subscribers/" + id;
        StudioForms.post(writer.account(), StudioForms.open(writer.account(), page, "en"), page + "/unsubscribe", Map.of(),
                "en").then().statusCode(303);
        as(writer.token()).delete(writer.subscribersPath() + "/" + id).then().statusCode(204);

        List<Receiver.Request> got = receiver.await("/life", r -> r.size() >= 3);
        Map<String, JsonPath> byType = new java.util.HashMap<>();
        got.forEach(r -> byType.put(JsonPath.from(r.text()).getString("type"), JsonPath.from(r.text())));
        assertThat(byType).containsOnlyKeys("subscriber.created", "subscriber.unsubscribed", "subscriber.erased");
        JsonPath created = byType.get("subscriber.created");
        assertThat(created.getInt("version")).isEqualTo(1);
        assertThat(created.getLong("data.subscriberId")).isEqualTo(id);
        assertThat(created.getString("data.status")).isEqualTo("active");
        assertThat(byType.get("subscriber.unsubscribed").getString("data.status")).isEqualTo("unsubscribed");
        assertThat(byType.get("subscriber.erased").getMap("data")).containsOnlyKeys("subscriberId");
        // every event about them keeps their id and has lost their address
        assertThat(Db.count(db, "SELECT count(*) FROM event WHERE data ->> 'subscriberId' = ?", Long.toString(id)))
                .isEqualTo(3);
        assertThat(Db.count(db, "SELECT count(*) FROM event WHERE data ->> 'subscriberId' = ? "
                + "AND (data ->> 'email' IS NOT NULL OR data ->> 'name' IS NOT NULL)", Long.toString(id))).isZero();
    }

    @Test
    void anIssuesSendIsToldWhenRequestedAndWhenDone() {
        Scenario writer = Scenario.writer("Issues").subscribers(1);
        Webhooks.endpoint(writer.token(), writer.slug(), receiver.url("/issues"), "issue.scheduled", "issue.sent");
        long issue = writer.issue(Map.of("title", "Webhook letter"));
        writer.sendAndAwait(issue);

        List<Receiver.Request> got = receiver.await("/issues", r -> r.size() >= 2);
        assertThat(got).extracting(r -> JsonPath.from(r.text()).getString("type")).containsExactlyInAnyOrder(
                "issue.scheduled", "issue.sent");
        assertThat(got).allSatisfy(r -> {
            assertThat(JsonPath.from(r.text()).getLong("data.issueId")).isEqualTo(issue);
            assertThat(JsonPath.from(r.text()).getString("data.title")).isEqualTo("Webhook letter");
        });
    }

    @Test
    void anEndpointHearsOnlyTheTypesItAskedForOfItsOwnPublication() {
        Scenario writer = Scenario.writer("Picky");
        Scenario other = Scenario.writer("Other");
        Webhooks.endpoint(writer.token(), writer.slug(), receiver.url("/picky"), "subscriber.unsubscribed");
        Webhooks.endpoint(writer.token(), writer.slug(), receiver.url("/picky-created"), "subscriber.created");
        other.subscriber("Not theirs");
        String email = writer.subscriber("Theirs");

        receiver.await("/picky-created", r -> r.size() == 1);
        assertThat(receiver.received("/picky-created").get(0).text()).contains(email);
        assertThat(receiver.received("/picky")).isEmpty();
        assertThat(receiver.received("/picky-created")).hasSize(1);
    }

    @Test
    void anImportTellsOfEachSubscriberItCreatesAndEachOneItMarksAsGone() {
        Scenario writer = Scenario.writer("Imported");
        Webhooks.endpoint(writer.token(), writer.slug(), receiver.url("/imported"), "subscriber.created",
                "subscriber.unsubscribed", "subscriber.bounced");
        String kept = writer.subscriber("Kept");
        String gone = writer.subscriber("Gone");
        receiver.await("/imported", r -> r.size() >= 2);
        String d = writer.slug() + ".example.com";
        String csv = String.join("\n", "email,name,status", "new-one@" + d + ",New One,active", "new-two@" + d + ",,active",
                kept + ",Kept,active", gone + ",,unsubscribed", "bounced-never-known@" + d + ",,bounced") + "\n";
        as(writer.token()).contentType("text/csv; charset=UTF-8").body(csv)
                .post("/api/v1/publications/" + writer.slug() + "/subscribers/import").then().statusCode(200)
                .body("created", org.hamcrest.Matchers.equalTo(2));

        // the two created and the one who left, once each; the known one and the never-known bounce tell nothing
        List<Receiver.Request> got = receiver.await("/imported", r -> r.size() >= 5);
        List<JsonPath> told = got.subList(2, got.size()).stream().map(r -> JsonPath.from(r.text())).toList();
        assertThat(told).extracting(j -> j.getString("type") + " " + j.getString("data.email") + " "
                + j.getString("data.status")).containsExactlyInAnyOrder(
                        "subscriber.created new-one@" + d + " active", "subscriber.created new-two@" + d + " active",
                        "subscriber.unsubscribed " + gone + " unsubscribed");
        JsonPath first = told.stream().filter(j -> ("new-one@" + d).equals(j.getString("data.email"))).findFirst()
                .orElseThrow();
        assertThat(first.getString("data.name")).isEqualTo("New One");
        assertThat(first.getLong("data.subscriberId")).isEqualTo(
                Db.count(db, "SELECT id FROM subscriber WHERE email = ?", "new-one@" + d));
        assertThat(Db.count(db, "SELECT count(DISTINCT id) FROM event WHERE publication_id = "
                + "(SELECT id FROM publication WHERE slug = ?)", writer.slug())).isEqualTo(5);
        assertThat(receiver.received("/imported")).hasSize(5);
    }
}
