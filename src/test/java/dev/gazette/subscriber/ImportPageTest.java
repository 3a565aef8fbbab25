package dev.gazette.subscriber;

import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.StudioForms.Page;

/** The studio's CSV import page and double opt-in imports, through the page and the API. */
@QuarkusTest
class ImportPageTest {

    @Inject
    DataSource db;

    @Test
    void theReportCountsWhatHappenedAndNamesEachBadLineInWords() {
        Scenario s = Scenario.writer("Importer");
        String known = s.subscriber("Known");
        String path = "/studio/publications/" + s.slug() + "/subscribers/import";
        Page page = open(s.account(), path, "en");
        String csv = "email,name,tags\n" + "new-one@example.com,One,a\n" + "not an address,Two,\n" + known + ",Known,vip\n"
                + ",nobody,\n" + "new-two@example.com,Two,bad!tag\n" + "new-three@example.com,Three,\n"
                + "new-one@example.com,Again,\n";

        Response report = upload(s.account(), page, path, csv, false, "en");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.asString()).contains("id=\"created\">2<").contains("id=\"updated\">1<")
                .contains("id=\"skipped\">1<").contains("id=\"bad\">3<")
                .contains("Line 3</th><td>the address is not a valid email address")
                .contains("Line 5</th><td>the address is missing")
                .contains("Line 6</th><td>a tag is not valid");
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber s JOIN publication p ON p.id = s.publication_id "
                + "WHERE p.slug = ? AND s.status = 'active' AND s.email IN ('new-one@example.com', 'new-three@example.com')",
                s.slug())).isEqualTo(2);
        assertThat(Db.text(db, "SELECT array_to_string(tags, ',') FROM subscriber WHERE email = ?", known)).isEqualTo("vip");

        Response korean = upload(s.account(), page, path, "email\nx@\n", false, "ko");
        assertThat(korean.asString()).contains("2번째 줄</th><td>올바른 이메일 주소가 아니에요");
    }

    @Test
    void aFileThatCannotBeReadIsRefusedInWordsAndStoresNothing() {
        Scenario s = Scenario.writer("Unreadable");
        String path = "/studio/publications/" + s.slug() + "/subscribers/import";
        Page page = open(s.account(), path, "en");
        Response noEmail = upload(s.account(), page, path, "name\nnew@example.com\n", false, "en");
        assertThat(noEmail.statusCode()).isEqualTo(422);
        assertThat(noEmail.asString()).contains("The header row (line 1) must name an email column.");
        Response notUtf8 = session(s.account(), "ko").cookie("gazette_form", page.cookie()).multiPart("csrf", page.csrf())
                .multiPart("file", "list.csv", new byte[]{'e', 'm', 'a', 'i', 'l', '\n', (byte) 0xC3, '@', '\n'}, "text/csv")
                .post(path);
        assertThat(notUtf8.statusCode()).isEqualTo(422);
        assertThat(notUtf8.asString()).contains("UTF-8 텍스트 파일이 아니에요");
        Response none = session(s.account(), "en").cookie("gazette_form", page.cookie()).multiPart("csrf", page.csrf())
                .multiPart("consentNote", "nothing").post(path);
        assertThat(none.statusCode()).isEqualTo(422);
        assertThat(none.asString()).contains("Choose a CSV file to import.");
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber s JOIN publication p ON p.id = s.publication_id "
                + "WHERE p.slug = ?", s.slug())).isZero();
    }

    @Test
    void aDoubleOptInImportMailsEachNewAddressAndLeavesItPending() {
        Scenario s = Scenario.writer("Confirmer");
        String path = "/studio/publications/" + s.slug() + "/subscribers/import";
        Page page = open(s.account(), path, "en");
        String email = Api.uniqueEmail("imported");
        Response report = upload(s.account(), page, path, "email,name\n" + email + ",민서\n", true, "en");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.asString()).contains("1 address was sent a confirmation email");
        assertThat(Db.text(db, "SELECT s.status || ' ' || c.source || ' ' || c.method || ' ' || (c.confirmed_at IS NULL) "
                + "FROM subscriber s JOIN consent c ON c.subscriber_id = s.id WHERE s.email = ?", email))
                .isEqualTo("pending import double_opt_in true");
        CapturedMessage confirmation = Mailbox.awaitTo(email);
        assertThat(confirmation.subject()).contains("구독을 확인해 주세요");
        Subscribing.confirm(Subscribing.link(confirmation, "confirm")).then().statusCode(200);
        assertThat(Subscribing.status(db, email)).isEqualTo("active");
    }

    @Test
    void theApiImportsWithDoubleOptInAndRefusesAnotherValue() {
        Scenario s = Scenario.writer("ApiConfirmer");
        String known = s.subscriber("Known");
        String fresh = Api.uniqueEmail("fresh");
        String csv = "email\n" + known + "\n" + fresh + "\n";
        Api.as(s.token()).contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .post(s.subscribersPath() + "/import?doubleOptIn=maybe").then().statusCode(400)
                .contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("validation_failed"))
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("doubleOptIn"));
        assertThat(Subscribing.status(db, fresh)).isNull();

        Api.as(s.token()).contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .post(s.subscribersPath() + "/import?doubleOptIn=true").then().statusCode(200)
                .body("created", org.hamcrest.Matchers.equalTo(1)).body("skipped", org.hamcrest.Matchers.equalTo(1));
        assertThat(Subscribing.status(db, fresh)).isEqualTo("pending");
        assertThat(Subscribing.status(db, known)).isEqualTo("active");
        assertThat(Mailbox.awaitTo(fresh).subject()).contains("구독을 확인해 주세요");
        Mailbox.assertNoneTo(known);
    }

    private static Response upload(Api.Account writer, Page page, String path, String csv, boolean doubleOptIn,
            String language) {
        var request = session(writer, language).cookie("gazette_form", page.cookie()).multiPart("csrf", page.csrf())
                .multiPart("file", "list.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        if (doubleOptIn) {
            request.multiPart("doubleOptIn", "1");
        }
        return request.post(path);
    }
}
