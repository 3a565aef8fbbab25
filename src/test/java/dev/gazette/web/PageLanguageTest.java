package dev.gazette.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.PublicPages;

/** A publication's pages speak its language, their footer included. */
@QuarkusTest
class PageLanguageTest {

    /** The pages that belong to one publication (the checkout is the sandbox provider's, the rest the platform's). */
    private static final List<String> PUBLICATION_PAGES = List.of("publication page and archive", "issue web version",
            "subscription confirmation", "unsubscribe page", "preferences page", "feedback thanks",
            "membership join page as its reader", "membership sandbox checkout page");

    private static Document fetch(String path) {
        return Jsoup.parse(given().get(path).then().statusCode(200).extract().asString());
    }

    @Test
    void everyPageOfAKoreanPublicationIsKoreanDownToTheFooter() {
        PublicPages data = PublicPages.create("ko");
        for (String name : PUBLICATION_PAGES) {
            Document page = fetch(data.pages().get(name));
            assertThat(page.selectFirst("html").attr("lang")).as(name).isEqualTo("ko");
            String footer = page.select("body > footer").text();
            assertThat(footer).as(name).contains("이용약관").contains("개인정보처리방침").doesNotContain("Terms")
                    .doesNotContain("Privacy");
        }
    }

    @Test
    void anEnglishPublicationsPagesAreEnglish() {
        PublicPages data = PublicPages.create("en");
        for (String name : PUBLICATION_PAGES) {
            Document page = fetch(data.pages().get(name));
            assertThat(page.selectFirst("html").attr("lang")).as(name).isEqualTo("en");
            assertThat(page.select("body > footer").text()).as(name).contains("Terms").doesNotContain("이용약관");
        }
    }
}
