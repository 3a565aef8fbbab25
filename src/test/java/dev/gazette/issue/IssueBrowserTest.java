package dev.gazette.issue;

import static dev.gazette.issue.IssueFixtures.createIssue;
import static dev.gazette.issue.IssueFixtures.publishOnWeb;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.gazette.testing.Api;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;

/**
 * The web version of a Korean issue in a real browser: Debian's headless Chromium. Skipped when
 * the browser is not installed, except under {@code CI=true}, where that is a failure.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class IssueBrowserTest {

    @TestHTTPResource("/")
    URL base;

    private Chromium chromium;
    private WebDriver browser;

    @BeforeEach
    void useBrowser(Chromium chromium) {
        this.chromium = chromium;
        this.browser = chromium.driver();
    }

    @Test
    void aKoreanIssueReadsWellInChromium() throws IOException {
        Api.Account writer = Api.writer("Browser");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub, Map.of("slug", "browser-letter"));
        publishOnWeb(writer.token(), pub, id);

        browser.get(base.toString().replaceAll("/$", "") + "/p/" + pub + "/browser-letter");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector("h1.title")));

        assertThat(browser.getTitle()).isEqualTo("AI 주간 소식 1호 · AI 뉴스레터");
        assertThat(browser.findElement(By.cssSelector("h1.title")).getText()).isEqualTo("AI 주간 소식 1호");
        assertThat(browser.findElement(By.cssSelector(".subtitle")).getText()).isEqualTo("딥시크와 이번 주의 도구들");
        assertThat(browser.findElement(By.cssSelector(".category")).getText()).isEqualTo("AI");
        WebElement section = browser.findElement(By.id("1-프롬프트-deepseek"));
        assertThat(section.isDisplayed()).isTrue();
        assertThat(section.getText()).isEqualTo("1. 프롬프트: DeepSeek");
        assertThat(browser.findElement(By.cssSelector("article.body table")).getText()).contains("모델").contains("91");
        assertThat(browser.findElement(By.id("subscribe")).getText()).contains("구독하고 다음 레터 받아보기");
        assertThat(browser.findElement(By.id("comments")).getText()).contains("첫 번째 댓글을 남겨주세요.");
        assertThat(browser.findElement(By.cssSelector(".meta")).getText()).contains("좋아요 0");
        Path kept = chromium.screenshot("issue-web-ko.png");
        assertThat(Files.size(kept)).isGreaterThan(10_000);

        // the table of contents links to the section
        browser.findElement(By.cssSelector("nav.toc a[href='#1-프롬프트-deepseek']")).click();
        assertThat(browser.getCurrentUrl()).endsWith("#1-%ED%94%84%EB%A1%AC%ED%94%84%ED%8A%B8-deepseek");
    }

    @Test
    void theDefaultEmailLayoutReadsWellInChromium() throws IOException {
        Api.Account writer = Api.writer("Layout");
        String pub = Api.publication(writer.token());
        long id = createIssue(writer.token(), pub);
        String html = Api.as(writer.token()).get(IssueFixtures.issuePath(pub, id) + "/preview").then().statusCode(200)
                .extract().asString();
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        Path file = screenshots.resolve("issue-email-ko.html");
        Files.writeString(file, html);

        browser.get(file.toUri().toString());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("AI 주간 소식 1호");
        String visible = browser.findElement(By.tagName("body")).getText();
        assertThat(visible).contains("웹에서 보기").contains("AI 뉴스레터").contains("1. 프롬프트: DeepSeek")
                .contains("이번 레터 어떠셨나요?").contains("댓글 남기기").contains("구독 해지").contains("구독 설정")
                .doesNotContain("딥시크와 이번 주의 도구들딥시크") // the hidden preheader stays hidden
                .doesNotContain("작가에게 커피 보내기"); // this publication takes no tips
        chromium.screenshot("issue-email-ko.png");

    }
}
