package dev.gazette.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.gazette.testing.Api;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;

/**
 * A reader's journey in headless Chromium: the web version with comments, the like count, the
 * coffee button and a paid sandbox tip, and the feedback page from the email's link. Screenshots
 * are kept under {@code target/screenshots/}.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class EngagementBrowserTest {

    @TestHTTPResource("/")
    URL base;

    private Chromium chromium;

    @BeforeEach
    void useBrowser(Chromium chromium) {
        this.chromium = chromium;
    }

    @Test
    void aReaderCommentsLikesTipsAndRates() throws IOException {
        Readers.Sent sent = Readers.sentIssue("Chromed", Map.of("tipPrice", 5000));
        long first = ((Number) Api.anonymous().body(Map.of("body", "첫 댓글: **멋진** 레터!", "token", sent.readerToken()))
                .post(sent.page() + "/comments").then().statusCode(201).extract().path("id")).longValue();
        Api.as(sent.writer().token()).body(Map.of("issueId", sent.issueId(), "parentId", first, "body", "읽어 주셔서 고마워요"))
                .post("/api/v1/publications/" + sent.publication() + "/comments").then().statusCode(201);

        WebDriver browser = chromium.driver();
        String root = base.toString().replaceAll("/$", "");
        browser.get(root + sent.page() + "?r=" + sent.readerToken());
        // each form answers with a new page: an element read while it loads may be gone
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.until(d -> d.findElement(By.id("like-button")));

        browser.findElement(By.id("like-button")).click();
        wait.until(d -> d.findElement(By.id("like-count")).getText().equals("좋아요 1"));
        assertThat(browser.findElement(By.cssSelector(".meta")).getText()).contains("좋아요 1");

        browser.findElement(By.cssSelector("#comment-form textarea[name=body]")).sendKeys("브라우저에서 남긴 댓글");
        browser.findElement(By.cssSelector("#comment-form button")).click();
        wait.until(d -> d.findElement(By.id("comments")).getText().contains("브라우저에서 남긴 댓글"));
        String comments = browser.findElement(By.id("comments")).getText();
        assertThat(comments).contains("첫 댓글: 멋진 레터!").contains("작가").contains("읽어 주셔서 고마워요");
        assertThat(browser.findElement(By.cssSelector("#comments .comment-body strong")).getText()).isEqualTo("멋진");
        assertThat(browser.findElement(By.id("coffee-button")).isDisplayed()).isTrue();
        browser.findElement(By.id("comments")).getLocation(); // settle layout before the picture
        Path page = chromium.screenshot("engagement-web-ko.png");
        assertThat(Files.size(page)).isGreaterThan(10_000);

        browser.findElement(By.cssSelector("#tip input[name=coffees]")).clear();
        browser.findElement(By.cssSelector("#tip input[name=coffees]")).sendKeys("2");
        browser.findElement(By.id("coffee-button")).click();
        wait.until(d -> d.findElement(By.id("pay-button")));
        assertThat(browser.findElement(By.id("checkout-amount")).getText()).contains("10000 KRW");
        browser.findElement(By.id("pay-button")).click();
        wait.until(d -> d.findElement(By.id("checkout-status")).getText().equals("paid"));

        browser.get(root + sent.feedbackPath() + "?rating=good");
        browser.findElement(By.id("feedback-send")).click();
        wait.until(d -> d.findElement(By.id("feedback-result")));
        assertThat(browser.findElement(By.id("feedback-result")).getText()).contains("좋았어요");
        chromium.screenshot("engagement-feedback-ko.png");
    }

    @Test
    void aReaderWithoutTheirLinkLikesTheSharedPageThroughItsScript() throws IOException {
        Readers.Sent sent = Readers.sentIssue("Shared");
        WebDriver browser = chromium.driver();
        String root = base.toString().replaceAll("/$", "");
        browser.manage().deleteAllCookies();
        browser.get(root + sent.page());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        // the page is everyone's: its script gives its forms this browser's token
        wait.until(d -> !d.findElement(By.cssSelector("#like input[name=csrf]")).getDomAttribute("value").isEmpty());
        browser.findElement(By.id("like-button")).click();
        wait.until(d -> d.findElement(By.id("like-button")).getText().equals("♥ 좋아요 취소"));
        assertThat(browser.findElement(By.id("like-count")).getText()).isEqualTo("좋아요 1");
        assertThat(browser.findElement(By.cssSelector(".meta")).getText()).contains("좋아요 1");
        assertThat(browser.findElement(By.id("like-button")).getDomAttribute("data-unlike")).isEqualTo("♥ 좋아요 취소");
        // and unliking from the same page works too
        browser.findElement(By.id("like-button")).click();
        wait.until(d -> d.findElement(By.id("like-button")).getText().equals("♡ 좋아요"));
        assertThat(browser.findElement(By.id("like-count")).getText()).isEqualTo("좋아요 0");
        assertThat(chromium.consoleErrors()).isEmpty();
        chromium.screenshot("engagement-shared-ko.png");
    }
}
