package dev.gazette.engagement;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/** Coffee tips through the built-in sandbox provider, and the input a tip refuses. */
@QuarkusTest
class SandboxTipTest {

    @Inject
    DataSource db;

    @Test
    void aTipIsPaidOnTheSandboxCheckoutAndTheWriterSeesTheNote() {
        Readers.Sent sent = Readers.sentIssue("Tipped", Map.of("tipPrice", 5000));
        String client = Api.randomClient();
        Readers.Page page = Readers.open(client, sent.page() + "?r=" + sent.readerToken(), null);
        assertThat(page.html()).contains("id=\"coffee-button\"").contains("₩5,000");
        String checkout = Readers.postForm(client, page, sent.page() + "/tips",
                Map.of("coffees", "3", "name", "민지", "message", "잘 읽었어요", "r", sent.readerToken()))
                .then().statusCode(303).extract().header("Location");
        String path = java.net.URI.create(checkout).getRawPath(); // our own page, on this server
        assertThat(path).startsWith("/checkout/sandbox/tip_");
        assertThat(Db.count(db, "SELECT count(*) FROM tip WHERE issue_id = ? AND status = 'pending' AND coffees = 3 "
                + "AND amount = 15000 AND currency = 'KRW' AND subscriber_id IS NOT NULL", sent.issueId())).isOne();

        Readers.Page pay = Readers.open(client, path, page.cookie());
        assertThat(pay.html()).contains("15000 KRW").contains("id=\"pay-button\"");
        Readers.postForm(client, pay, path + "/confirm", Map.of()).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("paid"));
        Readers.postForm(client, pay, path + "/cancel", Map.of()).then().statusCode(200); // too late: stays paid
        assertThat(Db.count(db, "SELECT count(*) FROM tip WHERE issue_id = ? AND status = 'paid' AND paid_at IS NOT NULL",
                sent.issueId())).isOne();

        Readers.mail(sent.writer().email(), text -> text.contains("잘 읽었어요"));
        as(sent.writer().token()).get("/api/v1/publications/" + sent.publication() + "/tips").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].status", equalTo("paid")).body("[0].message", equalTo("잘 읽었어요"))
                .body("[0].coffees", equalTo(3)).body("[0].issueId", equalTo((int) sent.issueId()));
        as(Api.writer("Nosy").token()).get("/api/v1/publications/" + sent.publication() + "/tips").then().statusCode(404);
    }

    @Test
    void aCancelledCheckoutFailsTheTip() {
        Readers.Sent sent = Readers.sentIssue("Cancelled", Map.of("tipPrice", 3.5, "tipCurrency", "USD"));
        String checkout = Api.anonymous().body(Map.of("coffees", 2)).post(sent.page() + "/tips").then().statusCode(201)
                .body("status", equalTo("pending")).body("amount", equalTo(7.0f)).body("currency", equalTo("USD"))
                .extract().path("checkoutUrl");
        String path = checkout.substring("http://localhost:8080".length());
        String client = Api.randomClient();
        Readers.postForm(client, Readers.open(client, path, null), path + "/cancel", Map.of()).then().statusCode(200);
        assertThat(Db.count(db, "SELECT count(*) FROM tip WHERE issue_id = ? AND status = 'failed'", sent.issueId())).isOne();
    }

    @Test
    void zeroOrNegativeCoffeesAndUnknownCurrenciesAreRefusedAndChangeNothing() {
        Readers.Sent sent = Readers.sentIssue("Careful", Map.of("tipPrice", 5000));
        for (Object coffees : new Object[]{0, -3, 101}) {
            Api.anonymous().body(Map.of("coffees", coffees)).post(sent.page() + "/tips").then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("invalid_coffees"));
        }
        Api.anonymous().body(Map.of()).post(sent.page() + "/tips").then().statusCode(400).body("code",
                equalTo("invalid_coffees"));
        Api.anonymous().body(Map.of("coffees", 1, "currency", "XYZ")).post(sent.page() + "/tips").then().statusCode(400)
                .body("code", equalTo("unknown_currency"));
        Api.anonymous().body(Map.of("coffees", 1, "currency", "USD")).post(sent.page() + "/tips").then().statusCode(400)
                .body("code", equalTo("currency_mismatch"));
        Map<String, Object> badEmail = new HashMap<>(Map.of("coffees", 1, "email", "not an address"));
        Api.anonymous().body(badEmail).post(sent.page() + "/tips").then().statusCode(400);
        assertThat(Db.count(db, "SELECT count(*) FROM tip WHERE issue_id = ?", sent.issueId())).isZero();

        Readers.Sent free = Readers.sentIssue("Free");
        Api.anonymous().body(Map.of("coffees", 1)).post(free.page() + "/tips").then().statusCode(409)
                .body("code", equalTo("tips_off"));
    }
}
