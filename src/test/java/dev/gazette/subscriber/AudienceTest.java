package dev.gazette.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;

@QuarkusTest
class AudienceTest {

    @Inject
    DataSource db;

    @Inject
    Audience audience;

    @Inject
    Suppressions suppressions;

    @Test
    void theAudienceIsTheActiveUnsuppressedSubscribersInIdOrderOptionallyByTag() {
        Api.Account writer = Api.writer("Sender");
        String slug = Api.publication(writer.token());
        String other = Api.publication(writer.token());
        String d = slug + ".example.com";
        SubscriberImportTest.importCsv(writer.token(), slug, "email,tags\n"
                + "a@" + d + ",news\nb@" + d + ",books\nc@" + d + ",news;books\nbounced@" + d + ",news\n").then()
                .statusCode(200);
        SubscriberImportTest.importCsv(writer.token(), other, "email\nbounced@" + d + "\n").then().statusCode(200);
        Api.as(writer.token()).body(Map.of("email", "pending@" + d, "doubleOptIn", true))
                .post("/api/v1/publications/" + slug + "/subscribers").then().statusCode(201);
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug);
        long otherPublication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", other);

        assertThat(emails(publication, List.of())).containsExactly("a@" + d, "b@" + d, "c@" + d, "bounced@" + d);
        assertThat(audience.count(publication, List.of())).isEqualTo(4);
        assertThat(emails(publication, List.of("News"))).containsExactly("a@" + d, "c@" + d, "bounced@" + d);
        assertThat(emails(publication, List.of("books", "news"))).hasSize(4);

        // a hard bounce at one publication keeps the address out of every publication's audience
        long bounced = Db.count(db, "SELECT id FROM subscriber WHERE email = ? AND publication_id = ?", "bounced@" + d,
                publication);
        suppressions.recordHardBounce(bounced);
        assertThat(emails(publication, List.of())).containsExactly("a@" + d, "b@" + d, "c@" + d);
        assertThat(emails(otherPublication, List.of())).isEmpty();
        assertThat(Subscribing.status(db, "a@" + d)).isEqualTo("active");
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE id = ? AND status = 'bounced'", bounced)).isOne();

        // keyset paging returns each subscriber once
        List<String> paged = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Audience.Member> batch = audience.batch(publication, List.of(), after, 2);
            if (batch.isEmpty()) {
                break;
            }
            batch.forEach(m -> paged.add(m.email()));
            after = batch.get(batch.size() - 1).subscriberId();
        }
        assertThat(paged).containsExactly("a@" + d, "b@" + d, "c@" + d);
    }

    private List<String> emails(long publication, List<String> tags) {
        return audience.batch(publication, tags, 0, 1000).stream().map(Audience.Member::email).toList();
    }
}
