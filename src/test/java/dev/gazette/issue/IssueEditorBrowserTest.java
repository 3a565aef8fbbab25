package dev.gazette.issue;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import dev.gazette.testing.Accessibility;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;
import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;

/**
 * The issue editor in headless Chromium: the body is written in TOAST UI Editor in Markdown or as
 * seen, an image pasted into it is uploaded, it saves by itself and with Ctrl+S, the preview shows
 * the email and the web version, and a save after another tab's stops with a warning while the
 * other tab's text stays.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class IssueEditorBrowserTest {

    @Inject
    DataSource db;

    private static final String MARKDOWN = ".toastui-editor-md-container .ProseMirror";
    private static final String WYSIWYG = ".toastui-editor-ww-container .ProseMirror";

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
        chromium.waitFor(d -> !d.findElements(By.cssSelector(MARKDOWN)).isEmpty());
        assertThat(browser.findElement(By.id("f-bodyMarkdown")).isDisplayed()).isFalse();

        type(MARKDOWN, "\n\n## Second\n\nMore news.");
        chromium.waitFor(d -> Db.count(db, "SELECT version FROM issue WHERE id = ?", id) == 2);
        assertThat(Db.text(db, "SELECT body_markdown FROM issue WHERE id = ?", id)).endsWith("## Second\n\nMore news.");
        chromium.waitFor(d -> d.findElement(By.id("save-state")).getText().startsWith("Saved"));
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.consoleErrors()).isEmpty();
        screenshot("studio-editor.png");

        // an image pasted into the body is uploaded and placed by its URL
        give("textarea.toastui-editor-pseudo-clipboard", "new ClipboardEvent('paste', { clipboardData: transfer, "
                + "bubbles: true, cancelable: true })", "chart.png");
        chromium.waitFor(d -> Db.count(db, "SELECT count(*) FROM issue_image WHERE issue_id = ?", id) == 1);
        chromium.waitFor(d -> Db.text(db, "SELECT body_markdown FROM issue WHERE id = ?", id).contains("/images/"));
        assertThat(Db.text(db, "SELECT body_markdown FROM issue WHERE id = ?", id)).containsPattern(
                "!\\[chart]\\(https?://[^)]+/images/[^)]+\\)");

        // written as seen (WYSIWYG), saved as Markdown
        browser.findElement(By.cssSelector(".toastui-editor-mode-switch .tab-item:not(.active)")).click();
        chromium.waitFor(d -> d.findElement(By.cssSelector(WYSIWYG)).isDisplayed());
        type(WYSIWYG, "\nWritten as seen.");
        chromium.waitFor(d -> Db.text(db, "SELECT body_markdown FROM issue WHERE id = ?", id).endsWith("Written as seen."));
        // and an image dropped there is uploaded too
        give(WYSIWYG, "new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true })", "photo.png");
        chromium.waitFor(d -> Db.count(db, "SELECT count(*) FROM issue_image WHERE issue_id = ?", id) == 2);
        chromium.waitFor(d -> Db.text(db, "SELECT body_markdown FROM issue WHERE id = ?", id).contains("![photo]("));
        screenshot("studio-editor-wysiwyg.png");

        // the preview shows the web version on demand
        browser.findElement(By.cssSelector("input[name=preview-mode][value=web]")).click();
        chromium.waitFor(d -> d.findElement(By.id("preview")).getAttribute("src").contains("/web?v="));
        browser.switchTo().frame("preview");
        chromium.waitFor(d -> d.findElement(By.cssSelector("h1")).getText().equals("Tomorrow Tech 1"));
        browser.switchTo().defaultContent();
        browser.findElement(By.cssSelector("input[name=preview-mode][value=phone]")).click();
        chromium.waitFor(d -> d.findElement(By.id("preview")).getAttribute("class").contains("phone"));
        // the uploaded images are addressed at the public base URL, which no server answers in tests
        String images = ConfigProvider.getConfig().getValue("gazette.base-url", String.class).replaceAll("/$", "")
                + "/images/";
        assertThat(chromium.consoleErrors()).filteredOn(error -> !error.startsWith(images)).isEmpty();
        String version = Db.text(db, "SELECT version::text FROM issue WHERE id = ?", id);

        browser.findElement(By.id("f-title")).sendKeys(" (draft)", Keys.chord(Keys.CONTROL, "s"));
        int saved = Integer.parseInt(version) + 1;
        chromium.waitFor(d -> Db.count(db, "SELECT version FROM issue WHERE id = ?", id) == saved);
        assertThat(Db.text(db, "SELECT title FROM issue WHERE id = ?", id)).isEqualTo("Tomorrow Tech 1 (draft)");

        // another tab saves; this one's next save is refused and says so
        as(writer.token()).body(Map.of("bodyMarkdown", "the other tab's text", "version", saved))
                .patch(writer.issuePath(id)).then().statusCode(200);
        type(WYSIWYG, " And mine.");
        chromium.waitFor(d -> d.findElement(By.id("conflict-live")).isDisplayed());
        assertThat(Db.text(db, "SELECT body_markdown FROM issue WHERE id = ?", id)).isEqualTo("the other tab's text");
        assertThat(browser.findElement(By.id("f-bodyMarkdown")).getAttribute("value")).endsWith("And mine.");
        screenshot("studio-editor-conflict.png");

        browser.manage().window().setSize(new Dimension(390, 1400)); // a phone
        chromium.open("/studio/publications/" + writer.slug() + "/issues/" + id + "/edit");
        chromium.consoleErrors(); // the refused save's 409
        chromium.waitFor(d -> !d.findElements(By.cssSelector(MARKDOWN)).isEmpty());
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.consoleErrors()).isEmpty();
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

    /** Types at the end of the body's editor (Markdown or as seen). */
    private void type(String editor, String text) {
        WebElement body = browser.findElement(By.cssSelector(editor));
        body.click();
        body.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), text);
    }

    /** Hands an image to the body's editor in an event (a paste, a drop) as the browser would. */
    private void give(String target, String event, String name) throws IOException {
        ((JavascriptExecutor) browser).executeScript("""
                var bytes = Uint8Array.from(atob(arguments[0]), function (c) { return c.charCodeAt(0); });
                var transfer = new DataTransfer();
                transfer.items.add(new File([bytes], arguments[1], { type: 'image/png' }));
                var target = document.querySelector(arguments[2]);
                target.focus();
                target.dispatchEvent(""" + event + ");", Base64.getEncoder().encodeToString(png()), name, target);
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 64, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private void screenshot(String name) throws IOException {
        assertThat(Files.size(chromium.screenshot(name))).isGreaterThan(5_000);
    }
}
