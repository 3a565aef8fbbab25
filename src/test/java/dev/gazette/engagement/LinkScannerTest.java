package dev.gazette.engagement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.core.GazetteConfig;
import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

/**
 * Mail scanners (Safe Links and the like) fetch every link of a message, with GET and HEAD,
 * following redirects: they must confirm nothing, rate nothing and unsubscribe no one, while a
 * person still gets there with one press of a button.
 */
@QuarkusTest
class LinkScannerTest {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

    @Inject
    DataSource db;

    @Inject
    GazetteConfig gazette;

    @Test
    void scanningTheConfirmationMailConfirmsNothing() {
        Api.Account writer = Api.writer("Scanned");
        String slug = Api.publication(writer.token());
        String email = Api.uniqueEmail("scanned");
        Readers.browser(Api.randomClient()).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("email", email).post("/p/" + slug + "/subscribe").then().statusCode(200);
        CapturedMessage confirmation = Readers.mail(email, text -> text.contains("/confirm/"));

        assertThat(scan(confirmation)).anyMatch(path -> path.startsWith("/confirm/"));
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber s JOIN consent c ON c.subscriber_id = s.id "
                + "WHERE s.email = ? AND s.status = 'pending' AND c.confirmed_at IS NULL", email)).isOne();

        // a person: the page, then its one button
        String confirm = Readers.link(confirmation, "/confirm/");
        String client = Api.randomClient();
        Readers.Page page = Readers.open(client, confirm, null);
        assertThat(page.csrf()).isNotNull();
        Readers.postForm(client, page, confirm, Map.of()).then().statusCode(200);
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ? AND status = 'active'", email)).isOne();
    }

    @Test
    void scanningAnIssueMailRatesNothingAndUnsubscribesNoOne() {
        Readers.Sent sent = Readers.sentIssue("ScannedIssue", Map.of("tipPrice", 1000));
        CapturedMessage issue = Readers.mail(sent.email(), text -> text.contains("/feedback/"));

        Set<String> fetched = scan(issue);
        assertThat(fetched).anyMatch(path -> path.contains("rating=good")).anyMatch(path -> path.contains("rating=bad"))
                .anyMatch(path -> path.startsWith("/unsubscribe/")).anyMatch(path -> path.startsWith("/preferences/"));
        assertThat(Db.count(db, "SELECT count(*) FROM feedback WHERE issue_id = ?", sent.issueId())).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE email = ? AND status = 'active'", sent.email()))
                .isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM comment WHERE issue_id = ?", sent.issueId())).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM tip WHERE issue_id = ?", sent.issueId())).isZero();

        // a person: the rating preselected, one press records it
        String client = Api.randomClient();
        Readers.Page page = Readers.open(client, sent.feedbackPath() + "?rating=okay", null);
        Readers.postForm(client, page, sent.feedbackPath(), Map.of("rating", "okay")).then().statusCode(200);
        assertThat(Db.count(db, "SELECT count(*) FROM feedback WHERE issue_id = ? AND rating = 'okay'", sent.issueId()))
                .isOne();
    }

    @Test
    void scanningANoteConfirmationDeliversNothing() {
        Readers.Sent sent = Readers.sentIssue("ScannedNote");
        String secret = "scanned note " + java.util.UUID.randomUUID();
        String reader = Api.uniqueEmail("noter");
        String client = Api.randomClient();
        Readers.Page page = Readers.open(client, sent.page(), null);
        Readers.postForm(client, page, "/p/" + sent.publication() + "/notes", Map.of("email", reader, "message", secret))
                .then().statusCode(200);

        assertThat(scan(Readers.mail(reader, text -> text.contains("/notes/confirm/"))))
                .anyMatch(path -> path.startsWith("/notes/confirm/"));
        assertThat(Db.count(db, "SELECT count(*) FROM reader_note WHERE message = ? AND status = 'pending'", secret)).isOne();
    }

    /**
     * Fetches every link of the message to this service with GET and HEAD, following redirects
     * within it, as a scanner does; returns the paths fetched.
     */
    private Set<String> scan(CapturedMessage message) {
        Set<String> paths = new LinkedHashSet<>();
        String text = message.htmlPart().orElse("").replace("&amp;", "&") + "\n" + message.textPart().orElse("");
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            String path = local(m.group());
            if (path != null) {
                paths.add(path);
            }
        }
        Set<String> fetched = new LinkedHashSet<>();
        for (String path : paths) {
            for (String method : new String[]{"GET", "HEAD"}) {
                String next = path;
                for (int hop = 0; next != null && hop < 5; hop++) {
                    fetched.add(next);
                    Response response = given().header("X-Forwarded-For", Api.randomClient())
                            .header("User-Agent", "Mozilla/5.0 (compatible; SafeLinks scanner)").redirects().follow(false)
                            .request(method, next);
                    String location = response.getHeader("Location");
                    next = location == null ? null : local(location);
                }
            }
        }
        return fetched;
    }

    /** The path and query of a link to this service; null for any other site. */
    private String local(String url) {
        if (url.startsWith("/")) {
            return url;
        }
        String base = gazette.baseUrl().toString().replaceAll("/+$", "");
        return url.startsWith(base + "/") ? url.substring(base.length()) : null;
    }
}
