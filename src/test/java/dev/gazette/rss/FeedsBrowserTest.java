package dev.gazette.rss;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import dev.gazette.rss.FeedServer.Item;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;
import dev.gazette.testing.Scenario;

/**
 * The feed pages in Debian's headless Chromium: a writer follows their blog's feed (asking for the
 * newest post too), fetches it, sees the posts and the draft the newest became; a refused address
 * comes back with why; a failing feed says what went wrong in words. Desktop and phone screenshots,
 * axe on each page. Skipped without the browser, except under {@code CI=true}.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class FeedsBrowserTest {

    @Test
    void aWriterFollowsAFeedFetchesItAndSeesItsPostsAndTheirDrafts(Chromium chromium) throws IOException {
        WebDriver browser = chromium.driver();
        Function<String, Boolean> shown = id -> !browser.findElements(By.id(id)).isEmpty();
        Scenario writer = Scenario.writer("FeedPages");
        String path = FeedServer.path();
        Instant day = Instant.parse("2026-11-20T09:00:00Z");
        FeedServer.serve(path, FeedServer.rss(
                new Item("n", "https://blog.example.com/new", "새 글: 봄의 시작", "<p>봄이 왔습니다.</p>", day),
                new Item("o", "https://blog.example.com/old", "지난 글", "<p>지난 이야기</p>", day.minusSeconds(86400))));
        browser.manage().deleteAllCookies();
        chromium.logIn(writer.token());
        chromium.open("/studio/publications/" + writer.slug() + "/feeds");
        assertThat(shown.apply("no-feeds")).isTrue();
        chromium.checkPage("feeds-empty");

        // an address that is not http(s) comes back with why, as typed
        browser.findElement(By.id("f-url")).sendKeys("ftp://blog.example.com/feed.xml");
        browser.findElement(By.cssSelector("#follow-feed button[type=submit]")).click();
        chromium.waitFor(d -> shown.apply("feed-error"));
        assertThat(browser.findElement(By.id("f-url")).getAttribute("value")).isEqualTo("ftp://blog.example.com/feed.xml");
        assertThat(chromium.consoleErrors()).singleElement().asString().contains("422");
        chromium.screenshot("feeds-refused.png");

        browser.findElement(By.id("f-url")).clear();
        browser.findElement(By.id("f-url")).sendKeys(FeedServer.url(path));
        browser.findElement(By.cssSelector("#follow-feed input[name=includeLatest]")).click();
        browser.findElement(By.cssSelector("#follow-feed button[type=submit]")).click();
        chromium.waitFor(d -> shown.apply("fetch-now"));
        assertThat(shown.apply("no-items")).isTrue();
        browser.findElement(By.id("fetch-now")).click();
        chromium.waitFor(d -> shown.apply("items"));
        assertThat(browser.findElement(By.id("notice")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector("#items tr[data-state=backlog]"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#items tr[data-state=drafted] a[href$='/edit']"))).hasSize(1);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("The Blog");
        chromium.checkPage("feed");

        chromium.open("/studio/publications/" + writer.slug() + "/feeds");
        assertThat(browser.findElements(By.cssSelector("#feeds tbody tr"))).hasSize(1);
        chromium.checkPage("feeds");

        // a feed whose server fails says so in words, with the server's reason
        String broken = FeedServer.path();
        FeedServer.server().stubFor(get(urlEqualTo(broken)).willReturn(aResponse().withStatus(503)));
        long failing = FeedApi.follow(writer, java.util.Map.of("url", FeedServer.url(broken), "mode", "digest",
                "digestEvery", "daily", "digestTime", "07:00"));
        chromium.open("/studio/publications/" + writer.slug() + "/feeds/" + failing);
        browser.findElement(By.id("fetch-now")).click();
        chromium.waitFor(d -> shown.apply("last-error"));
        assertThat(browser.findElement(By.id("last-error")).getText()).contains("503");
        assertThat(shown.apply("next-digest")).isTrue();
        chromium.checkPage("feed-failing");
    }
}
