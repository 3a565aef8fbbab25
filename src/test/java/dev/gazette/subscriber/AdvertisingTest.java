package dev.gazette.subscriber;

import static dev.gazette.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.MovableClock;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.StudioForms;

/** Advertising mail under Korean law: the subject mark, the footer, the consent results, the two-yearly reminder. */
@QuarkusTest
class AdvertisingTest {

    private static final Pattern KEEP = Pattern.compile("https?://[^/\\s]+(/consent/keep/[A-Za-z0-9_.-]+)");

    @Inject
    DataSource db;

    @Inject
    MovableClock clock;

    @Inject
    ConsentReminders reminders;

    @AfterEach
    void systemTimeAgain() {
        MovableClock.settled(db);
        clock.reset();
    }

    @Test
    void anAdvertisingIssueStartsWithTheMarkAndEndsWithTheSenderTheContactAndAFreeUnsubscribe() {
        Scenario scenario = Scenario.writer("Shop");
        String email = scenario.subscriber("민지");
        String advertising = "/api/v1/publications/" + scenario.slug() + "/advertising";
        as(scenario.token()).get(advertising).then().statusCode(200).body("advertising", org.hamcrest.Matchers.is(false));

        // marking an issue needs the contact first: refused, and nothing changes
        long issue = scenario.issue(Map.of("title", "[광고] 봄맞이 할인"));
        as(scenario.token()).body(Map.of("advertising", true)).patch(scenario.issuePath(issue)).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.is("advertising"))
                .body("errors[0].code", org.hamcrest.Matchers.is("advertiser_contact_required"));
        assertThat(Db.text(db, "SELECT advertising::text FROM issue WHERE id = ?", issue)).isEqualTo("false");

        as(scenario.token()).body(Map.of("contact", "02-123-4567", "everyIssue", false)).put(advertising).then()
                .statusCode(200).body("advertising", org.hamcrest.Matchers.is(true))
                .body("contact", org.hamcrest.Matchers.is("02-123-4567"));
        as(scenario.token()).body(Map.of("advertising", true)).patch(scenario.issuePath(issue)).then().statusCode(200)
                .body("advertising", org.hamcrest.Matchers.is(true));
        // the contact cannot go while an issue not yet sent carries the mark
        as(scenario.token()).body(Map.of("contact", "")).put(advertising).then().statusCode(400)
                .body("errors[0].code", org.hamcrest.Matchers.is("advertising_in_use"));
        assertThat(Db.count(db, "SELECT count(*) FROM publication_advertising a JOIN publication p ON p.id = a.publication_id "
                + "WHERE p.slug = ?", scenario.slug())).isOne();

        scenario.sendAndAwait(issue);
        CapturedMessage mail = Scenario.awaitIssueMail(email, "(광고) 봄맞이 할인"); // the writer's "[광고]" is not doubled
        String html = mail.htmlPart().orElseThrow();
        assertThat(html).contains("id=\"advertising-footer\"").contains("전송자: 지은").contains("연락처: 02-123-4567")
                .contains("수신거부는 무료입니다");
        assertThat(Pattern.compile("href=\"[^\"]*/unsubscribe/[^\"]+\"[^>]*>수신거부</a>").matcher(html).find()).isTrue();
        assertThat(mail.textPart().orElseThrow()).contains("(광고) 이 메일은 지은이(가) 보내는 광고성 정보입니다")
                .contains("연락처: 02-123-4567");

        // an issue not marked, of a publication whose issues are not all advertising, is plain
        long plain = scenario.issue(Map.of("title", "평범한 레터"));
        scenario.sendAndAwait(plain);
        CapturedMessage ordinary = Scenario.awaitIssueMail(email, "평범한 레터");
        assertThat(ordinary.htmlPart().orElseThrow()).doesNotContain("advertising-footer").doesNotContain("(광고)");

        // every issue, once the writer says so on the studio's page (a token-less form changes nothing)
        String pagePath = "/studio/publications/" + scenario.slug() + "/advertising";
        StudioForms.Page page = StudioForms.open(scenario.account(), pagePath, "ko");
        assertThat(page.html()).contains("value=\"02-123-4567\"");
        StudioForms.post(scenario.account(), page.withoutToken(), pagePath,
                Map.of("contact", "02-999-9999", "everyIssue", "true"), "ko").then().statusCode(403);
        StudioForms.post(scenario.account(), page, pagePath, Map.of("contact", "02-123-4567", "everyIssue", "true"), "ko")
                .then().statusCode(303);
        assertThat(Db.text(db, "SELECT every_issue::text || ' ' || contact FROM publication_advertising a JOIN publication p "
                + "ON p.id = a.publication_id WHERE p.slug = ?", scenario.slug())).isEqualTo("true 02-123-4567");
        assertThat(StudioForms.open(scenario.account(), scenario.issuePath(issue).replace("/api/v1/", "/studio/") + "/edit",
                "ko").html()).contains("id=\"f-advertising\"");
        long next = scenario.issue(Map.of("title", "(광 고)  새 상품"));
        scenario.sendAndAwait(next);
        assertThat(Scenario.awaitIssueMail(email, "(광고) 새 상품").htmlPart().orElseThrow()).contains("advertising-footer");

        // another writer sees nothing of it
        Api.Account stranger = Api.writer("Stranger");
        as(stranger.token()).get(advertising).then().statusCode(404);
        as(stranger.token()).body(Map.of("contact", "x")).put(advertising).then().statusCode(404);
    }

    @Test
    void subscribersAreToldTheResultWhenTheyGiveAndWhenTheyWithdrawConsent() {
        Scenario scenario = Scenario.writer("Results");
        as(scenario.token()).body(Map.of("contact", "help@shop.example", "everyIssue", true))
                .put("/api/v1/publications/" + scenario.slug() + "/advertising").then().statusCode(200);
        String email = Api.uniqueEmail("consenting");

        Subscribing.subscribeAndConfirm(scenario.slug(), email);
        CapturedMessage given = Mailbox.awaitSubject(email, "[AI 뉴스레터] 광고성 정보 수신동의 처리 결과");
        assertThat(given.textPart().orElseThrow()).contains("전송자: 지은").contains("처리 일시: ")
                .contains("처리 내용: 광고성 정보 수신동의");

        String unsubscribe = Subscribing.link(given, "unsubscribe");
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("List-Unsubscribe", "One-Click").post(unsubscribe).then().statusCode(200);
        CapturedMessage withdrawn = Mailbox.awaitSubject(email, "[AI 뉴스레터] 광고성 정보 수신거부 처리 결과");
        assertThat(withdrawn.textPart().orElseThrow()).contains("처리 내용: 광고성 정보 수신거부");
        // once only, however often the link is pressed
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").post(unsubscribe).then()
                .statusCode(200);
        assertThat(Db.count(db, "SELECT count(*) FROM mail WHERE kind = 'consent_notice' AND recipient = ?", email))
                .isEqualTo(2);

        // a publication that sends no advertising says nothing of the kind
        Scenario plain = Scenario.writer("Plain");
        String reader = Api.uniqueEmail("plain");
        Subscribing.subscribeAndConfirm(plain.slug(), reader);
        assertThat(Db.count(db, "SELECT count(*) FROM mail WHERE kind = 'consent_notice' AND recipient = ?", reader))
                .isZero();
    }

    @Test
    void everyTwoYearsEachSubscriberIsRemindedOnceAndKeepIsRecordedAndLeaveUnsubscribes() throws Exception {
        Scenario scenario = Scenario.writer("Reminders");
        as(scenario.token()).body(Map.of("contact", "02-555-0000", "everyIssue", true))
                .put("/api/v1/publications/" + scenario.slug() + "/advertising").then().statusCode(200);
        String keeper = scenario.subscriber("keeper");
        String leaver = scenario.subscriber("leaver");
        String silent = scenario.subscriber("silent");
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", scenario.slug());

        reminders.remindDue();
        assertThat(reminderRows(publication)).isZero();

        clock.forwardWhenSettled(db, Duration.ofDays(2 * 365 + 1));
        // two instances at the same moment remind each subscriber once
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = List.of(pool.submit(reminders::remindDue), pool.submit(reminders::remindDue));
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(reminderRows(publication)).isEqualTo(3);
        CapturedMessage keeperMail = Mailbox.awaitSubject(keeper, "[AI 뉴스레터] 광고성 정보 수신동의 여부 안내");
        assertThat(keeperMail.textPart().orElseThrow()).contains("지은의 광고성 정보 수신에").contains("2년마다");
        CapturedMessage leaverMail = Mailbox.awaitSubject(leaver, "[AI 뉴스레터] 광고성 정보 수신동의 여부 안내");
        Mailbox.awaitSubject(silent, "[AI 뉴스레터] 광고성 정보 수신동의 여부 안내");

        // keep: the page changes nothing, its button records consent in the ledger
        Matcher keep = KEEP.matcher(keeperMail.textPart().orElseThrow());
        assertThat(keep.find()).isTrue();
        long keeperId = Db.count(db, "SELECT id FROM subscriber WHERE email = ?", keeper);
        Response page = given().redirects().follow(false).get(keep.group(1));
        page.then().statusCode(200);
        assertThat(Db.count(db, "SELECT count(*) FROM consent WHERE subscriber_id = ? AND source = 'reminder'", keeperId))
                .isZero();
        Subscribing.confirm(keep.group(1)).then().statusCode(200);
        assertThat(Db.count(db, "SELECT count(*) FROM consent WHERE subscriber_id = ? AND source = 'reminder' "
                + "AND confirmed_at IS NOT NULL", keeperId)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM consent_reminder WHERE subscriber_id = ? AND kept_at IS NOT NULL",
                keeperId)).isOne();
        Subscribing.confirm(keep.group(1)).then().statusCode(200); // again: nothing more
        assertThat(Db.count(db, "SELECT count(*) FROM consent WHERE subscriber_id = ? AND source = 'reminder'", keeperId))
                .isOne();

        // leave: the reminder's other link is the subscriber's unsubscribe link
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .post(Subscribing.link(leaverMail, "unsubscribe")).then().statusCode(200);
        assertThat(Subscribing.status(db, leaver)).isEqualTo("unsubscribed");
        assertThat(Subscribing.status(db, silent)).isEqualTo("active"); // no answer: consent stands

        // two years on, the writer logs in again to see how the reminders went
        Api.Account writer = new Api.Account(scenario.account().email(),
                Api.login(scenario.account().email(), Api.PASSWORD));
        String studio = StudioForms.open(writer, "/studio/publications/" + scenario.slug() + "/advertising", "ko").html();
        assertThat(studio).contains("안내 3건을 보냈고, 1명이 &quot;계속 받기&quot;를 눌렀고, 1명이 안내 뒤 수신을 거부했습니다");

        // nothing more until two years after the reminder; then those still subscribed, once each
        reminders.remindDue();
        assertThat(reminderRows(publication)).isEqualTo(3);
        clock.forwardWhenSettled(db, Duration.ofDays(2 * 365 + 1));
        reminders.remindDue();
        assertThat(reminderRows(publication)).isEqualTo(5);
        assertThat(Db.count(db, "SELECT count(*) FROM consent_reminder r JOIN subscriber s ON s.id = r.subscriber_id "
                + "WHERE s.email = ?", leaver)).isOne();
    }

    private long reminderRows(long publication) {
        return Db.count(db, "SELECT count(*) FROM consent_reminder WHERE publication_id = ?", publication);
    }
}
