package dev.gazette.web;

import static dev.gazette.testing.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
import dev.gazette.testing.Scenario;

/**
 * The admin console in Debian's headless Chromium, by links only: an admin disables a writer, whose
 * session stops at once, and suspends a publication, whose public page is gone. axe-core finds no
 * serious or critical violation on any admin page, and no page scrolls sideways on a phone.
 * Screenshots go to {@code target/screenshots/admin-*}. Skipped without the browser, except under {@code CI=true}.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class AdminConsoleBrowserTest {

    private static final Dimension PHONE = new Dimension(390, 1200);

    @Inject
    DataSource db;

    @Test
    void anAdminDisablesAWriterAndSuspendsTheirPublication(Chromium chromium) throws IOException {
        WebDriver browser = chromium.driver();
        Scenario writer = Scenario.writer("Offender");
        String email = writer.account().email();
        chromium.logIn(writer.token());
        chromium.open("/studio");

        chromium.logIn(Api.admin().token());
        chromium.open("/studio");
        click(chromium, "a[href='/admin']");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isIn("관리 콘솔", "Admin console");
        check(chromium, "home");

        click(chromium, "#admin-pages a[href='/admin/accounts']");
        browser.findElement(By.id("q")).sendKeys(email);
        browser.findElement(By.cssSelector("form.search button")).click();
        chromium.waitFor(d -> d.getCurrentUrl().contains("q="));
        long id = Db.count(db, "SELECT id FROM account WHERE email = ?", email);
        browser.findElement(By.cssSelector("form[action='/admin/accounts/" + id + "/disable'] button")).click();
        chromium.waitFor(d -> d.getCurrentUrl().contains("done="));
        assertThat(Db.count(db, "SELECT count(*) FROM account WHERE id = ? AND disabled_at IS NOT NULL", id)).isOne();
        browser.findElement(By.id("q")).sendKeys(email);
        browser.findElement(By.cssSelector("form.search button")).click();
        chromium.waitFor(d -> d.findElement(By.cssSelector("#account-" + id + " form[action$='/enable']")).isDisplayed());
        check(chromium, "accounts");

        click(chromium, "nav.tabs a[href='/admin/publications']");
        browser.findElement(By.id("q")).sendKeys(writer.slug());
        browser.findElement(By.cssSelector("form.search button")).click();
        chromium.waitFor(d -> d.getCurrentUrl().contains("q="));
        click(chromium, "#publication-" + writer.slug() + " a[href$='/suspend']");
        check(chromium, "suspend");
        browser.findElement(By.id("f-reason")).sendKeys("스팸 신고가 많아요 (too many complaints)");
        browser.findElement(By.cssSelector("#suspend-form button")).click();
        chromium.waitFor(d -> d.getCurrentUrl().contains("done="));
        assertThat(Db.text(db, "SELECT status FROM publication WHERE slug = ?", writer.slug())).isEqualTo("suspended");
        anonymous().get("/p/" + writer.slug()).then().statusCode(404);
        check(chromium, "publications");

        for (String page : List.of("sends", "audit", "legal")) {
            click(chromium, "nav.tabs a[href='/admin/" + page + "']");
            check(chromium, page);
            if (page.equals("audit")) {
                assertThat(browser.findElement(By.id("audit")).getText()).contains(email, "too many complaints");
            }
        }
        click(chromium, "#legal-terms a");
        check(chromium, "legal-terms");
        assertThat(chromium.consoleErrors()).isEmpty();

        // the writer's session stopped with the disabling: their next studio request goes to the login form
        chromium.logIn(writer.token());
        browser.get(browser.getCurrentUrl().replaceAll("/login.*$", "/studio"));
        chromium.waitFor(d -> d.getCurrentUrl().contains("/login?next="));
    }

    private static void click(Chromium chromium, String css) {
        String before = chromium.driver().getCurrentUrl();
        chromium.driver().findElement(By.cssSelector(css)).click();
        chromium.waitFor(d -> !d.getCurrentUrl().equals(before) && !d.findElements(By.tagName("h1")).isEmpty());
    }

    /** axe-core on the page; a desktop and a phone screenshot; nothing wider than the phone. */
    private static void check(Chromium chromium, String name) throws IOException {
        WebDriver browser = chromium.driver();
        Accessibility.assertNoSeriousViolations(browser);
        assertThat(Files.size(chromium.screenshot("admin-" + name + ".png"))).isGreaterThan(5_000);
        Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(PHONE);
        try {
            assertThat(chromium.pageWidth()).as(name + " on a phone").isLessThanOrEqualTo(PHONE.width);
            chromium.screenshot("admin-" + name + "-phone.png");
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }
}
