package dev.gazette.subscriber;

import static dev.gazette.testing.StudioForms.open;
import static dev.gazette.testing.StudioForms.post;
import static dev.gazette.testing.StudioForms.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.StudioForms.Page;

/** The studio page of a publication's topics, one {@code tag: name} a line, as a browser uses it. */
@QuarkusTest
class TopicsPageTest {

    @Inject
    DataSource db;

    @Test
    void theWriterListsTopicsAndAWrongLineIsShownAsTypedChangingNothing() {
        Api.Account writer = Api.writer("Topics");
        String slug = Api.publication(writer.token());
        String path = "/studio/publications/" + slug + "/topics";
        Page page = open(writer, path, "ko");

        Response saved = post(writer, page, path, Map.of("lines", "AI: 인공지능\r\n\r\nchips: 반도체 소식"), "ko");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(topics(slug)).isEqualTo("ai=인공지능,chips=반도체 소식");
        assertThat(open(writer, path, "ko").html()).contains("ai: 인공지능\nchips: 반도체 소식");

        Response wrong = post(writer, page, path, Map.of("lines", "ai: 인공지능\nno colon here"), "ko");
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.asString()).contains("줄 2은(는) 태그: 이름 형식이어야 해요").contains("no colon here");
        Response twice = post(writer, page, path, Map.of("lines", "ai: one\nAI: two"), "en");
        assertThat(twice.statusCode()).isEqualTo(422);
        assertThat(twice.asString()).contains("Each tag may be a topic once.");
        assertThat(post(writer, page.withoutToken(), path, Map.of("lines", ""), "en").statusCode()).isEqualTo(403);
        assertThat(topics(slug)).isEqualTo("ai=인공지능,chips=반도체 소식");

        assertThat(post(writer, page, path, Map.of("lines", ""), "en").statusCode()).isEqualTo(303);
        assertThat(topics(slug)).isNull();
    }

    @Test
    void anotherWritersTopicsDoNotExistForThem() {
        Api.Account owner = Api.writer("Owner");
        String slug = Api.publication(owner.token());
        Api.Account other = Api.writer("Other");
        Page page = open(other, "/studio", "en");
        session(other, "en").get("/studio/publications/" + slug + "/topics").then().statusCode(404);
        assertThat(post(other, page, "/studio/publications/" + slug + "/topics", Map.of("lines", "x: y"), "en")
                .statusCode()).isEqualTo(404);
        assertThat(topics(slug)).isNull();
    }

    private String topics(String slug) {
        return Db.text(db, "SELECT string_agg(t.tag || '=' || t.label, ',' ORDER BY t.position) FROM public_topic t "
                + "JOIN publication p ON p.id = t.publication_id WHERE p.slug = ?", slug);
    }
}
