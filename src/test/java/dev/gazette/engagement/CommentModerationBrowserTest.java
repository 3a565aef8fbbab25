package dev.gazette.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import dev.gazette.testing.Api;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;
import dev.gazette.testing.Db;

/**
 * The writer moderates in headless Chromium: holds readers' comments for approval from the
 * comments page, finds a held comment in the queue by links from the studio, approves it and sees
 * it on the issue's web page; then the account menu switches the studio to Korean and opens the
 * account settings. Each page is checked with axe and kept as a screenshot on a desktop and on a
 * phone under {@code target/screenshots/moderation-*}.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class CommentModerationBrowserTest {

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
    void theWriterApprovesAHeldCommentAndReadersSeeIt() throws IOException {
        Readers.Sent sent = Readers.sentIssue("Moderated");
        String comments = "/studio/publications/" + sent.publication() + "/comments";
        browser.manage().window().setSize(Chromium.DESKTOP);
        chromium.logIn(sent.writer().token());

        // from the studio to the publication's comments, by links; every reader's comment is held from now on
        chromium.open("/studio");
        browser.findElement(By.cssSelector("a[href='/studio/publications/" + sent.publication() + "/settings']")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("/settings"));
        browser.findElement(By.cssSelector("nav.tabs a[href='" + comments + "']")).click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith(comments));
        browser.findElement(By.cssSelector("input[name=commentModeration][value=all]")).click();
        browser.findElement(By.cssSelector("form[action='" + comments + "'] button[type=submit]")).click();
        chromium.waitFor(d -> d.getCurrentUrl().contains("saved=1"));
        assertThat(Db.text(db, "SELECT comment_moderation FROM publication WHERE slug = ?", sent.publication()))
                .isEqualTo("all");
        check("settings");

        // a reader comments from their email's link: held, not on the page
        long id = Api.anonymous().body(Map.of("body", "승인을 기다리는 첫 댓글", "token", sent.readerToken()))
                .post(sent.page() + "/comments").then().statusCode(201).extract().jsonPath().getLong("id");
        chromium.open(sent.page());
        assertThat(browser.findElement(By.id("comments")).getText()).doesNotContain("승인을 기다리는 첫 댓글");
        chromium.consoleErrors(); // the public page's own loads are not the studio's

        // the queue opens on what waits
        chromium.open(comments);
        assertThat(browser.findElement(By.cssSelector("#comment-tabs [aria-current=page]")).getText())
                .isEqualTo("Awaiting approval (1)");
        assertThat(browser.findElement(By.id("comment-" + id)).getText()).contains("승인을 기다리는 첫 댓글")
                .contains(sent.email());
        check("queue");
        browser.findElement(By.id("approve-" + id)).click();
        chromium.waitFor(d -> d.getCurrentUrl().contains("done=approved"));
        assertThat(browser.findElement(By.id("done")).getText()).contains("Approved");
        assertThat(Db.text(db, "SELECT status FROM comment WHERE id = ?", id)).isEqualTo("visible");
        check("approved");

        // readers see it on the issue's page
        chromium.open(sent.page());
        chromium.waitFor(d -> d.findElement(By.id("comments")).getText().contains("승인을 기다리는 첫 댓글"));
        chromium.consoleErrors();

        // the account menu: Korean for this browser, then the account's settings
        chromium.open(comments + "?status=visible");
        browser.findElement(By.cssSelector("#account-menu summary")).click();
        check("account-menu");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("language"))).selectByValue("ko");
        browser.findElement(By.cssSelector("form.language button")).click();
        chromium.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("댓글"));
        assertThat(browser.getCurrentUrl()).endsWith(comments + "?status=visible");
        browser.findElement(By.cssSelector("#account-menu summary")).click();
        browser.findElement(By.cssSelector("#account-menu a[href='/studio/account']")).click();
        chromium.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("계정 설정"));
        assertThat(browser.findElement(By.id("tokens")).getText()).isEqualTo("로그인과 API 토큰");
        check("account");
    }

    /** The browser is shared by every test: the next one starts in the browser's own language. */
    @AfterEach
    void forgetTheLanguage() {
        browser.manage().deleteCookieNamed("gazette_lang");
    }

    private void check(String name) throws IOException {
        chromium.checkPage(String.format("moderation-%02d-%s", ++step, name));
    }
}
