package dev.gazette.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.function.Function;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import dev.gazette.testing.Api;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;

/**
 * The sender domain pages in Debian's headless Chromium: a writer adds a domain, reads the records
 * to publish, publishes them and checks; the page says what was found, on a desktop and on a phone.
 * Skipped without the browser, except under {@code CI=true}.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class DomainsBrowserTest {

    @Test
    void aWriterAddsADomainPublishesItsRecordsAndSeesItVerified(Chromium chromium) throws IOException {
        WebDriver browser = chromium.driver();
        Function<String, Boolean> shown = id -> !browser.findElements(By.id(id)).isEmpty();
        Api.Account writer = Api.writer("Domains");
        browser.manage().deleteAllCookies();
        chromium.logIn(writer.token());
        chromium.open("/studio/domains");
        assertThat(browser.findElement(By.id("domains-empty")).isDisplayed()).isTrue();
        chromium.checkPage("domains-empty");

        browser.findElement(By.id("f-domain")).sendKeys("gazette.localhost");
        browser.findElement(By.cssSelector("#new-domain button[type=submit]")).click();
        chromium.waitFor(d -> shown.apply("form-error"));
        assertThat(browser.findElement(By.id("f-domain")).getAttribute("aria-invalid")).isEqualTo("true");
        chromium.screenshot("domains-refused.png");
        // a 422 page: the console reports its status, and only that
        assertThat(chromium.consoleErrors()).singleElement().asString().contains("422");

        String domain = SenderDomainsTest.uniqueDomain();
        browser.findElement(By.id("f-domain")).clear();
        browser.findElement(By.id("f-domain")).sendKeys(domain);
        browser.findElement(By.cssSelector("#new-domain button[type=submit]")).click();
        chromium.waitFor(d -> shown.apply("records"));
        assertThat(browser.findElement(By.id("state")).getAttribute("data-state")).isEqualTo("pending");
        assertThat(browser.findElements(By.cssSelector("#records tbody tr"))).hasSize(4);
        chromium.checkPage("domain-pending");

        JsonPath records = Api.as(writer.token()).get("/api/v1/domains/" + domain).then().statusCode(200).extract()
                .jsonPath();
        SenderDomainsTest.publish(records, "dkim", "spf", "dmarc", "return_path");
        browser.findElement(By.id("verify")).click();
        chromium.waitFor(d -> shown.apply("notice"));
        assertThat(browser.findElement(By.id("state")).getAttribute("data-state")).isEqualTo("verified");
        assertThat(browser.findElements(By.cssSelector("#records tbody tr[data-status=ok]"))).hasSize(4);
        chromium.checkPage("domain-verified");

        chromium.open("/studio/domains");
        assertThat(browser.findElement(By.cssSelector("#domains tr[data-domain='" + domain + "']")).getAttribute("data-state"))
                .isEqualTo("verified");
        chromium.checkPage("domains");
    }
}
