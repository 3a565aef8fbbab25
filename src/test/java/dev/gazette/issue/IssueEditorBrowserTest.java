package dev.gazette.issue;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;

import dev.gazette.testing.Accessibility;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;
import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;

/**
 * The issue editor in headless Chromium: it saves by itself and with Ctrl+S, the preview follows,
 * and a save after another tab's stops with a warning while the other tab's text stays.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class IssueEditorBrowserTest {

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
    void theEditorSavesByItselfAndStopsAtAnotherTabsSave() throws IOException {
        Scenario writer = Scenario.writer("Autosave");
        long id = writer.issue(Map.of("title", "Tomorrow Tech 1", "bodyMarkdown", "## First\n\nHello."));
        browser.manage().window().setSize(new Dimension(1400, 1000));
        chromium.logIn(writer.token());
        chromium.open("/studio/publications/" + writer.slug() + "/issues/" + id + "/edit");
        chromium.waitFor(d -> !d.findElements(By.id("f-bodyMarkdown")).isEmpty());

        browser.findElement(By.id("f-bodyMarkdown")).sendKeys("\n\n## Second\n\nMore news.");
        chromium.waitFor(d -> Db.count(db, "SELECT version FROM issue WHERE id = ?", id) == 2);
        assertThat(Db.text(db, "SELECT body_markdown FROM issue WHERE id = ?", id)).endsWith("## Second\n\nMore news.");
        chromium.waitFor(d -> d.findElement(By.id("save-state")).getText().startsWith("Saved"));
        Accessibility.assertNoSeriousViolations(browser);
        screenshot("studio-editor.png");

        browser.findElement(By.id("f-title")).sendKeys(" (draft)", Keys.chord(Keys.CONTROL, "s"));
        chromium.waitFor(d -> Db.count(db, "SELECT version FROM issue WHERE id = ?", id) == 3);
        assertThat(Db.text(db, "SELECT title FROM issue WHERE id = ?", id)).isEqualTo("Tomorrow Tech 1 (draft)");

        // another tab saves; this one's next save is refused and says so
        as(writer.token()).body(Map.of("bodyMarkdown", "the other tab's text", "version", 3)).patch(writer.issuePath(id))
                .then().statusCode(200);
        browser.findElement(By.id("f-bodyMarkdown")).sendKeys(" And mine.");
        chromium.waitFor(d -> d.findElement(By.id("conflict-live")).isDisplayed());
        assertThat(Db.text(db, "SELECT body_markdown FROM issue WHERE id = ?", id)).isEqualTo("the other tab's text");
        assertThat(browser.findElement(By.id("f-bodyMarkdown")).getAttribute("value")).endsWith("And mine.");
        screenshot("studio-editor-conflict.png");

        browser.manage().window().setSize(new Dimension(390, 1400)); // a phone
        chromium.open("/studio/publications/" + writer.slug() + "/issues/" + id + "/edit");
        chromium.waitFor(d -> !d.findElements(By.id("f-bodyMarkdown")).isEmpty());
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.pageWidth()).isLessThanOrEqualTo(390);
        screenshot("studio-editor-phone.png");

        // the issues list and the send page, on the phone and on a desktop
        String issues = "/studio/publications/" + writer.slug() + "/issues";
        for (Dimension size : new Dimension[]{new Dimension(390, 1000), new Dimension(1400, 900)}) {
            String device = size.width < 600 ? "phone" : "desktop";
            browser.manage().window().setSize(size);
            chromium.open(issues);
            assertThat(browser.findElement(By.id("issue-" + id)).getText()).contains("Tomorrow Tech 1 (draft)");
            assertThat(chromium.pageWidth()).isLessThanOrEqualTo(size.width);
            Accessibility.assertNoSeriousViolations(browser);
            screenshot("studio-issues-" + device + ".png");
            chromium.open(issues + "/" + id + "/send");
            assertThat(browser.findElement(By.id("audience")).getText()).contains("0");
            assertThat(chromium.pageWidth()).isLessThanOrEqualTo(size.width);
            Accessibility.assertNoSeriousViolations(browser);
            screenshot("studio-send-" + device + ".png");
        }
    }

    private void screenshot(String name) throws IOException {
        assertThat(Files.size(chromium.screenshot(name))).isGreaterThan(5_000);
    }
}
