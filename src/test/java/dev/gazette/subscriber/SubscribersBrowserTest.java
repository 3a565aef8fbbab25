package dev.gazette.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import dev.gazette.engagement.Readers;
import dev.gazette.testing.Api;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;
import dev.gazette.testing.Db;

/**
 * A writer's audience in headless Chromium: import a CSV with bad lines and read the report, find
 * one reader among 100,000 subscribers by the beginning of their address, open them and erase them,
 * and see their comment stay on the issue's page without their name. Each page is checked with axe
 * and kept as a screenshot on a desktop and on a phone under {@code target/screenshots/audience-*}.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class SubscribersBrowserTest {

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
    void theWriterImportsFindsAndErasesAReaderAmongAHundredThousand() throws IOException {
        Readers.Sent sent = Readers.sentIssue("Audience");
        Api.anonymous().body(Map.of("body", "다음 호도 기대할게요", "token", sent.readerToken()))
                .post(sent.page() + "/comments").then().statusCode(201);
        // 100,000 more subscribers in one statement
        Db.execute(db, "INSERT INTO subscriber (publication_id, email, email_hash, name, status, created_at, updated_at) "
                + "SELECT p.id, 'crowd' || g || '@example.com', md5(g::text) || md5(p.slug), 'Crowd ' || g, 'active', now(), now() "
                + "FROM publication p CROSS JOIN generate_series(1, 100000) g WHERE p.slug = ?", sent.publication());
        String base = "/studio/publications/" + sent.publication() + "/subscribers";
        browser.manage().window().setSize(Chromium.DESKTOP);
        chromium.logIn(sent.writer().token());

        // from the studio to the publication's subscribers, by links
        chromium.open("/studio");
        browser.findElement(By.cssSelector("a[href='/studio/publications/" + sent.publication() + "/settings']")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/settings"));
        browser.findElement(By.cssSelector("nav.tabs a[href='" + base + "']")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith(base));
        assertThat(browser.findElement(By.id("count-active")).getText()).isEqualTo("100,001");
        check("list");

        // an import with bad lines, and its report
        browser.findElement(By.cssSelector("a[href='" + base + "/import']")).click();
        chromium.waitFor(d -> !d.findElements(By.id("f-file")).isEmpty());
        check("import");
        Path csv = Files.createTempFile("subscribers", ".csv");
        Files.writeString(csv, "email,name\nnew-1@example.com,하나\nnot-an-address,둘\nnew-2@example.com,셋\n,넷\n",
                StandardCharsets.UTF_8);
        browser.findElement(By.id("f-file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("form#import button[type=submit]")).click();
        chromium.waitFor(d -> !d.findElements(By.id("bad-lines")).isEmpty());
        assertThat(browser.findElement(By.id("created")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.id("bad-lines")).getText())
                .contains("Line 3 the address is not a valid email address")
                .contains("Line 5 the address is missing");
        check("import-report");

        // one reader among 100,000, by the beginning of their address
        browser.findElement(By.cssSelector("main a.button[href='" + base + "']")).click();
        chromium.waitFor(d -> !d.findElements(By.name("q")).isEmpty());
        browser.findElement(By.name("q")).sendKeys(sent.email().substring(0, 14));
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        chromium.waitFor(d -> d.getCurrentUrl().contains("q="));
        assertThat(browser.findElements(By.cssSelector("#subscribers tbody tr"))).hasSize(1);
        check("search");

        // their page, then the erasure's page, which says what goes
        browser.findElement(By.linkText(sent.email())).click();
        chromium.waitFor(d -> !d.findElements(By.id("comments")).isEmpty());
        assertThat(browser.findElement(By.id("comments")).getText()).contains("다음 호도 기대할게요");
        check("subscriber");
        browser.findElement(By.cssSelector("a[href$='/erase']")).click();
        chromium.waitFor(d -> !d.findElements(By.id("kept")).isEmpty());
        assertThat(browser.findElement(By.id("kept")).getText()).contains("1 comment stays");
        check("erase");
        browser.findElement(By.cssSelector("main form button.danger")).click();
        chromium.waitFor(d -> d.getCurrentUrl().contains("done=erased"));
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ?", sent.email())).isZero();

        // the comment stays on the issue's page, without the reader's name
        chromium.open(sent.page());
        String comments = browser.findElement(By.id("comments")).getText();
        assertThat(comments).contains("다음 호도 기대할게요").doesNotContain("민지");
        chromium.consoleErrors(); // the public page's own loads (its favicon) are not the studio's

        // the form that adds one subscriber
        chromium.open(base + "/new");
        check("add");
    }

    private void check(String name) throws IOException {
        chromium.checkPage(String.format("audience-%02d-%s", ++step, name));
    }
}
