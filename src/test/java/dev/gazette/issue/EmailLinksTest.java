package dev.gazette.issue;

import static dev.gazette.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;

/** The links of a real issue email, received over SMTP and followed as its reader. */
@QuarkusTest
class EmailLinksTest {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");
    private static final Pattern READER = Pattern.compile("\\?r=([A-Za-z0-9_\\-.]+)");

    @Inject
    DataSource dataSource;

    record Received(String publication, String issueSlug, long subscriberId, CapturedMessage mail) {
    }

    /** A publication (with {@code fields} patched in), one subscriber, and an issue sent to them. */
    private Received send(Map<String, Object> fields) {
        Api.Account writer = Api.writer("Linker");
        String publication = Api.publication(writer.token());
        if (!fields.isEmpty()) {
            as(writer.token()).body(fields).patch("/api/v1/publications/" + publication).then().statusCode(200);
        }
        String email = Api.uniqueEmail("reader");
        long subscriber = ((Number) as(writer.token()).body(Map.of("email", email, "name", "민지"))
                .post("/api/v1/publications/" + publication + "/subscribers").then().statusCode(201).extract()
                .path("id")).longValue();
        String slug = "letter-" + UUID.randomUUID().toString().substring(0, 8);
        String title = "Letter " + slug;
        long issue = ((Number) as(writer.token()).body(Map.of("title", title, "slug", slug, "bodyMarkdown", "안녕하세요."))
                .post("/api/v1/publications/" + publication + "/issues").then().statusCode(201).extract().path("id"))
                .longValue();
        as(writer.token()).body(Map.of()).post("/api/v1/publications/" + publication + "/issues/" + issue + "/send")
                .then().statusCode(202);
        CapturedMessage mail = Mailbox.catcher().await(m -> m.recipients().contains(email) && m.subject().equals(title),
                Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("the issue did not reach " + email));
        return new Received(publication, slug, subscriber, mail);
    }

    private static List<String> links(CapturedMessage mail) {
        List<String> links = new ArrayList<>();
        Matcher m = HREF.matcher(mail.htmlPart().orElseThrow());
        while (m.find()) {
            links.add(m.group(1).replace("&amp;", "&"));
        }
        return links;
    }

    private static String link(List<String> links, String ending) {
        return links.stream().filter(l -> l.contains("/feedback/") && l.endsWith(ending)).findFirst()
                .orElseThrow(() -> new AssertionError("no link ending in " + ending + " in " + links));
    }

    /** Follows a link from the mail: a redirect to the issue's web page as its reader; the reader token. */
    private static String follow(String url, Received received, String anchor) {
        String path = url.replaceFirst("^https?://[^/]+", "");
        Response redirect = given().redirects().follow(false).get(path);
        redirect.then().statusCode(303);
        String location = redirect.header("Location");
        assertThat(location).contains("/p/" + received.publication() + "/" + received.issueSlug() + "?r=")
                .endsWith(anchor);
        given().get(location.replaceFirst("^https?://[^/]+", "").replaceFirst("#.*$", "")).then().statusCode(200);
        Matcher m = READER.matcher(location);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void theWebVersionAndCommentLinksLetTheReaderCommentAndLikeAtOnce() {
        Received received = send(Map.of());
        List<String> links = links(received.mail());
        String text = received.mail().textPart().orElseThrow();
        assertThat(text).contains("댓글 남기기");

        String fromWeb = follow(link(links, "/web"), received, "");
        String fromComments = follow(link(links, "/comments"), received, "#comments");
        assertThat(fromWeb).isEqualTo(fromComments);

        // the default policy lets only subscribers comment: the token from the mail is enough
        String page = "/p/" + received.publication() + "/" + received.issueSlug();
        Api.anonymous().body(Map.of("body", "메일에서 바로 남긴 댓글", "token", fromWeb)).post(page + "/comments").then()
                .statusCode(201).body("status", equalTo("visible"));
        Api.anonymous().body(Map.of("token", fromComments)).post(page + "/like").then().statusCode(200)
                .body("liked", equalTo(true)).body("count", equalTo(1));
        assertThat(Db.count(dataSource, "SELECT count(*) FROM comment WHERE subscriber_id = ? AND body_markdown = ?",
                received.subscriberId(), "메일에서 바로 남긴 댓글")).isEqualTo(1);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM issue_like WHERE subscriber_id = ?",
                received.subscriberId())).isEqualTo(1);
    }

    @Test
    void theCoffeeIsOfferedOnlyWhenThePublicationTakesTips() {
        Received without = send(Map.of());
        assertThat(links(without.mail())).noneMatch(l -> l.endsWith("/tip"));
        assertThat(without.mail().htmlPart().orElseThrow()).doesNotContain("커피");
        assertThat(without.mail().textPart().orElseThrow()).doesNotContain("커피").doesNotContain("/tip");

        Received with = send(Map.of("tipPrice", 5000));
        assertThat(with.mail().textPart().orElseThrow()).contains("작가에게 커피 보내기");
        String reader = follow(link(links(with.mail()), "/tip"), with, "#tip");
        Api.anonymous().body(Map.of("coffees", 2, "token", reader))
                .post("/p/" + with.publication() + "/" + with.issueSlug() + "/tips").then().statusCode(201);
        assertThat(Db.count(dataSource, "SELECT count(*) FROM tip WHERE subscriber_id = ?", with.subscriberId()))
                .isEqualTo(1);
    }
}
