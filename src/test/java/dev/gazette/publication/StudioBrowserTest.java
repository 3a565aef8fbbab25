package dev.gazette.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;

import dev.gazette.testing.Accessibility;
import dev.gazette.testing.Api;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;
import dev.gazette.testing.Db;

/**
 * A new writer in headless Chromium: logs in through the form, lands in the studio, creates a
 * publication, is told what to fix, fixes it, and sees its settings; on a desktop and on a phone,
 * each page checked by axe-core. Screenshots go to {@code target/screenshots/studio-*}.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class StudioBrowserTest {

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
    void aNewWriterCreatesTheirPublicationInTheStudio() throws IOException {
        Api.Account writer = Api.writer("Browser");
        String slug = "tomorrow-" + UUID.randomUUID().toString().substring(0, 6);
        browser.manage().window().setSize(new Dimension(1280, 1000));

        chromium.open("/login");
        browser.findElement(By.name("email")).sendKeys(writer.email());
        browser.findElement(By.name("password")).sendKeys(Api.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/studio"));
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.consoleErrors()).isEmpty();
        screenshot("studio-home-empty.png");

        browser.findElement(By.cssSelector("a[href='/studio/publications/new']")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/studio/publications/new"));
        browser.findElement(By.name("slug")).sendKeys(slug);
        browser.findElement(By.name("name")).sendKeys("내일의 기술");
        browser.findElement(By.name("senderName")).sendKeys("지은");
        browser.findElement(By.name("senderEmail")).sendKeys("not an address");
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.consoleErrors()).isEmpty();
        screenshot("studio-new.png");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();

        chromium.waitFor(d -> !d.findElements(By.id("e-senderEmail")).isEmpty());
        assertThat(browser.findElement(By.name("name")).getAttribute("value")).isEqualTo("내일의 기술");
        assertThat(browser.findElement(By.id("f-senderEmail")).getAttribute("aria-invalid")).isEqualTo("true");
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.consoleErrors()).allMatch(StudioBrowserTest::theRefusedFormsOwnAnswer);
        screenshot("studio-new-refused.png");
        assertThat(Db.count(db, "SELECT count(*) FROM publication WHERE slug = ?", slug)).isZero();

        browser.findElement(By.name("senderEmail")).clear();
        browser.findElement(By.name("senderEmail")).sendKeys("letters@tomorrow.example.com");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        chromium.waitFor(d -> d.getCurrentUrl().contains("/studio/publications/" + slug + "/settings"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isNotBlank();
        assertThat(Db.count(db, "SELECT count(*) FROM publication WHERE slug = ? AND sender_email = ?", slug,
                "letters@tomorrow.example.com")).isOne();
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.consoleErrors()).isEmpty();
        screenshot("studio-settings.png");

        browser.findElement(By.cssSelector("nav.tabs a[href$='/comments']")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/comments"));
        browser.findElement(By.cssSelector("input[value=everyone]")).click();
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        chromium.waitFor(d -> d.getCurrentUrl().contains("/comments?saved=1"));
        assertThat(Db.text(db, "SELECT comment_policy FROM publication WHERE slug = ?", slug)).isEqualTo("everyone");
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.consoleErrors()).isEmpty();
        screenshot("studio-comments.png");

        browser.findElement(By.cssSelector("nav.tabs a[href$='/topics']")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/topics"));
        browser.findElement(By.name("lines")).sendKeys("ai: 인공지능\nchips: 반도체");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/topics?saved=1"));
        assertThat(Db.count(db, "SELECT count(*) FROM public_topic t JOIN publication p ON p.id = t.publication_id "
                + "WHERE p.slug = ?", slug)).isEqualTo(2);
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.consoleErrors()).isEmpty();
        screenshot("studio-topics.png");

        // what readers sent privately: a note to mark read, and the tips ledger
        long publicationId = Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug);
        Db.execute(db, "INSERT INTO reader_note (publication_id, email, message, status, created_at, confirmed_at)"
                + " VALUES (?, 'minji@example.com', '매주 기다려요. 반도체 이야기도 더 해 주세요!', 'confirmed', now(), now())",
                publicationId);
        Db.execute(db, "INSERT INTO tip (public_id, publication_id, coffees, unit_price, amount, currency, tipper_name,"
                + " message, provider, status, created_at, paid_at, updated_at) VALUES (gen_random_uuid()::text, ?, 2,"
                + " 3000, 6000, 'KRW', '민지', '커피 두 잔 보내요', 'sandbox', 'paid', now(), now(), now())", publicationId);
        browser.findElement(By.cssSelector("nav.tabs a[href$='/notes']")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/notes"));
        browser.findElement(By.cssSelector("ol.notes li.unread button[type=submit]")).click();
        chromium.waitFor(d -> d.findElements(By.cssSelector("ol.notes li.unread")).isEmpty());
        assertThat(Db.count(db, "SELECT count(*) FROM reader_note WHERE publication_id = ? AND read_at IS NOT NULL",
                publicationId)).isOne();
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.consoleErrors()).isEmpty();
        screenshot("studio-notes.png");
        browser.findElement(By.cssSelector("nav.tabs a[href$='/tips']")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/tips"));
        assertThat(browser.findElement(By.id("tip-months")).getText()).contains("₩6,000");
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.consoleErrors()).isEmpty();
        screenshot("studio-tips.png");

        // a writer template whose source the engine refuses comes back with the place of the error
        browser.findElement(By.cssSelector("nav.tabs a[href$='/templates']")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/templates"));
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.consoleErrors()).isEmpty();
        browser.findElement(By.cssSelector("a[href$='/templates/new']")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/templates/new"));
        browser.findElement(By.name("name")).sendKeys("월요일 레이아웃");
        browser.findElement(By.name("source")).sendKeys("<h1>{issue.title}</h1>\n<p>{issue.nope(</p>");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        chromium.waitFor(d -> !d.findElements(By.id("e-source")).isEmpty());
        assertThat(browser.findElement(By.id("e-source")).getAttribute("data-line")).isEqualTo("2");
        assertThat(browser.findElement(By.name("name")).getAttribute("value")).isEqualTo("월요일 레이아웃");
        assertThat(Db.count(db, "SELECT count(*) FROM issue_template t JOIN publication p ON p.id = t.publication_id "
                + "WHERE p.slug = ?", slug)).isZero();
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.consoleErrors()).allMatch(StudioBrowserTest::theRefusedFormsOwnAnswer);
        screenshot("studio-template-refused.png");

        browser.findElement(By.cssSelector("nav.tabs a[href$='/issues']")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/issues"));
        assertThat(browser.findElement(By.tagName("main")).getText()).isNotBlank();
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.consoleErrors()).isEmpty();

        browser.manage().window().setSize(new Dimension(390, 1400)); // a phone
        chromium.open("/studio");
        assertThat(browser.findElement(By.id("publication-" + slug)).getText()).contains("내일의 기술");
        assertThat(chromium.pageWidth())
                .isLessThanOrEqualTo(390);
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(chromium.consoleErrors()).isEmpty();
        screenshot("studio-home-phone.png");
        chromium.open("/studio/publications/" + slug + "/settings");
        assertThat(chromium.pageWidth())
                .isLessThanOrEqualTo(390);
        screenshot("studio-settings-phone.png");
        chromium.open("/studio/publications/" + slug + "/tips");
        assertThat(chromium.pageWidth()).isLessThanOrEqualTo(390);
        screenshot("studio-tips-phone.png");
        chromium.open("/studio/publications/" + slug + "/topics");
        assertThat(chromium.pageWidth()).isLessThanOrEqualTo(390);
        screenshot("studio-topics-phone.png");
    }

    /** A refused form comes back as a 422 page, which Chromium reports as a failed load. */
    private static boolean theRefusedFormsOwnAnswer(String error) {
        return error.contains("Failed to load resource: the server responded with a status of 422");
    }

    private void screenshot(String name) throws IOException {
        assertThat(Files.size(chromium.screenshot(name))).isGreaterThan(5_000);
    }
}
