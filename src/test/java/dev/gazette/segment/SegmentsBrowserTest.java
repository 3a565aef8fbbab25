package dev.gazette.segment;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

import dev.gazette.testing.Api;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;
import dev.gazette.testing.Scenario;

/**
 * The segment pages in Debian's headless Chromium: a writer builds a segment whose count follows the
 * conditions as they are typed, saves it, sees its members and its numbers on the list, and picks it
 * on an issue's send page, which counts its audience. On a desktop and on a phone. Skipped without
 * the browser, except under {@code CI=true}.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class SegmentsBrowserTest {

    @Test
    void aWriterBuildsASegmentWatchingItsCountAndSendsToIt(Chromium chromium) throws IOException {
        WebDriver browser = chromium.driver();
        Scenario s = Scenario.writer("Segments");
        for (String city : List.of("Seoul", "Seoul", "Busan")) {
            as(s.token()).body(Map.of("email", Api.uniqueEmail(city.toLowerCase()), "name", city + " reader", "tags",
                    List.of("news"), "attributes", Map.of("city", city))).post(s.subscribersPath()).then().statusCode(201);
        }
        long issue = s.issue(Map.of("title", "For Seoul"));
        String studio = "/studio/publications/" + s.slug();
        browser.manage().deleteAllCookies();
        chromium.logIn(s.token());
        chromium.open(studio + "/segments");
        assertThat(browser.findElements(By.id("segments"))).isEmpty();
        chromium.checkPage("segments-empty");

        browser.findElement(By.id("new-segment")).click();
        chromium.waitFor(d -> !d.findElements(By.id("segment-form")).isEmpty());
        // everyone, counted as soon as the editor opens
        try {
            chromium.waitFor(d -> d.findElement(By.id("live-count")).getText().startsWith("3 match"));
        } catch (RuntimeException e) {
            throw new AssertionError("live count: \"" + browser.findElement(By.id("live-count")).getText() + "\", console "
                    + chromium.consoleErrors(), e);
        }
        browser.findElement(By.id("f-name")).sendKeys("Seoul readers");
        new Select(browser.findElement(By.id("c-1"))).selectByValue("attribute:equals");
        assertThat(browser.findElement(By.id("k-1")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("k-2")).isDisplayed()).isFalse();
        browser.findElement(By.id("k-1")).sendKeys("city");
        browser.findElement(By.id("v-1")).sendKeys("Seoul");
        chromium.waitFor(d -> d.findElement(By.id("live-count")).getText().startsWith("2 match"));
        // a second condition, incomplete: the count says what is missing instead of a number
        browser.findElement(By.id("add-condition")).click();
        assertThat(browser.findElement(By.id("c-2")).isDisplayed()).isTrue();
        new Select(browser.findElement(By.id("c-2"))).selectByValue("engagement:opened");
        chromium.waitFor(d -> d.findElement(By.id("live-count")).getText().contains("Condition 2"));
        new Select(browser.findElement(By.id("c-2"))).selectByValue("");
        chromium.waitFor(d -> d.findElement(By.id("live-count")).getText().startsWith("2 match"));
        chromium.checkPage("segment-editor");

        browser.findElement(By.id("save")).click();
        chromium.waitFor(d -> !d.findElements(By.cssSelector("p.notice")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#member-list tbody tr"))).hasSize(2);
        assertThat(browser.findElement(By.id("live-count")).getText()).startsWith("2 subscribers match");
        chromium.checkPage("segment-saved");

        chromium.open(studio + "/segments");
        assertThat(browser.findElement(By.cssSelector("#segments tbody tr")).getText()).contains("Seoul readers")
                .contains("2");
        chromium.checkPage("segments");

        chromium.open(studio + "/issues/" + issue + "/send");
        new Select(browser.findElement(By.id("f-segment"))).selectByVisibleText("Seoul readers");
        chromium.waitFor(d -> d.findElement(By.id("audience")).getText().contains("Seoul readers"));
        assertThat(browser.findElement(By.id("audience")).getText()).contains("2 subscribers");
        chromium.checkPage("send-to-segment");
    }
}
