package dev.gazette.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/**
 * Who the client is, end to end: the test profile trusts the loopback address as its proxy, so a
 * request from here may name its client, but only the entry the proxy appended counts. A peer that
 * is no trusted proxy is covered by ClientAddressesTest.
 */
@QuarkusTest
class ForwardedHeadersTest {

    @Inject
    DataSource db;

    @Test
    void theConsentLedgerRecordsTheAddressTheTrustedProxyAppendedNotTheForgedOne() {
        Api.Account writer = Api.writer("Ledger");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("reader");
        // the client forged 203.0.113.66; the proxy (loopback, trusted) appended 198.51.100.23
        RestAssured.given().header("X-Forwarded-For", "203.0.113.66, 198.51.100.23").contentType("application/json")
                .body(Map.of("email", email)).post("/p/" + slug + "/subscribe").then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
        assertThat(Db.count(db, "SELECT count(*) FROM consent c JOIN subscriber s ON s.id = c.subscriber_id"
                + " WHERE s.email = ? AND c.ip = '198.51.100.23'", email)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM consent c JOIN subscriber s ON s.id = c.subscriber_id"
                + " WHERE s.email = ? AND c.ip = '203.0.113.66'", email)).isZero();
    }

    @Test
    void aLoginLimitCannotBeDodgedByWritingANewLeftMostAddress() {
        String proxySaw = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            int status = RestAssured.given().header("X-Forwarded-For", "10.9." + i + ".1, " + proxySaw)
                    .contentType("application/json").body(Map.of("email", Api.uniqueEmail("nobody"), "password", "wrong"))
                    .post("/api/v1/auth/login").then().extract().statusCode();
            refused += status == 429 ? 1 : 0;
        }
        // 10 a minute per client: the same client whatever it wrote on the left
        assertThat(refused).isGreaterThanOrEqualTo(1);
    }
}
