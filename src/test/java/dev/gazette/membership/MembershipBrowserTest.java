package dev.gazette.membership;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.Scenario;

/**
 * A reader's walk in Debian's headless Chromium: they subscribe for free on the publication's
 * page, confirm, open the paywalled issue from their mail, become a member in the sandbox, read the
 * whole issue, and cancel from their preferences page; and the writer's plans and members pages.
 * Each page checked by axe, at a computer's and a phone's width. Skipped without the browser,
 * except under {@code CI=true}.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class MembershipBrowserTest {

    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/(confirm|preferences|feedback)/[A-Za-z0-9_.-]+)");

    @Inject
    DataSource db;

    @Test
    void aFreeReaderHitsThePaywallPaysInTheSandboxReadsItAllAndCancels(Chromium chromium) throws IOException {
        WebDriver browser = chromium.driver();
        Members.Pub pub = Members.monthly("Walk");
        String email = Api.uniqueEmail("walker");
        browser.manage().deleteAllCookies();

        chromium.open("/p/" + pub.slug());
        assertThat(browser.findElement(By.id("join-link")).isDisplayed()).isTrue();
        browser.findElement(By.cssSelector("#subscribe input[name=email]")).sendKeys(email);
        browser.findElement(By.cssSelector("#subscribe button[type=submit]")).click();
        chromium.waitFor(d -> d.getCurrentUrl().contains("/subscribe"));
        chromium.open(link(Mailbox.awaitTo(email), "confirm"));
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        chromium.waitFor(d -> Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ? AND status = 'active'",
                email) == 1);

        String slug = "deep-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        long issue = pub.scenario().issue(Map.of("title", "깊이 읽기 " + slug, "slug", slug, "bodyMarkdown",
                "누구나 읽는 FREEPART 첫 문단.\n\n<!-- paywall -->\n\n## 유료 부분\n\nSECRETPAID 회원만 읽는 분석."));
        pub.scenario().send(issue);
        CapturedMessage mail = Scenario.awaitIssueMail(email, "깊이 읽기 " + slug);
        assertThat(mail.rawText()).doesNotContain("SECRETPAID");

        // the mail's paywall box opens the web version as this reader, stopped at the paywall
        chromium.open(link(mail, "feedback") + "/web");
        chromium.waitFor(d -> !d.findElements(By.id("join-link")).isEmpty());
        assertThat(browser.getPageSource()).contains("FREEPART").doesNotContain("SECRETPAID");
        chromium.checkPage("membership-paywall");

        browser.findElement(By.id("join-link")).click();
        chromium.waitFor(d -> !d.findElements(By.id("join-form")).isEmpty());
        chromium.checkPage("membership-join");
        browser.findElement(By.id("accept-terms")).click();
        browser.findElement(By.id("continue-button")).click();
        chromium.waitFor(d -> !d.findElements(By.id("pay-button")).isEmpty());
        chromium.checkPage("membership-sandbox");
        browser.findElement(By.id("pay-button")).click();
        chromium.waitFor(d -> !d.findElements(By.id("back-link")).isEmpty());
        assertThat(browser.findElement(By.id("checkout-status")).getAttribute("data-status")).isEqualTo("paid");
        chromium.checkPage("membership-paid");

        browser.findElement(By.id("back-link")).click();
        chromium.waitFor(d -> d.getPageSource().contains("SECRETPAID"));
        assertThat(browser.findElements(By.id("join-link"))).isEmpty();
        chromium.checkPage("membership-whole-issue");

        chromium.open(link(mail, "preferences"));
        assertThat(browser.findElement(By.id("next-charge")).getText()).contains("5000 KRW");
        assertThat(browser.findElements(By.cssSelector("#receipts tbody tr"))).hasSize(1);
        chromium.checkPage("membership-preferences");
        browser.findElement(By.id("cancel-membership")).click();
        chromium.waitFor(d -> !d.findElements(By.id("membership-ends")).isEmpty());
        chromium.checkPage("membership-canceled");
        assertThat(Db.count(db, "SELECT count(*) FROM membership m JOIN subscriber s ON s.id = m.subscriber_id"
                + " WHERE s.email = ? AND m.state = 'active' AND m.cancel_at_period_end", email)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM terms_acceptance t JOIN subscriber s ON s.id = t.subscriber_id"
                + " WHERE s.email = ? AND t.user_agent LIKE '%Chrome%'", email)).isOne();

        // the writer's side: the plans, and the member with their state and period
        browser.manage().deleteAllCookies();
        chromium.logIn(pub.writer().token());
        chromium.open("/studio/publications/" + pub.slug() + "/plans");
        assertThat(browser.findElement(By.id("plans")).getText()).contains("Monthly").contains("5000 KRW");
        chromium.checkPage("membership-studio-plans");
        chromium.open("/studio/publications/" + pub.slug() + "/members");
        assertThat(browser.findElement(By.id("members")).getText()).contains(email);
        chromium.checkPage("membership-studio-members");
        as(pub.writer().token()).get("/api/v1/publications/" + pub.slug() + "/members").then().statusCode(200);
    }

    private static String link(CapturedMessage message, String kind) {
        Matcher m = LINK.matcher(message.textPart().orElseThrow());
        while (m.find()) {
            if (m.group(2).equals(kind)) {
                return m.group(1);
            }
        }
        throw new AssertionError("no " + kind + " link in the message");
    }
}
