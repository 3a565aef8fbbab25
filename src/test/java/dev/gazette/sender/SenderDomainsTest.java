package dev.gazette.sender;

import static dev.gazette.testing.Api.anonymous;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.TestDns;

/** Sender domains over the API, checked against the tests' own DNS server: states, refusals, owners, admins. */
@QuarkusTest
class SenderDomainsTest {

    @Inject
    DataSource db;

    @Inject
    DomainRecheck recheck;

    static String uniqueDomain() {
        return "d" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    }

    /** Adds the domain for the writer; returns the answer. */
    static JsonPath add(String token, String domain) {
        return as(token).body(Map.of("domain", domain)).post("/api/v1/domains").then().statusCode(201)
                .body("domain", equalTo(domain)).body("state", equalTo("pending")).extract().jsonPath();
    }

    /** Publishes the records of these kinds as the domain's answer says, in the tests' DNS. */
    static void publish(JsonPath domain, String... kinds) {
        List<Map<String, String>> records = domain.getList("records");
        for (Map<String, String> record : records) {
            if (List.of(kinds).contains(record.get("kind"))) {
                if ("CNAME".equals(record.get("type"))) {
                    TestDns.running().cname(record.get("name"), record.get("value"));
                } else {
                    TestDns.running().txt(record.get("name"), record.get("value"));
                }
            }
        }
    }

    static JsonPath verify(String token, String domain) {
        return as(token).post("/api/v1/domains/" + domain + "/verify").then().statusCode(200).extract().jsonPath();
    }

    static String status(JsonPath domain, String kind) {
        return domain.getString("records.find { it.kind == '" + kind + "' }.status");
    }

    /** A domain of the writer's, every record published and checked: verified. */
    static String verifiedDomain(String token) {
        String domain = uniqueDomain();
        publish(add(token, domain), "dkim", "spf", "dmarc", "return_path");
        assertThat(verify(token, domain).getString("state")).isEqualTo("verified");
        return domain;
    }

    @Test
    void aDomainShowsItsRecordsAndMovesFromPendingThroughPartialToVerified() {
        Api.Account writer = Api.writer("domains");
        String domain = uniqueDomain();
        JsonPath added = add(writer.token(), domain);
        String selector = added.getString("selector");
        assertThat(added.getString("records.find { it.kind == 'dkim' }.name")).isEqualTo(selector + "._domainkey." + domain);
        assertThat(added.getString("records.find { it.kind == 'dkim' }.value")).startsWith("v=DKIM1; k=rsa; p=MIIB");
        assertThat(added.getString("records.find { it.kind == 'spf' }.value"))
                .isEqualTo("v=spf1 include:_spf.gazette.localhost ~all");
        assertThat(added.getString("records.find { it.kind == 'dmarc' }.name")).isEqualTo("_dmarc." + domain);
        assertThat(added.getString("records.find { it.kind == 'return_path' }.name")).isEqualTo("bounce." + domain);
        assertThat(added.getString("records.find { it.kind == 'return_path' }.value")).isEqualTo("bounce.gazette.localhost");
        assertThat(added.getMap("$")).doesNotContainKeys("privateKey", "private_key");

        // nothing published: every record missing, still pending
        JsonPath none = verify(writer.token(), domain);
        assertThat(none.getString("state")).isEqualTo("pending");
        assertThat(none.getList("records.status")).containsOnly("missing");

        // half published, and an SPF record without the relay: partial, each record says what is wrong
        publish(added, "dkim");
        TestDns.running().txt(domain, "v=spf1 mx -all");
        JsonPath half = verify(writer.token(), domain);
        assertThat(half.getString("state")).isEqualTo("partial");
        assertThat(status(half, "dkim")).isEqualTo("ok");
        assertThat(status(half, "spf")).isEqualTo("wrong");
        assertThat(half.getString("records.find { it.kind == 'spf' }.found")).isEqualTo("v=spf1 mx -all");
        assertThat(status(half, "dmarc")).isEqualTo("missing");
        assertThat(status(half, "return_path")).isEqualTo("missing");

        TestDns.running().remove(domain);
        publish(added, "spf", "dmarc", "return_path");
        JsonPath all = verify(writer.token(), domain);
        assertThat(all.getString("state")).isEqualTo("verified");
        assertThat(all.getList("records.status")).containsOnly("ok");
        as(writer.token()).get("/api/v1/domains").then().statusCode(200).body("domains.domain", hasItem(domain));
    }

    @Test
    void aVerifiedDomainThatLosesARecordIsFlaggedByThePeriodicCheck() {
        Api.Account writer = Api.writer("lapse");
        String domain = verifiedDomain(writer.token());
        TestDns.running().remove("_dmarc." + domain);
        Db.execute(db, "update sender_domain set next_check_at = now() - interval '1 minute' where domain = ?", domain);
        recheck.run();
        JsonPath now = as(writer.token()).get("/api/v1/domains/" + domain).then().statusCode(200).extract().jsonPath();
        assertThat(now.getString("state")).isEqualTo("failing");
        assertThat(status(now, "dmarc")).isEqualTo("missing");
        assertThat(Db.count(db, "select count(*) from sender_domain where domain = ? and next_check_at > now()", domain))
                .isOne();
    }

    @Test
    void aWriterMaySendOnlyFromTheirOwnVerifiedDomain() {
        Scenario writer = Scenario.writer("sender");
        String slug = "/api/v1/publications/" + writer.slug();
        String pending = uniqueDomain();
        add(writer.token(), pending);
        Scenario other = Scenario.writer("other");
        String theirs = verifiedDomain(other.token());

        for (var refused : List.of(Map.entry("letters@gazette.localhost", "sender_domain_platform"),
                Map.entry("letters@news.gazette.localhost", "sender_domain_platform"),
                Map.entry("letters@" + theirs, "sender_domain_taken"),
                Map.entry("letters@" + pending, "sender_domain_unverified"))) {
            as(writer.token()).body(Map.of("senderEmail", refused.getKey(), "name", "Changed")).patch(slug).then()
                    .statusCode(422).body("code", equalTo(refused.getValue()))
                    .body("errors.field", hasItem("senderEmail"));
            as(writer.token()).get(slug).then().statusCode(200).body("senderEmail", equalTo("letters@example.com"))
                    .body("name", not(equalTo("Changed")));
        }
        Map<String, Object> body = new java.util.HashMap<>(Api.publicationBody("pub-" + UUID.randomUUID().toString()
                .substring(0, 8)));
        body.put("senderEmail", "me@" + theirs);
        as(writer.token()).body(body).post("/api/v1/publications").then().statusCode(422)
                .body("code", equalTo("sender_domain_taken"));
        assertThat(Db.count(db, "select count(*) from publication where slug = ?", body.get("slug"))).isZero();

        String own = verifiedDomain(writer.token());
        as(writer.token()).body(Map.of("senderEmail", "letters@" + own)).patch(slug).then().statusCode(200)
                .body("senderEmail", equalTo("letters@" + own));
    }

    @Test
    void theDomainsPlatformAndTakenOnesCannotBeAdded() {
        Api.Account writer = Api.writer("adder");
        as(writer.token()).body(Map.of("domain", "gazette.localhost")).post("/api/v1/domains").then().statusCode(422)
                .body("code", equalTo("sender_domain_platform"));
        as(writer.token()).body(Map.of("domain", "not a domain")).post("/api/v1/domains").then().statusCode(400)
                .body("code", equalTo("validation_failed")).body("errors.code", hasItem("invalid_domain"));
        String domain = uniqueDomain();
        as(writer.token()).body(Map.of("domain", domain.toUpperCase(java.util.Locale.ROOT) + ".")).post("/api/v1/domains")
                .then().statusCode(201).body("domain", equalTo(domain)); // lower case, no trailing dot
        as(writer.token()).body(Map.of("domain", domain)).post("/api/v1/domains").then().statusCode(409)
                .body("code", equalTo("domain_exists"));
        as(Api.writer("squatter").token()).body(Map.of("domain", domain)).post("/api/v1/domains").then().statusCode(409)
                .body("code", equalTo("sender_domain_taken"));
    }

    @Test
    void anotherWriterCannotSeeVerifyOrDeleteYourDomain() {
        Api.Account writer = Api.writer("owner");
        String domain = uniqueDomain();
        add(writer.token(), domain);
        String stranger = Api.writer("stranger").token();
        as(stranger).get("/api/v1/domains/" + domain).then().statusCode(404).body("code", equalTo("domain_not_found"));
        as(stranger).post("/api/v1/domains/" + domain + "/verify").then().statusCode(404);
        as(stranger).delete("/api/v1/domains/" + domain).then().statusCode(404);
        as(stranger).get("/api/v1/domains").then().statusCode(200).body("domains.domain", not(hasItem(domain)));
        anonymous().get("/api/v1/domains").then().statusCode(401);
        as(writer.token()).get("/api/v1/domains/" + domain).then().statusCode(200);

        as(writer.token()).delete("/api/v1/domains/" + domain).then().statusCode(204);
        as(writer.token()).get("/api/v1/domains/" + domain).then().statusCode(404);
    }

    @Test
    void onlyAdminsSeeEveryDomainAndRevokeOneAudited() {
        Scenario writer = Scenario.writer("revoked");
        String domain = verifiedDomain(writer.token());
        as(writer.token()).get("/api/v1/admin/domains").then().statusCode(403);
        long id = ((Number) as(writer.token()).get("/api/v1/domains/" + domain).then().extract().path("id")).longValue();
        as(writer.token()).body(Map.of("reason", "mine")).post("/api/v1/admin/domains/" + id + "/revoke").then()
                .statusCode(403);
        assertThat(Db.text(db, "select state from sender_domain where id = ?", id)).isEqualTo("verified");

        String admin = Api.admin().token();
        JsonPath all = as(admin).get("/api/v1/admin/domains").then().statusCode(200).extract().jsonPath();
        assertThat(all.getString("domains.find { it.domain == '" + domain + "' }.owner")).isEqualTo(writer.account().email());
        assertThat(all.getString("domains.find { it.domain == '" + domain + "' }.state")).isEqualTo("verified");
        as(admin).body(Map.of("reason", "phishing reports")).post("/api/v1/admin/domains/" + id + "/revoke").then()
                .statusCode(200).body("state", equalTo("revoked"));
        as(admin).body(Map.of("reason", "again")).post("/api/v1/admin/domains/" + id + "/revoke").then().statusCode(409);
        assertThat(Db.count(db, "select count(*) from audit_log where action = 'sender_domain_revoked' and target = ? "
                + "and detail like ?", "sender domain " + id, "%phishing reports%")).isOne();
        // gone from the writer's list; the name is free again, for a fresh key
        as(writer.token()).get("/api/v1/domains/" + domain).then().statusCode(404);
        as(writer.token()).body(Map.of("senderEmail", "letters@" + domain)).patch("/api/v1/publications/" + writer.slug())
                .then().statusCode(200);
    }
}
