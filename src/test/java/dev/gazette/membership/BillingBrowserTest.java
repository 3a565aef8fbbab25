package dev.gazette.membership;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import dev.gazette.core.SignedTokens;
import dev.gazette.testing.Browser;
import dev.gazette.testing.Chromium;
import dev.gazette.testing.Db;

/**
 * Toss and refunds in Debian's headless Chromium: a reader registers a card in Toss's window (a
 * stand-in script served by WireMock answers as Toss would, sending the browser back with an
 * authKey) and is a member; the writer refunds part of that charge from the member's charges page;
 * the reader's receipts show it. Each page checked by axe, at a computer's and a phone's width.
 * Skipped without the browser, except under {@code CI=true}.
 */
@QuarkusTest
@ExtendWith(Browser.class)
class BillingBrowserTest {

    @Inject
    DataSource db;

    @Inject
    SignedTokens tokens;

    @Test
    void aReaderRegistersACardWithTossAndTheWriterRefundsPartOfTheCharge(Chromium chromium) throws IOException {
        WebDriver browser = chromium.driver();
        Members.Pub pub = Members.monthly("TossWalk");
        Members.Reader reader = Members.reader(db, tokens, pub);
        String checkout = Billed.pendingCheckout(pub, reader, TossBilling.NAME);
        Billed.TossCard card = Billed.tossCard(checkout);
        // Toss's window, played by a script: registered, it sends the reader back with the authKey
        Billed.wiremock().stubFor(get(urlEqualTo("/toss-sdk.js")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/javascript").withBody("""
                        window.TossPayments = function (clientKey) {
                          return { payment: function (options) { return { requestBillingAuth: function (request) {
                            window.location.href = request.successUrl + '?customerKey='
                              + encodeURIComponent(options.customerKey) + '&authKey=%s';
                            return new Promise(function () {});
                          } }; } };
                        };""".formatted(card.authKey()))));
        browser.manage().deleteAllCookies();

        chromium.open("/checkout/membership/" + checkout + "/toss");
        chromium.checkPage("toss-card");
        browser.findElement(By.id("toss-button")).click();
        chromium.waitFor(d -> !d.findElements(By.cssSelector("#checkout-status[data-status=paid]")).isEmpty());
        chromium.checkPage("toss-paid");
        assertThat(Members.state(db, reader)).isEqualTo("active");

        long charge = Long.parseLong(Db.text(db, "SELECT CAST(c.id AS text) FROM membership_charge c JOIN membership m"
                + " ON m.id = c.membership_id WHERE m.subscriber_id = ?", reader.id()));
        Billed.wiremock().stubFor(post(urlEqualTo("/v1/payments/" + card.payment() + "/cancel")).willReturn(Billed.json(
                "{\"paymentKey\":\"" + card.payment()
                        + "\",\"status\":\"PARTIAL_CANCELED\",\"cancels\":[{\"cancelAmount\":2000,"
                        + "\"transactionKey\":\"tx_walk\"}]}")));
        chromium.logIn(pub.scenario().token());
        chromium.open("/studio/publications/" + pub.slug() + "/members");
        browser.findElement(By.cssSelector("a[href$='/members/" + reader.id() + "/charges']")).click();
        chromium.waitFor(d -> !d.findElements(By.id("charges")).isEmpty());
        chromium.checkPage("member-charges");
        browser.findElement(By.id("amount-" + charge)).clear();
        browser.findElement(By.id("amount-" + charge)).sendKeys("2000");
        browser.findElement(By.id("reason-" + charge)).sendKeys("배송 지연");
        browser.findElement(By.id("refund-" + charge)).click();
        chromium.waitFor(d -> !d.findElements(By.id("refund-saved")).isEmpty());
        chromium.checkPage("member-refunded");
        assertThat(Db.count(db, "SELECT count(*) FROM membership_refund WHERE charge_id = ? AND amount = 2000"
                + " AND provider_ref = 'tx_walk'", charge)).isOne();

        chromium.open("/preferences/" + tokens.sign("subscriber-preferences", reader.id()) + "#membership");
        assertThat(browser.findElement(By.id("receipts")).getText()).contains("2000 KRW 환불됨");
        chromium.checkPage("receipts-refunded");
        Db.execute(db, "UPDATE membership SET state = 'ended' WHERE subscriber_id = ?", reader.id());
    }
}
