package dev.gazette.account;

import static dev.gazette.testing.Api.anonymous;
import static dev.gazette.testing.Api.as;
import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static dev.gazette.testing.StudioForms.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.StudioForms.Page;

/** The admin console's accounts: disable and enable, roles, sessions, each audited, each form with its token. */
@QuarkusTest
class AdminAccountsPageTest {

    @Inject
    DataSource db;

    @Test
    void aDisabledWritersSessionsAndTokensStopAtOnceAndTheyCannotLogIn() {
        Api.Account writer = Api.writer("Disabled");
        String apiToken = as(writer.token()).body(Map.of("name", "script")).post("/api/v1/me/tokens").then()
                .statusCode(201).extract().path("token");
        long id = accountId(writer.email());
        Api.Account admin = Api.admin();

        Page list = open(admin, "/admin/accounts?q=" + writer.email(), "en");
        assertThat(list.html()).contains(writer.email(), "/admin/accounts/" + id + "/disable", "Disable");
        Response disabled = post(admin, list, "/admin/accounts/" + id + "/disable", Map.of(), "en");
        assertThat(disabled.statusCode()).isEqualTo(303);
        assertThat(disabled.header("Location")).endsWith("/admin/accounts?done=disable");

        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE id = ? AND disabled_at IS NOT NULL", id)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM access_token WHERE account_id = ? AND revoked_at IS NULL", id)).isZero();
        for (String token : new String[]{writer.token(), apiToken}) {
            as(token).get("/api/v1/me").then().statusCode(401).body("code", equalTo("unauthenticated"));
        }
        Response studio = session(writer, "en").get("/studio");
        assertThat(studio.statusCode()).isEqualTo(303);
        assertThat(studio.header("Location")).contains("/login?next=");
        anonymous().body(Map.of("email", writer.email(), "password", Api.PASSWORD)).post("/api/v1/auth/login").then()
                .statusCode(403).body("code", equalTo("account_disabled"));
        assertThat(Db.text(db, "SELECT actor_email || ' ' || action || ' ' || target || ' ' || client_address "
                + "FROM audit_log WHERE target LIKE ? AND action = 'account_disabled'", "account " + id + " %"))
                .startsWith(Api.ADMIN_EMAIL + " account_disabled account " + id + " " + writer.email() + " 2001:db8:");
        assertThat(open(admin, "/admin/accounts?q=" + writer.email(), "ko").html()).contains("사용 중지됨", "다시 사용");

        assertThat(post(admin, list, "/admin/accounts/" + id + "/enable", Map.of(), "en").statusCode()).isEqualTo(303);
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE id = ? AND disabled_at IS NULL", id)).isOne();
        assertThat(Api.login(writer.email(), Api.PASSWORD)).startsWith("gz_");
        assertThat(audits(id, "account_enabled")).isOne();
    }

    @Test
    void formsWithoutTheirTokenAreRefusedAndChangeNothing() {
        Api.Account writer = Api.writer("Guarded");
        long id = accountId(writer.email());
        Api.Account admin = Api.admin();
        Page forged = open(admin, "/admin/accounts", "en").withoutToken();
        for (String action : new String[]{"disable", "enable", "role", "revoke"}) {
            Response refused = post(admin, forged, "/admin/accounts/" + id + "/" + action, Map.of("role", "admin"), "en");
            assertThat(refused.statusCode()).as(action).isEqualTo(403);
            assertThat(refused.asString()).as(action).contains("csrf_failed");
        }
        assertThat(Db.text(db, "SELECT role || ' ' || (disabled_at IS NULL) FROM account WHERE id = ?", id))
                .isEqualTo("writer true");
        assertThat(Db.count(db, "SELECT count(*) FROM access_token WHERE account_id = ? AND revoked_at IS NULL", id)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE target LIKE ?", "account " + id + " %")).isZero();
    }

    @Test
    void anAdminMakesAWriterAdminAndBackAndLogsThemOutEverywhere() {
        Api.Account writer = Api.writer("Promoted");
        long id = accountId(writer.email());
        Api.Account admin = Api.admin();
        Page list = open(admin, "/admin/accounts?q=" + writer.email(), "en");
        session(writer, "en").get("/admin").then().statusCode(403);

        assertThat(post(admin, list, "/admin/accounts/" + id + "/role", Map.of("role", "admin"), "en").statusCode())
                .isEqualTo(303);
        assertThat(Db.text(db, "SELECT role FROM account WHERE id = ?", id)).isEqualTo("admin");
        assertThat(open(writer, "/admin", "en").html()).contains("/admin/accounts", "/admin/audit");
        assertThat(Db.text(db, "SELECT detail FROM audit_log WHERE target LIKE ? AND action = 'account_role_changed'",
                "account " + id + " %")).isEqualTo("writer → admin");

        Response invalid = post(admin, list, "/admin/accounts/" + id + "/role", Map.of("role", "owner"), "en");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.asString()).contains("invalid_role");
        assertThat(post(admin, list, "/admin/accounts/" + id + "/role", Map.of("role", "writer"), "en").statusCode())
                .isEqualTo(303);
        assertThat(Db.text(db, "SELECT role FROM account WHERE id = ?", id)).isEqualTo("writer");
        session(writer, "en").get("/admin").then().statusCode(403);
        assertThat(audits(id, "account_role_changed")).isEqualTo(2);

        assertThat(post(admin, list, "/admin/accounts/" + id + "/revoke", Map.of(), "en").statusCode()).isEqualTo(303);
        as(writer.token()).get("/api/v1/me").then().statusCode(401);
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE id = ? AND disabled_at IS NULL", id)).isOne();
        assertThat(Api.login(writer.email(), Api.PASSWORD)).startsWith("gz_");
        assertThat(audits(id, "account_sessions_revoked")).isOne();
    }

    @Test
    void anAdminCannotDisableDemoteOrLogOutThemselvesAndNothingIsRecorded() {
        Api.Account admin = Api.admin();
        long self = accountId(Api.ADMIN_EMAIL);
        Page list = open(admin, "/admin/accounts?q=" + Api.ADMIN_EMAIL, "ko");
        assertThat(list.html()).doesNotContain("/admin/accounts/" + self + "/disable");
        for (String action : new String[]{"disable", "role", "revoke"}) {
            Response refused = post(admin, list, "/admin/accounts/" + self + "/" + action, Map.of("role", "writer"), "ko");
            assertThat(refused.statusCode()).as(action).isEqualTo(409);
            assertThat(refused.asString()).as(action).contains("자신의 계정");
        }
        assertThat(Db.text(db, "SELECT role || ' ' || (disabled_at IS NULL) FROM account WHERE id = ?", self))
                .isEqualTo("admin true");
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE target LIKE ?", "account " + self + " %")).isZero();
        Response unknown = post(admin, list, "/admin/accounts/999999999/disable", Map.of(), "en");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.asString()).contains("account_not_found");
    }

    @Test
    void theListIsSearchedByPrefixAPageAtATime() {
        String prefix = "zz" + UUID.randomUUID().toString().substring(0, 6);
        Timestamp now = Timestamp.from(Instant.now());
        Db.execute(db, "INSERT INTO account (email, name, password_hash, role, created_at, password_changed_at) "
                + "SELECT ? || '-' || i || '@example.com', 'Writer ' || i, 'x', 'writer', ?, ? FROM generate_series(0, ?) i "
                + "ORDER BY i", prefix, now, now, AccountAdministration.PAGE + 2);
        Api.Account admin = Api.admin();
        String first = open(admin, "/admin/accounts?q=" + prefix.toUpperCase(), "en").html();
        assertThat(first).contains(prefix + "-" + (AccountAdministration.PAGE + 2) + "@example.com")
                .doesNotContain(prefix + "-2@example.com").contains("Older");
        long last = Db.count(db, "SELECT min(id) FROM (SELECT id FROM account WHERE email LIKE ? ORDER BY id DESC LIMIT ?) p",
                prefix + "%", AccountAdministration.PAGE);
        assertThat(first).contains("before=" + last);
        String second = open(admin, "/admin/accounts?q=" + prefix + "&before=" + last, "en").html();
        assertThat(second).contains(prefix + "-0@example.com", prefix + "-2@example.com")
                .doesNotContain(prefix + "-3@example.com").doesNotContain("Older");
        assertThat(open(admin, "/admin/accounts?q=nobody-" + prefix, "en").html()).contains("No account matches.");
    }

    private long accountId(String email) {
        return Db.count(db, "SELECT id FROM account WHERE email = ?", email);
    }

    private long audits(long accountId, String action) {
        return Db.count(db, "SELECT count(*) FROM audit_log WHERE target LIKE ? AND action = ?",
                "account " + accountId + " %", action);
    }
}
