package dev.gazette.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

import dev.gazette.core.SignedTokens;
import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;
import dev.gazette.testing.MovableClock;

/**
 * The pages of dunning, notices and plan changes in Debian's headless Chromium: the writer changes
 * a plan's price and reads the membership numbers; a member whose renewal was declined follows the
 * mail's link, gives another card, and switches plan from the preferences page. Each page checked
 * by axe, at a computer's and a phone's width. Skipped without the browser, except under {@code CI=true}.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class DunningBrowserTest {

    private static final Pattern CARD_LINK = Pattern.compile("https?://[^/\\s]+(/membership/card/[A-Za-z0-9_.-]+)");

    @Inject
    DataSource db;

    @Inject
    SignedTokens tokens;

    @Inject
    MovableClock clock;

    @Inject
    Renewals renewals;

    @Inject
    Dunning dunning;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aWriterRepricesAndAMemberFixesTheirCardAndSwitchesPlan(Chromium chromium) throws IOException {
        WebDriver browser = chromium.driver();
        Members.Pub pub = Members.monthly("Billing");
        Api.as(pub.writer().token()).body(Map.of("name", "연간", "interval", "year", "price", 50000, "currency", "KRW"))
                .post("/api/v1/publications/" + pub.slug() + "/plans").then().statusCode(201);
        Members.Reader reader = Members.reader(db, tokens, pub);
        Members.checkout(pub, reader, SandboxBilling.DECLINES_RENEWALS);
        long id = Members.membershipId(db, reader);

        // the writer: a new price for the monthly plan, and the numbers
        browser.manage().deleteAllCookies();
        chromium.logIn(pub.writer().token());
        chromium.open("/studio/publications/" + pub.slug() + "/plans/" + pub.planId() + "/price");
        chromium.checkPage("dunning-price");
        browser.findElement(By.id("f-price")).sendKeys("6000");
        browser.findElement(By.id("change-price")).click();
        chromium.waitFor(d -> !d.findElements(By.id("price-saved")).isEmpty());
        assertThat(browser.findElement(By.id("price-changes")).getText()).contains("5000").contains("6000");
        chromium.checkPage("dunning-price-changed");
        chromium.open("/publications/" + pub.slug() + "/stats/members");
        assertThat(browser.findElement(By.id("member-counts")).getText()).contains("5000 KRW");
        chromium.checkPage("dunning-member-stats");
        browser.manage().deleteAllCookies();
        chromium.logIn(Api.admin().token());
        chromium.open("/admin/stats/members");
        assertThat(browser.findElement(By.id("revenue")).getText()).contains("KRW");
        chromium.checkPage("dunning-platform-member-stats");

        // the member: a declined renewal's mail, its card page, another card, paid on the next try
        clock.forwardWhenSettled(db, Duration.ofDays(32));
        renewals.runOnce();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> mails(reader.email()).stream().anyMatch(m -> m.subject().contains("결제가 완료되지 않았어요")));
        Matcher link = CARD_LINK.matcher(mails(reader.email()).stream()
                .filter(m -> m.subject().contains("결제가 완료되지 않았어요")).findFirst().orElseThrow().textPart().orElseThrow());
        assertThat(link.find()).isTrue();
        browser.manage().deleteAllCookies();
        chromium.open(link.group(1));
        assertThat(browser.findElement(By.id("card-failed")).getText()).contains("5000 KRW");
        chromium.checkPage("dunning-card");
        browser.findElement(By.id("f-card")).sendKeys("4242 4242 4242 4242");
        browser.findElement(By.id("save-card")).click();
        chromium.waitFor(d -> !d.findElements(By.id("card-saved")).isEmpty());
        chromium.checkPage("dunning-card-saved");
        dunning.runOnce();
        assertThat(Members.state(db, reader)).isEqualTo("active");

        chromium.open("/preferences/" + tokens.sign("subscriber-preferences", reader.id()));
        assertThat(browser.findElement(By.id("plan-change")).isDisplayed()).isTrue();
        chromium.checkPage("dunning-preferences");
        new Select(browser.findElement(By.id("f-new-plan"))).selectByVisibleText("연간 · 50000 KRW 매년");
        browser.findElement(By.id("change-plan")).click();
        chromium.waitFor(d -> Db.count(db, "SELECT count(*) FROM membership m JOIN plan p ON p.id = m.plan_id"
                + " WHERE m.id = ? AND p.billing_interval = 'year'", id) == 1);
        assertThat(Members.ledger(db, reader)).endsWith("renewed:past_due>active", "plan_changed:active>active");
    }

    /** The messages to this address, oldest first. */
    static List<CapturedMessage> mails(String address) {
        return Mailbox.to(address).stream().sorted(java.util.Comparator.comparingLong(CapturedMessage::id)).toList();
    }
}
