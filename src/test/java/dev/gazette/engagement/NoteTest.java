package dev.gazette.engagement;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.Mailbox;

/** Private notes to the writer: confirmed by email, shown to the writer, never on a public page. */
@QuarkusTest
class NoteTest {

    @Inject
    DataSource db;

    @Test
    void aConfirmedNoteReachesTheWriterAndNoPublicPage() {
        Readers.Sent sent = Readers.sentIssue("Noted");
        String secret = "비밀 노트 " + java.util.UUID.randomUUID();
        String reader = Api.uniqueEmail("noter");
        String client = Api.randomClient();
        Readers.Page page = Readers.open(client, sent.page(), null);
        Readers.postForm(client, page, "/p/" + sent.publication() + "/notes", Map.of("email", reader, "message", secret))
                .then().statusCode(200);
        as(sent.writer().token()).get("/api/v1/publications/" + sent.publication() + "/notes").then().body("$", hasSize(0));

        String confirm = Readers.link(Readers.mail(reader, text -> true), "/notes/confirm/");
        Readers.Page confirmPage = Readers.open(client, confirm, page.cookie());
        assertThat(Db.count(db, "SELECT count(*) FROM reader_note WHERE message = ? AND status = 'pending'", secret)).isOne();
        Readers.postForm(client, confirmPage, confirm, Map.of()).then().statusCode(200);
        Readers.postForm(client, confirmPage, confirm, Map.of()).then().statusCode(200); // twice: one note, one mail

        as(sent.writer().token()).get("/api/v1/publications/" + sent.publication() + "/notes").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].message", equalTo(secret)).body("[0].email", equalTo(reader));
        Readers.mail(sent.writer().email(), text -> text.contains(secret));
        assertThat(Mailbox.to(sent.writer().email()).stream().filter(m -> m.textPart().orElse("").contains(secret)))
                .hasSize(1);

        // nowhere public: not the publication's page, not the issue's page, not the comments, no listing
        for (String path : new String[]{"/p/" + sent.publication(), sent.page(), sent.page() + "/comments",
                "/p/" + sent.publication() + "/feed.xml"}) {
            String body = Readers.browser(Api.randomClient()).get(path).then().statusCode(200).extract().asString();
            assertThat(body).as(path).doesNotContain(secret);
        }
        Readers.browser(Api.randomClient()).get("/p/" + sent.publication() + "/notes").then().statusCode(404);
        as(Api.writer("Other").token()).get("/api/v1/publications/" + sent.publication() + "/notes").then().statusCode(404);
    }

    @Test
    void aNoteWithoutTextOrAddressIsRefused() {
        Readers.Sent sent = Readers.sentIssue("Empty");
        Api.anonymous().body(Map.of("email", Api.uniqueEmail("n"), "message", " ")).post("/p/" + sent.publication() + "/notes")
                .then().statusCode(400).body("code", equalTo("note_empty"));
        Api.anonymous().body(Map.of("email", "nobody", "message", "hi")).post("/p/" + sent.publication() + "/notes")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        assertThat(Db.count(db, "SELECT count(*) FROM reader_note n JOIN publication p ON p.id = n.publication_id "
                + "WHERE p.slug = ?", sent.publication())).isZero();
    }
}
