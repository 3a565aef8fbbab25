package dev.gazette.engagement;

import static dev.gazette.testing.Api.as;
import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static dev.gazette.testing.StudioForms.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.StudioForms.Page;

/** The writer's notes inbox and tips ledger in the studio, and the API that marks a note read. */
@QuarkusTest
class ReaderInboxPagesTest {

    @Inject
    DataSource db;

    @Test
    void theWriterReadsNotesAndMarksThemReadOnlyWithTheFormsToken() {
        Api.Account writer = Api.writer("Inbox");
        String slug = Api.publication(writer.token());
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug);
        long first = note(publication, "minji@example.com", "첫 노트: 잘 읽고 있어요", "confirmed");
        long second = note(publication, "jun@example.com", "두 번째 노트\n<script>alert(1)</script>", "confirmed");
        note(publication, "pending@example.com", "아직 확인하지 않은 노트", "pending");
        String path = "/studio/publications/" + slug + "/notes";

        Page page = open(writer, path, "ko");
        assertThat(page.html()).contains("독자가 보낸 노트").contains("읽지 않음 2개").contains("첫 노트: 잘 읽고 있어요")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("아직 확인하지 않은 노트")
                .contains("href=\"/studio/publications/" + slug + "/notes\" aria-current=\"page\"");
        assertThat(page.html().indexOf("jun@example.com")).isLessThan(page.html().indexOf("minji@example.com"));

        // without the form's token nothing changes
        assertThat(post(writer, page.withoutToken(), path + "/" + first, Map.of("read", "true"), "ko").statusCode())
                .isEqualTo(403);
        assertThat(readAt(first)).isNull();
        var marked = post(writer, page, path + "/" + first, Map.of("read", "true", "back", path + "?unread=1"), "ko");
        assertThat(marked.statusCode()).isEqualTo(303);
        assertThat(marked.header("Location")).endsWith(path + "?unread=1#note-" + first);
        assertThat(readAt(first)).isNotNull();
        String unread = open(writer, path + "?unread=1", "ko").html();
        assertThat(unread).contains("읽지 않음 1개").contains("jun@example.com").doesNotContain("minji@example.com");
        // a redirect elsewhere is not followed
        assertThat(post(writer, page, path + "/" + first, Map.of("read", "false", "back", "https://evil.example/"), "ko")
                .header("Location")).endsWith(path + "#note-" + first);
        assertThat(readAt(first)).isNull();

        // the API: read and unread, a wrong body refused
        as(writer.token()).body(Map.of("read", true)).patch("/api/v1/publications/" + slug + "/notes/" + second).then()
                .statusCode(200).body("id", equalTo((int) second)).body("readAt", org.hamcrest.Matchers.notNullValue());
        as(writer.token()).body(Map.of()).patch("/api/v1/publications/" + slug + "/notes/" + second).then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("validation_failed"))
                .body(org.hamcrest.Matchers.containsString("invalid_read"));
        as(writer.token()).body(Map.of("read", false)).patch("/api/v1/publications/" + slug + "/notes/" + second).then()
                .statusCode(200).body("readAt", nullValue());
        as(writer.token()).body(Map.of("read", true)).patch("/api/v1/publications/" + slug + "/notes/999999999").then()
                .statusCode(404).body("code", equalTo("note_not_found"));
    }

    @Test
    void anotherWritersNotesAndTipsDoNotExistForThem() {
        Api.Account owner = Api.writer("Keeper");
        String slug = Api.publication(owner.token());
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug);
        long note = note(publication, "reader@example.com", "비밀 노트", "confirmed");
        Api.Account other = Api.writer("Peeker");
        Page page = open(other, "/studio", "en");
        String base = "/studio/publications/" + slug;
        session(other, "en").get(base + "/notes").then().statusCode(404);
        session(other, "en").get(base + "/tips").then().statusCode(404);
        assertThat(post(other, page, base + "/notes/" + note, Map.of("read", "true"), "en").statusCode()).isEqualTo(404);
        as(other.token()).body(Map.of("read", true)).patch("/api/v1/publications/" + slug + "/notes/" + note).then()
                .statusCode(404);
        assertThat(readAt(note)).isNull();
        // anonymous: to the login page
        io.restassured.RestAssured.given().redirects().follow(false).get(base + "/notes").then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(302), equalTo(303), equalTo(401)));
        // a note of another publication cannot be marked through one's own
        String own = Api.publication(other.token());
        Page mine = open(other, "/studio/publications/" + own + "/notes", "en");
        assertThat(post(other, mine, "/studio/publications/" + own + "/notes/" + note, Map.of("read", "true"), "en")
                .statusCode()).isEqualTo(404);
        assertThat(readAt(note)).isNull();
    }

    @Test
    void theTipsLedgerShowsEachTipAndTheTotalsPerMonth() {
        Api.Account writer = Api.writer("Ledger");
        String slug = Api.publication(writer.token());
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug);
        // Seoul time: 2026-10-31 23:30 UTC is November there
        tip(publication, 2, "10000", "0", "paid", "2026-10-31T23:30:00Z", "민지", "힘내세요!");
        tip(publication, 1, "5000", "2000", "refunded", "2026-11-03T02:00:00Z", null, null);
        tip(publication, 3, "15000", "0", "paid", "2026-10-10T02:00:00Z", "준", "<b>고마워요</b>");
        tip(publication, 1, "5000", "0", "pending", null, "대기", null);
        String path = "/studio/publications/" + slug + "/tips";
        String html = open(writer, path, "ko").html();
        assertThat(html).contains("독자가 보낸 커피").contains("월별 합계").contains("힘내세요!")
                .contains("&lt;b&gt;고마워요&lt;/b&gt;").contains("<td>결제 대기</td>").contains("<td>환불됨</td>");
        // November (Seoul): two tips, 3 coffees, ₩15,000 paid, ₩2,000 refunded, ₩13,000 kept; October: ₩15,000
        assertThat(html)
                .containsPattern(
                        "<td>2026-11</td><td>2</td><td>3</td><td>₩15,000</td><td>₩2,000</td><td><strong>₩13,000</strong></td>")
                .containsPattern(
                        "<td>2026-10</td><td>1</td><td>3</td><td>₩15,000</td><td>₩0</td><td><strong>₩15,000</strong></td>");
        String paid = open(writer, path + "?status=paid", "ko").html();
        assertThat(paid).contains("힘내세요!").doesNotContain("<td>결제 대기</td>").doesNotContain("<td>대기</td>");
    }

    private long note(long publication, String email, String message, String status) {
        Db.execute(db, "INSERT INTO reader_note (publication_id, email, message, status, created_at, confirmed_at)"
                + " VALUES (?, ?, ?, ?, now(), CASE WHEN ? = 'confirmed' THEN now() END)", publication, email, message,
                status, status);
        return Db.count(db, "SELECT max(id) FROM reader_note WHERE publication_id = ?", publication);
    }

    private java.sql.Timestamp readAt(long note) {
        return Db.timestamp(db, "SELECT read_at FROM reader_note WHERE id = ?", note);
    }

    private void tip(long publication, int coffees, String amount, String refunded, String status, String paidAt,
            String name, String message) {
        Db.execute(db, "INSERT INTO tip (public_id, publication_id, coffees, unit_price, amount, amount_refunded, currency,"
                + " tipper_name, message, provider, status, created_at, paid_at, updated_at)"
                + " VALUES (gen_random_uuid()::text, ?, ?, 5000, ?::numeric, ?::numeric, 'KRW', ?, ?, 'sandbox', ?,"
                + " coalesce(?::timestamptz, now()), ?::timestamptz, now())", publication, coffees, amount, refunded, name,
                message, status, paidAt, paidAt);
    }
}
