package dev.gazette.issue;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import dev.gazette.testing.Accessibility;
import dev.gazette.testing.Api;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;
import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;
import dev.gazette.testing.Sends;

/**
 * The send page and the progress page in headless Chromium: the count follows the topics ticked,
 * the time typed is shown in the browser's zone, a confirmed send goes to its progress and, once
 * sent, to its stats; both pages fit a phone.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class IssueSendBrowserTest {

    @Inject
    DataSource db;

    private Chromium chromium;
    private WebDriver browser;

    @BeforeEach
    void useBrowser(Chromium chromium) {
        this.chromium = chromium;
        this.browser = chromium.driver();
    }

    @Test
    void theCountFollowsTheTopicsAndASendGoesFromProgressToStats() throws IOException {
        Scenario writer = Scenario.writer("Sender").subscribers(1);
        as(writer.token()).body(Map.of("topics", List.of(Map.of("tag", "ai", "label", "Artificial intelligence"))))
                .put("/api/v1/publications/" + writer.slug() + "/topics").then().statusCode(200);
        as(writer.token()).body(Map.of("email", Api.uniqueEmail("ai"), "tags", List.of("ai")))
                .post(writer.subscribersPath()).then().statusCode(201);
        long id = writer.issue(Map.of("title", "Browser send"));
        String base = "/studio/publications/" + writer.slug() + "/issues/" + id;
        browser.manage().window().setSize(new Dimension(1400, 1000));
        chromium.logIn(writer.token());
        chromium.open(base + "/send");
        assertThat(browser.findElement(By.id("audience")).getText()).contains("2");

        browser.findElement(By.cssSelector("input[name=tags][value=ai]")).click();
        chromium.waitFor(d -> d.findElement(By.id("audience")).getText().contains("1 subscriber ("));
        assertThat(browser.findElement(By.id("confirm")).getAttribute("value")).isEqualTo("1");
        assertThat(browser.getCurrentUrl()).endsWith("/send?tags=ai");

        ((JavascriptExecutor) browser).executeScript("var when = document.getElementById('f-when');"
                + "when.value = '2026-12-03T09:00'; when.dispatchEvent(new Event('input'));");
        chromium.waitFor(d -> d.findElement(By.id("when-local")).getText().contains("in your time"));
        assertThat(browser.findElement(By.id("when-local")).getText()).startsWith("= 2026-12-0");

        browser.findElement(By.id("confirm")).click();
        browser.findElement(By.id("send-now")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/publications/" + writer.slug() + "/issues/" + id + "/stats"));
        assertThat(Db.count(db, "SELECT total FROM send WHERE issue_id = ?", id)).isEqualTo(1);

        long held = writer.issue(Map.of("title", "Held in a browser"));
        holdSending(held);
        String progress = "/studio/publications/" + writer.slug() + "/issues/" + held + "/progress";
        for (Dimension size : new Dimension[]{new Dimension(390, 1000), new Dimension(1400, 900)}) {
            String device = size.width < 600 ? "phone" : "desktop";
            browser.manage().window().setSize(size);
            chromium.open(progress);
            chromium.waitFor(d -> d.findElement(By.id("p-sent")).getText().equals("1"));
            assertThat(chromium.pageWidth()).isLessThanOrEqualTo(size.width);
            Accessibility.assertNoSeriousViolations(browser);
            assertThat(chromium.consoleErrors()).isEmpty();
            assertThat(chromium.consoleErrors()).isEmpty();
            screenshot("studio-progress-" + device + ".png");
            chromium.open("/studio/publications/" + writer.slug() + "/issues/" + held + "/send");
            assertThat(chromium.pageWidth()).isLessThanOrEqualTo(size.width);
        }
        chromium.open(progress);
        browser.findElement(By.id("pause")).click();
        chromium.waitFor(d -> d.findElement(By.id("resume")).isDisplayed());
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", held)).isEqualTo("paused");
        assertThat(browser.findElement(By.id("p-reason")).getText()).startsWith("Paused: paused by");
    }

    @Test
    void aFirstIssueWithNoOneToMailIsPublishedOnTheWebOnly() {
        Scenario writer = Scenario.writer("Alone");
        long id = writer.issue(Map.of("title", "Web only", "slug", "web-only"));
        chromium.logIn(writer.token());
        chromium.open("/studio/publications/" + writer.slug() + "/issues/" + id + "/send");
        assertThat(browser.findElements(By.id("send-now"))).isEmpty();
        assertThat(browser.findElement(By.id("web-only-note")).getText()).contains("no one will be mailed");
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.consoleErrors()).isEmpty();

        browser.findElement(By.id("publish-web-only")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/publications/" + writer.slug() + "/issues/" + id + "/stats"));
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("sent");
        assertThat(Db.count(db, "SELECT total FROM send WHERE issue_id = ?", id)).isZero();
    }

    /** The issue's send under way, one message of three sent and one not due for an hour. */
    private void holdSending(long issueId) {
        Sends.hold(db, issueId);
    }

    private void screenshot(String name) throws IOException {
        assertThat(Files.size(chromium.screenshot(name))).isGreaterThan(5_000);
    }
}
