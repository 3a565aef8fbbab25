package dev.gazette.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;

import javax.sql.DataSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.gazette.testing.Api;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;
import dev.gazette.testing.Db;

/**
 * The dashboards in Debian's headless Chromium: the writer's issue dashboard and the admin's
 * platform dashboard render their numbers and their SVG charts, on a desktop and on a phone.
 * Screenshots go to {@code target/screenshots/}. Skipped without the browser, except under {@code CI=true}.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class StatsBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    DataSource db;

    private Chromium chromium;
    private WebDriver browser;

    @BeforeEach
    void useBrowser(Chromium chromium) {
        this.chromium = chromium;
        this.browser = chromium.driver();
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    /** Logs the browser in with the account's session token, as the login form would. */
    private void logIn(String token) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.manage().addCookie(new Cookie("gazette_session", token));
    }

    private void open(String path) {
        browser.get(url(path));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector("h1")));
    }

    private void screenshot(String name) throws IOException {
        assertThat(Files.size(chromium.screenshot(name))).isGreaterThan(10_000);
    }

    @Test
    void theWritersIssueDashboardShowsItsNumbersAndCharts() throws IOException {
        Api.Account writer = Api.writer("Dashboard");
        String slug = Api.publication(writer.token());
        StatsScenario s = new StatsScenario(db, Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug));
        logIn(writer.token());
        open("/publications/" + slug + "/issues/" + s.issueId + "/stats");

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Issue scenario");
        String delivery = browser.findElement(By.id("delivery")).getText();
        assertThat(delivery).contains("9\nrecipients").contains("7\nsent").contains("2\nbounced (1 hard, 1 soft)")
                .contains("1\ncomplaints").contains("2\nunsubscribes");
        String engagement = browser.findElement(By.id("engagement")).getText();
        assertThat(engagement).contains("28.6%\nopen rate (2 unique)").contains("2\nopens by machines (kept apart)")
                .contains("5\nweb views").contains("2\nlikes").contains("2\ncomments");
        // the timeline: opens, unique opens and clicks over the first hours
        assertThat(browser.findElements(By.cssSelector("#timeline svg polyline"))).hasSize(3);
        assertThat(browser.findElement(By.cssSelector("#timeline svg")).getSize().getWidth()).isGreaterThan(500);
        assertThat(browser.findElements(By.cssSelector("#feedback svg rect.bar"))).hasSize(3);
        assertThat(browser.findElement(By.id("links")).getText()).contains("https://example.com/one 3 2");
        screenshot("stats-issue.png");

        browser.manage().window().setSize(new Dimension(390, 1400)); // a phone
        open("/publications/" + slug + "/issues/" + s.issueId + "/stats");
        assertThat(browser.findElement(By.cssSelector("#timeline svg")).getSize().getWidth()).isLessThan(390);
        assertThat((Long) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
        screenshot("stats-issue-phone.png");

        open("/publications/" + slug + "/stats");
        assertThat(browser.findElement(By.id("subscribers")).getText()).contains("7\nactive subscribers");
        assertThat(browser.findElements(By.cssSelector("#growth svg polyline"))).hasSize(3);
        screenshot("stats-publication-phone.png");
    }

    @Test
    void theAdminDashboardShowsThePlatform() throws IOException {
        Api.Account writer = Api.writer("Watched");
        String slug = Api.publication(writer.token());
        new StatsScenario(db, Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug));
        logIn(Api.admin().token());
        open("/admin/stats");

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Platform");
        assertThat(browser.findElement(By.id("totals")).getText()).contains("publications").contains("messages sent");
        assertThat(browser.findElements(By.cssSelector("#volume svg rect.bar"))).hasSize(30);
        assertThat(browser.findElement(By.id("over-threshold")).getText()).contains("AI 뉴스레터");
        assertThat(browser.findElement(By.cssSelector("#over-threshold a[href='/publications/" + slug + "/stats']"))
                .isDisplayed()).isTrue();
        screenshot("stats-admin.png");
    }
}
