package dev.gazette.issue;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
import org.openqa.selenium.support.ui.Select;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Accessibility;
import dev.gazette.testing.Api;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;

/**
 * A new writer's whole first issue in headless Chromium, as they would do it: sign up, create the
 * publication, write the Korean issue (six headed sections, a link, an uploaded image), let it save
 * by itself, preview it, send a test, schedule it and move it, send it now to the imported
 * subscribers, watch it go out and land on its stats. Every step is checked with axe and for
 * console errors, and kept as a screenshot on a desktop and on a phone under
 * {@code target/screenshots/journey-*}.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class WriterJourneyBrowserTest {

    private static final Dimension DESKTOP = new Dimension(1366, 900);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final String MARKDOWN = ".toastui-editor-md-container .ProseMirror";
    private static final String[] SECTIONS = {"이번 주 한눈에", "AI 반도체 소식", "오픈소스 모델", "개발 도구", "읽을거리", "다음 호 예고"};

    @Inject
    DataSource db;

    private Chromium chromium;
    private WebDriver browser;
    private int step;

    @BeforeEach
    void useBrowser(Chromium chromium) {
        this.chromium = chromium;
        this.browser = chromium.driver();
    }

    @Test
    void aNewWriterPublishesTheirFirstKoreanIssueEndToEnd() throws IOException {
        String unique = UUID.randomUUID().toString().substring(0, 6);
        String email = "jieun-" + unique + "@example.com";
        String slug = "tomorrow-tech-" + unique;
        browser.manage().window().setSize(DESKTOP);

        // sign up: the studio opens, empty
        chromium.open("/signup");
        browser.findElement(By.name("name")).sendKeys("김지은");
        browser.findElement(By.name("email")).sendKeys(email);
        browser.findElement(By.name("password")).sendKeys(Api.PASSWORD);
        checkStep("signup");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/studio"));
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE email = ?", email)).isOne();
        checkStep("studio");

        // the publication
        browser.findElement(By.cssSelector("a[href='/studio/publications/new']")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/studio/publications/new"));
        browser.findElement(By.name("slug")).sendKeys(slug);
        browser.findElement(By.name("name")).sendKeys("내일의 기술");
        browser.findElement(By.name("tagline")).sendKeys("매주 월요일, 기술의 내일을 전합니다");
        new Select(browser.findElement(By.name("locale"))).selectByValue("ko");
        browser.findElement(By.name("timeZone")).clear();
        browser.findElement(By.name("timeZone")).sendKeys("Asia/Seoul");
        browser.findElement(By.name("senderName")).sendKeys("김지은");
        browser.findElement(By.name("senderEmail")).sendKeys("letters@tomorrow.example.com");
        checkStep("new-publication");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        chromium.waitFor(d -> d.getCurrentUrl().contains("/studio/publications/" + slug + "/settings"));
        assertThat(Db.text(db, "SELECT name || ' ' || locale || ' ' || time_zone FROM publication WHERE slug = ?", slug))
                .isEqualTo("내일의 기술 ko Asia/Seoul");
        checkStep("settings");

        // readers, imported through the API with the browser's own session
        String session = browser.manage().getCookieNamed("gazette_session").getValue();
        List<String> readers = List.of("reader1-" + unique + "@example.com", "reader2-" + unique + "@example.com",
                "reader3-" + unique + "@example.com");
        as(session).contentType("text/csv; charset=UTF-8")
                .body(("email,name\n" + String.join(",\n", readers) + ",\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/publications/" + slug + "/subscribers/import").then().statusCode(200);

        // a new issue, written in the editor
        browser.findElement(By.cssSelector("nav.tabs a[href$='/issues']")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/issues"));
        browser.findElement(By.cssSelector("form[action$='/new-issue'] button")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/edit"));
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/issues/(\\d+)/edit$", "$1"));
        chromium.waitFor(d -> !d.findElements(By.cssSelector(MARKDOWN)).isEmpty());
        WebElement title = browser.findElement(By.id("f-title"));
        title.clear();
        title.sendKeys("내일의 기술 1호");
        browser.findElement(By.id("f-subtitle")).sendKeys("AI 반도체부터 개발 도구까지, 이번 주 기술 소식");
        browser.findElement(By.id("f-category")).sendKeys("기술");
        WebElement body = browser.findElement(By.cssSelector(MARKDOWN));
        body.click();
        body.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        for (int i = 0; i < SECTIONS.length; i++) {
            body.sendKeys("## " + SECTIONS[i] + "\n\n");
            body.sendKeys(i == 1
                    ? "새 칩 소식은 [기사 원문](https://example.com/chips)에서 더 읽을 수 있어요.\n\n"
                    : SECTIONS[i] + "에 관한 짧은 이야기입니다.\n\n");
        }
        // an image chosen in the editor's image dialog is uploaded to the issue
        Path chart = chart();
        if (!browser.findElement(By.cssSelector("button.image.toastui-editor-toolbar-icons")).isDisplayed()) {
            browser.findElement(By.cssSelector(".toastui-editor-toolbar button.more")).click(); // the rest of the toolbar
        }
        chromium.waitFor(d -> d.findElements(By.cssSelector("button.image.toastui-editor-toolbar-icons")).stream()
                .anyMatch(WebElement::isDisplayed));
        browser.findElements(By.cssSelector("button.image.toastui-editor-toolbar-icons")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElseThrow().click();
        chromium.waitFor(d -> d.findElement(By.cssSelector(".toastui-editor-popup-add-image")).isDisplayed());
        browser.findElement(By.id("toastuiImageFileInput")).sendKeys(chart.toAbsolutePath().toString());
        browser.findElement(By.id("toastuiAltTextInput")).sendKeys("반도체 출하량 그래프");
        browser.findElement(By.cssSelector(".toastui-editor-popup-add-image .toastui-editor-ok-button")).click();
        chromium.waitFor(d -> Db.count(db, "SELECT count(*) FROM issue_image WHERE issue_id = ?", id) == 1);
        // it saves by itself
        chromium.waitFor(d -> Db.text(db, "SELECT body_markdown FROM issue WHERE id = ?", id)
                .contains("![반도체 출하량 그래프]("));
        chromium.waitFor(d -> d.findElement(By.id("save-state")).getText()
                .startsWith(d.findElement(By.id("save-state")).getAttribute("data-saved")));
        String saved = Db.text(db, "SELECT body_markdown FROM issue WHERE id = ?", id);
        for (String section : SECTIONS) {
            assertThat(saved).contains("## " + section);
        }
        assertThat(saved).contains("[기사 원문](https://example.com/chips)");
        assertThat(Db.text(db, "SELECT title FROM issue WHERE id = ?", id)).isEqualTo("내일의 기술 1호");
        checkStep("editor", images());

        // the preview: on a phone, then the web version
        browser.findElement(By.cssSelector("input[name=preview-mode][value=phone]")).click();
        chromium.waitFor(d -> d.findElement(By.id("preview")).getAttribute("class").contains("phone"));
        browser.switchTo().frame("preview");
        chromium.waitFor(d -> d.findElements(By.cssSelector("h2")).size() >= SECTIONS.length);
        browser.switchTo().defaultContent();
        checkStep("preview-phone", images());
        browser.findElement(By.cssSelector("input[name=preview-mode][value=web]")).click();
        chromium.waitFor(d -> d.findElement(By.id("preview")).getAttribute("src").contains("/web?v="));
        browser.switchTo().frame("preview");
        chromium.waitFor(d -> d.findElement(By.cssSelector("h1")).getText().equals("내일의 기술 1호"));
        browser.switchTo().defaultContent();
        checkStep("preview-web", images());

        // a test to the writer's own address
        browser.findElement(By.id("test-send")).click();
        chromium.waitFor(d -> !d.findElements(By.id("tested")).isEmpty());
        CapturedMessage test = Mailbox.awaitTo(email);
        assertThat(test.subject()).contains("내일의 기술 1호");
        assertThat(test.htmlPart().orElseThrow()).contains("https://example.com/chips").contains("/images/")
                .contains("AI 반도체 소식");
        checkStep("tested", images());

        // scheduled for tomorrow morning, then moved a day later
        ZoneId seoul = ZoneId.of("Asia/Seoul");
        LocalDateTime first = LocalDate.now(seoul).plusDays(1).atTime(9, 0);
        LocalDateTime second = first.plusDays(1).withHour(10);
        browser.findElement(By.cssSelector("a[href$='/issues/" + id + "/send']")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/send"));
        assertThat(browser.findElement(By.id("audience")).getText()).contains("3");
        when(first);
        checkStep("send");
        browser.findElement(By.id("schedule")).click();
        chromium.waitFor(d -> "scheduled".equals(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)));
        assertThat(Db.timestamp(db, "SELECT scheduled_at FROM issue WHERE id = ?", id).toInstant())
                .isEqualTo(first.atZone(seoul).toInstant());
        chromium.waitFor(d -> !d.findElements(By.id("reschedule")).isEmpty());
        checkStep("scheduled");
        when(second);
        browser.findElement(By.id("reschedule")).click();
        chromium.waitFor(d -> Db.timestamp(db, "SELECT scheduled_at FROM issue WHERE id = ?", id).toInstant()
                .equals(second.atZone(seoul).toInstant()));
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("scheduled");
        chromium.waitFor(d -> !d.findElements(By.id("reschedule")).isEmpty());
        checkStep("rescheduled");

        // or rather now: cancel the schedule, confirm the count and send
        browser.findElement(By.id("cancel")).click();
        chromium.waitFor(d -> !d.findElements(By.id("send-now")).isEmpty());
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("cancelled");
        browser.findElement(By.id("confirm")).click();
        browser.findElement(By.id("send-now")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/progress") || d.getCurrentUrl().endsWith("/stats"));
        if (browser.getCurrentUrl().endsWith("/progress")) {
            screenshotBoth("progress");
        }
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/publications/" + slug + "/issues/" + id + "/stats"));
        for (String reader : readers) {
            CapturedMessage received = Mailbox.awaitTo(reader);
            assertThat(received.subject()).contains("내일의 기술 1호");
            assertThat(received.htmlPart().orElseThrow()).contains("AI 반도체 소식");
        }
        assertThat(Db.text(db, "SELECT status FROM issue WHERE id = ?", id)).isEqualTo("sent");
        chromium.waitFor(d -> d.findElement(By.tagName("main")).getText().contains("내일의 기술 1호"));
        checkStep("stats");
    }

    /** The page of this step: no serious axe violation, no console error, screenshots on both sizes. */
    private void checkStep(String name, String... ignoredLoads) throws IOException {
        Accessibility.assertNoSeriousViolations(browser);
        List<String> errors = new ArrayList<>(chromium.consoleErrors());
        errors.removeIf(error -> List.of(ignoredLoads).stream().anyMatch(error::startsWith));
        assertThat(errors).as("console errors on " + browser.getCurrentUrl()).isEmpty();
        screenshotBoth(name);
    }

    private void screenshotBoth(String name) throws IOException {
        step++;
        String prefix = String.format("journey-%02d-%s", step, name);
        assertThat(Files.size(chromium.screenshot(prefix + "-desktop.png"))).isGreaterThan(5_000);
        browser.manage().window().setSize(PHONE);
        assertThat(Files.size(chromium.screenshot(prefix + "-phone.png"))).isGreaterThan(5_000);
        assertThat(chromium.pageWidth()).as(() -> "width on a phone of " + browser.getCurrentUrl() + ": "
                + ((JavascriptExecutor) browser).executeScript("return Array.from(document.querySelectorAll('body *'))"
                        + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                        + ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right)"
                        + ".join(' | ')"))
                .isLessThanOrEqualTo(PHONE.width);
        browser.manage().window().setSize(DESKTOP);
    }

    /** Types a local date and time into the page's time field, as the date picker would. */
    private void when(LocalDateTime at) {
        ((JavascriptExecutor) browser).executeScript("var when = document.getElementById('f-when');"
                + "when.value = arguments[0]; when.dispatchEvent(new Event('input'));", at.toString());
    }

    /** Uploaded images are addressed at the public base URL, which no server answers in tests. */
    private static String images() {
        return ConfigProvider.getConfig().getValue("gazette.base-url", String.class).replaceAll("/$", "") + "/images/";
    }

    private static Path chart() throws IOException {
        BufferedImage image = new BufferedImage(600, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 600, 300);
        g.setColor(new Color(0x2563eb));
        for (int i = 0; i < 6; i++) {
            g.fillRect(40 + i * 90, 260 - (i + 1) * 35, 60, (i + 1) * 35);
        }
        g.dispose();
        Path file = Files.createDirectories(Path.of("target", "journey")).resolve("chart.png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
