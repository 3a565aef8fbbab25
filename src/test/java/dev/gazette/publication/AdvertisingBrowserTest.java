package dev.gazette.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import dev.gazette.testing.Api;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;
import dev.gazette.testing.Scenario;

/**
 * The advertising settings in Debian's headless Chromium: from the publication's settings, the
 * writer names the sender's contact, makes every issue advertising, and finds the mark in the
 * editor; on a desktop and on a phone. Skipped without the browser, except under {@code CI=true}.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class AdvertisingBrowserTest {

    @Test
    void aWriterTurnsAdvertisingOnFromTheSettingsAndSeesTheMarkInTheEditor(Chromium chromium) throws IOException {
        WebDriver browser = chromium.driver();
        Scenario writer = Scenario.writer("Advertiser");
        long issue = writer.issue(java.util.Map.of("title", "봄 할인"));
        browser.manage().deleteAllCookies();
        chromium.logIn(writer.token());
        chromium.open("/studio/publications/" + writer.slug() + "/settings");
        browser.findElement(By.id("advertising-link")).click();
        chromium.waitFor(d -> !d.findElements(By.id("advertising-off")).isEmpty());
        chromium.checkPage("advertising-off");

        browser.findElement(By.id("f-contact")).sendKeys("02-123-4567");
        browser.findElement(By.name("everyIssue")).click();
        browser.findElement(By.cssSelector("#advertising-form button[type=submit]")).click();
        chromium.waitFor(d -> !d.findElements(By.id("notice")).isEmpty());
        assertThat(browser.findElements(By.id("advertising-off"))).isEmpty();
        assertThat(browser.findElement(By.id("f-contact")).getAttribute("value")).isEqualTo("02-123-4567");
        assertThat(browser.findElement(By.name("everyIssue")).isSelected()).isTrue();
        chromium.checkPage("advertising-on");

        chromium.open("/studio/publications/" + writer.slug() + "/issues/" + issue + "/edit");
        assertThat(browser.findElement(By.id("f-advertising")).isDisplayed()).isTrue();
        chromium.checkPage("advertising-editor");
        assertThat(Api.as(writer.token()).get("/api/v1/publications/" + writer.slug() + "/advertising").then()
                .statusCode(200).extract().<Boolean>path("everyIssue")).isTrue();
    }
}
