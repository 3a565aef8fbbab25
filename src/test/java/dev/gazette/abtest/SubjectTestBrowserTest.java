package dev.gazette.abtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;
import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;

/**
 * The subject test page in Debian's headless Chromium: a writer reaches it from the send page,
 * sets two subjects, sends, follows each variant's numbers during the test and picks the winner by
 * hand; on a desktop and on a phone. Skipped without the browser, except under {@code CI=true}.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class SubjectTestBrowserTest {

    @Inject
    DataSource db;

    @Test
    void aWriterSetsATestFollowsItsNumbersAndPicksTheWinner(Chromium chromium) throws IOException {
        WebDriver browser = chromium.driver();
        Function<String, Boolean> shown = id -> !browser.findElements(By.id(id)).isEmpty();
        Scenario s = Scenario.writer("Abbrowser").subscribers(40);
        long issue = s.issue(Map.of("title", "이번 주 소식"));
        browser.manage().deleteAllCookies();
        chromium.logIn(s.token());
        chromium.open("/studio/publications/" + s.slug() + "/issues/" + issue + "/send");
        browser.findElement(By.id("subject-test-link")).click();
        chromium.waitFor(d -> shown.apply("save-test"));
        chromium.checkPage("subject-test-form");

        browser.findElement(By.id("f-subject-1")).sendKeys("이번 주 소식: 다섯 가지");
        browser.findElement(By.id("f-subject-2")).sendKeys("놓치면 아쉬운 이번 주 이야기");
        browser.findElement(By.id("f-preheader-2")).sendKeys("3분이면 다 읽어요");
        browser.findElement(By.id("f-sample")).clear();
        browser.findElement(By.id("f-sample")).sendKeys("50");
        browser.findElement(By.id("save-test")).click();
        chromium.waitFor(d -> shown.apply("saved"));
        assertThat(browser.findElement(By.id("f-preheader-2")).getAttribute("value")).isEqualTo("3분이면 다 읽어요");
        chromium.checkPage("subject-test-saved");

        s.send(issue);
        Awaitility.await().atMost(Scenario.SEND_TIMEOUT).until(() -> Db.count(db, "SELECT count(*) FROM delivery d "
                + "JOIN send x ON x.id = d.send_id WHERE x.issue_id = ? AND d.status = 'sent'", issue) == 20);
        browser.navigate().refresh();
        chromium.waitFor(d -> shown.apply("variants"));
        assertThat(browser.findElement(By.cssSelector("#variant-1 td:nth-child(4)")).getText()).isEqualTo("10");
        assertThat(browser.findElement(By.id("state")).getText()).contains("20");
        chromium.checkPage("subject-test-testing");

        browser.findElement(By.id("pick-2")).click();
        chromium.waitFor(d -> !d.findElements(By.cssSelector("#variant-2.winner")).isEmpty());
        assertThat(browser.findElements(By.id("pick-1"))).isEmpty();
        s.awaitSendStatus(issue, "sent");
        browser.navigate().refresh();
        chromium.waitFor(d -> shown.apply("variants"));
        assertThat(browser.findElement(By.cssSelector("#remainder td:nth-child(3)")).getText()).isEqualTo("20");
        chromium.checkPage("subject-test-decided");
    }
}
