package dev.gazette.audit;

import static dev.gazette.testing.Api.as;
import static dev.gazette.testing.StudioForms.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.Sends;

/**
 * What writers change lands in the audit log, in the change's own transaction: present when the
 * change happened, absent when it was refused or rolled back, never holding a secret; admins read it
 * filtered on their page.
 */
@QuarkusTest
class AuditLogTest {

    @Inject
    DataSource db;

    @Inject
    Audit audit;

    private record Someone(long accountId, String email) implements Actor {
    }

    @Test
    void aWritersChangesAreRecordedWithWhoWhatAndFromWhere() {
        Scenario writer = Scenario.writer("Audited");
        String slug = writer.slug();
        String base = "/api/v1/publications/" + slug;
        writer.publication(Map.of("tagline", "Weekly", "senderName", "Jieun"));
        as(writer.token()).body(Map.of("commentPolicy", "off")).put(base + "/comment-policy").then().statusCode(200);
        String reader = writer.subscriber("Reader");
        long subscriber = Db.count(db, "SELECT id FROM subscriber WHERE email = ?", reader);
        as(writer.token()).contentType("text/csv; charset=UTF-8")
                .body(("email,name\nnew-" + reader + ",New\nnot an address,Bad\n").getBytes(StandardCharsets.UTF_8))
                .post(base + "/subscribers/import").then().statusCode(200);
        as(writer.token()).delete(base + "/subscribers/" + subscriber).then().statusCode(204);

        long later = writer.issue(Map.of());
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).truncatedTo(ChronoUnit.MINUTES);
        as(writer.token()).body(Map.of("scheduledAt", at.toString())).post(writer.issuePath(later) + "/send").then()
                .statusCode(202);
        as(writer.token()).body(Map.of()).post(writer.issuePath(later) + "/cancel").then().statusCode(200);
        long now = writer.issue(Map.of());
        writer.publishOnWeb(now);
        long held = writer.issue(Map.of());
        Sends.hold(db, held);
        as(writer.token()).body(Map.of()).post(writer.issuePath(held) + "/pause").then().statusCode(202);
        as(writer.token()).body(Map.of()).post(writer.issuePath(held) + "/resume").then().statusCode(202);

        List<String> actions = List.of("publication_created", "publication_updated", "comment_policy_changed",
                "subscribers_imported",
                "subscriber_erased", "issue_scheduled", "issue_cancelled", "issue_sent", "send_paused", "send_resumed");
        for (String action : actions) {
            assertThat(Db.text(db, "SELECT actor_email || ' ' || client_address FROM audit_log WHERE publication_slug = ? "
                    + "AND action = ?", slug, action)).as(action).startsWith(writer.account().email() + " 2001:db8:");
        }
        assertThat(detail(slug, "publication_updated")).isEqualTo("tagline, senderName");
        assertThat(detail(slug, "subscribers_imported")).isEqualTo("1 created, 0 updated, 0 suppressed, 1 bad lines");
        assertThat(Db.text(db, "SELECT target FROM audit_log WHERE publication_slug = ? AND action = 'subscriber_erased'",
                slug)).isEqualTo("subscriber " + subscriber);
        assertThat(detail(slug, "issue_scheduled")).startsWith("for " + at.toInstant());
        assertThat(detail(slug, "issue_sent")).isEqualTo("web only");
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE publication_slug = ? AND at > now() - interval '1 hour'",
                slug)).isGreaterThanOrEqualTo(actions.size());
    }

    @Test
    void aRefusedChangeLeavesNoLine() {
        Scenario writer = Scenario.writer("Refused");
        String slug = writer.slug();
        long draft = writer.issue(Map.of());
        as(writer.token()).body(Map.of()).post(writer.issuePath(draft) + "/cancel").then().statusCode(409);
        as(writer.token()).body(Map.of()).post(writer.issuePath(draft) + "/send").then().statusCode(422);
        as(writer.token()).body(Map.of()).post(writer.issuePath(draft) + "/pause").then().statusCode(409);
        as(writer.token()).body(Map.of("senderEmail", "not an address")).patch("/api/v1/publications/" + slug).then()
                .statusCode(400);
        Api.Account other = Api.writer("Intruder");
        as(other.token()).body(Map.of("tagline", "mine")).patch("/api/v1/publications/" + slug).then().statusCode(404);
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE publication_slug = ? AND action <> 'publication_created'",
                slug)).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE actor_email = ?", other.email())).isZero();
    }

    @Test
    void aLineIsWrittenOnlyWithItsChangesTransactionAndGoesWithItsRollback() {
        long admin = Db.count(db, "SELECT id FROM account WHERE email = ?", Api.ADMIN_EMAIL);
        Someone actor = new Someone(admin, "rollback-" + Instant.now().toEpochMilli() + "@example.com");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            audit.record(actor, AuditAction.account_disabled, "account " + admin, null);
            throw new IllegalStateException("the change fails after its line");
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> audit.record(actor, AuditAction.account_enabled, "account " + admin, null))
                .isInstanceOf(TransactionalException.class);
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE actor_email = ?", actor.email())).isZero();
    }

    @Test
    void noLineHoldsASecretATokenAMailBodyOrASubscribersAddress() {
        Scenario writer = Scenario.writer("Secretive");
        String slug = writer.slug();
        String reader = writer.subscriber("Private Reader");
        long subscriber = Db.count(db, "SELECT id FROM subscriber WHERE email = ?", reader);
        as(writer.token()).delete("/api/v1/publications/" + slug + "/subscribers/" + subscriber).then().statusCode(204);
        long issue = writer.issue(Map.of("bodyMarkdown", "A very private body"));
        writer.publishOnWeb(issue);
        as(writer.token()).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "another good password"))
                .post("/api/v1/me/password").then().statusCode(200);
        String everything = Db.text(db, "SELECT string_agg(concat_ws(' ', actor_email, action, publication_slug, target, "
                + "detail, client_address), E'\\n') FROM audit_log");
        assertThat(everything).contains(slug).doesNotContain(Api.PASSWORD, Api.ADMIN_PASSWORD, "another good password",
                "gz_", writer.token(), reader, "private body", "$2a$", "$2b$");
    }

    @Test
    void adminsFilterTheLogByActorActionPublicationAndDay() {
        Scenario one = Scenario.writer("Filtered");
        Scenario two = Scenario.writer("Unfiltered");
        one.publication(Map.of("tagline", "one"));
        two.publication(Map.of("tagline", "two"));
        Api.Account admin = Api.admin();

        String byActor = open(admin, "/admin/audit?actor=" + one.account().email().substring(0, 14), "en").html();
        assertThat(byActor).contains(one.slug()).doesNotContain(two.slug()).contains("changed a publication&#39;s settings");
        String byPublication = open(admin, "/admin/audit?publication=" + two.slug() + "&action=publication_updated", "ko")
                .html();
        assertThat(byPublication).contains(two.slug(), "뉴스레터 설정 변경").doesNotContain(one.slug())
                .doesNotContain("data-action=\"publication_created\"");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(open(admin, "/admin/audit?publication=" + one.slug() + "&from=" + today + "&to=" + today, "en").html())
                .contains("data-action=\"publication_updated\"");
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        assertThat(open(admin, "/admin/audit?publication=" + one.slug() + "&to=" + yesterday, "en").html())
                .contains("Nothing recorded matches.");
        var refused = dev.gazette.testing.StudioForms.session(admin, "en").get("/admin/audit?action=drop_table");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.asString()).contains("A filter is not one this page offers");
    }

    @Test
    void theLogIsReadAPageAtATime() {
        String who = "paged-" + Instant.now().toEpochMilli() + "@example.com";
        Timestamp now = Timestamp.from(Instant.now());
        Db.execute(db, "INSERT INTO audit_log (at, actor_email, action, target) SELECT ?, ?, 'account_enabled', "
                + "'account ' || i FROM generate_series(0, ?) i ORDER BY i", now, who, AuditLog.PAGE + 1);
        Api.Account admin = Api.admin();
        String first = open(admin, "/admin/audit?actor=" + who, "en").html();
        assertThat(first).contains("account " + (AuditLog.PAGE + 1) + "<").doesNotContain("account 1<").contains("before=");
        String before = first.replaceAll("(?s).*href=\"/admin/audit\\?[^\"]*before=(\\d+)\".*", "$1");
        String second = open(admin, "/admin/audit?actor=" + who + "&before=" + before, "en").html();
        assertThat(second).contains("account 0<", "account 1<").doesNotContain("account 2<")
                .doesNotContain("<nav class=\"pages\"");
    }

    private String detail(String slug, String action) {
        return Db.text(db, "SELECT detail FROM audit_log WHERE publication_slug = ? AND action = ?", slug, action);
    }
}
