package dev.gazette.sequence;

import static dev.gazette.sequence.SequenceFixtures.path;
import static dev.gazette.sequence.SequenceFixtures.sequence;
import static dev.gazette.sequence.SequenceFixtures.step;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.StudioForms;

/** Who may touch a sequence, what bad input gets, and the studio's forms. */
@QuarkusTest
class SequenceAccessTest {

    @Inject
    DataSource db;

    @Test
    void aWriterNeverSeesAnotherWritersSequences() {
        Api.Account owner = Api.writer("Owner");
        String slug = Api.publication(owner.token());
        long sequence = sequence(owner.token(), slug, Map.of("name", "Mine", "trigger", "confirmed"));
        long stepId = step(owner.token(), slug, sequence, "Private hello", 0, "Hi.");
        Api.Account other = Api.writer("Other");
        String otherSlug = Api.publication(other.token());

        as(other.token()).get(path(slug)).then().statusCode(404);
        as(other.token()).get(path(slug) + "/" + sequence).then().statusCode(404);
        as(other.token()).get(path(otherSlug) + "/" + sequence).then().statusCode(404)
                .body("code", equalTo("sequence_not_found"));
        as(other.token()).body(Map.of("name", "Taken")).patch(path(otherSlug) + "/" + sequence).then().statusCode(404);
        as(other.token()).delete(path(otherSlug) + "/" + sequence).then().statusCode(404);
        as(other.token()).body(Map.of("subject", "Sneaky", "delayMinutes", 0)).post(path(otherSlug) + "/" + sequence + "/steps")
                .then().statusCode(404);
        as(other.token()).body(Map.of("subject", "Sneaky")).patch(path(otherSlug) + "/" + sequence + "/steps/" + stepId)
                .then().statusCode(404);
        Api.anonymous().get(path(slug)).then().statusCode(401);
        StudioForms.session(other, "en").get("/studio/publications/" + slug + "/sequences/" + sequence).then()
                .statusCode(404);
        StudioForms.session(other, "en").get("/studio/publications/" + otherSlug + "/sequences/" + sequence).then()
                .statusCode(404);

        as(owner.token()).get(path(slug) + "/" + sequence).then().statusCode(200).body("name", equalTo("Mine"))
                .body("steps[0].subject", equalTo("Private hello"));
        assertThat(Db.text(db, "SELECT name FROM sequence WHERE id = ?", sequence)).isEqualTo("Mine");
        assertThat(Db.count(db, "SELECT count(*) FROM sequence_step WHERE sequence_id = ?", sequence)).isOne();
        // the owner's changes are in the audit log, the refused ones are not
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE target = ? AND action = 'sequence_created'",
                "sequence " + sequence)).isOne();
        assertThat(Db.count(db, "SELECT count(*) FROM audit_log WHERE target = ? AND action = 'sequence_changed'",
                "sequence " + sequence)).isOne();
    }

    @Test
    void badInputIsAProblemWithAStableCodeAndChangesNothing() {
        Api.Account writer = Api.writer("Careless");
        String slug = Api.publication(writer.token());
        as(writer.token()).body(Map.of("name", "X", "trigger", "sometimes")).post(path(slug)).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation_failed"))
                .body("errors.code", hasItem("invalid_trigger"));
        as(writer.token()).body(Map.of("name", "X", "trigger", "topic")).post(path(slug)).then().statusCode(400)
                .body("errors.code", hasItem("topic_required"));
        as(writer.token()).body(Map.of("name", "X", "trigger", "confirmed", "topic", "cooking")).post(path(slug)).then()
                .statusCode(400).body("errors.code", hasItem("topic_not_allowed"));
        as(writer.token()).body(Map.of("name", "", "trigger", "confirmed")).post(path(slug)).then().statusCode(400)
                .body("code", equalTo("validation_failed"));
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug);
        assertThat(Db.count(db, "SELECT count(*) FROM sequence WHERE publication_id = ?", publication)).isZero();

        long sequence = sequence(writer.token(), slug, Map.of("name", "Fine", "trigger", "paid"));
        String steps = path(slug) + "/" + sequence + "/steps";
        as(writer.token()).body(Map.of("subject", "Negative", "delayMinutes", -1)).post(steps).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation_failed"));
        as(writer.token()).body(Map.of("subject", "No delay")).post(steps).then().statusCode(400);
        as(writer.token()).body(Map.of("subject", "Line\nbreak", "delayMinutes", 0)).post(steps).then().statusCode(400);
        as(writer.token()).body(Map.of("subject", "Foreign layout", "delayMinutes", 0, "templateId", 987654321))
                .post(steps).then().statusCode(422).body("code", equalTo("unknown_template"));
        assertThat(Db.count(db, "SELECT count(*) FROM sequence_step WHERE sequence_id = ?", sequence)).isZero();
        assertThat(Db.count(db, "SELECT count(*) FROM issue WHERE publication_id = ?", publication)).isZero();
    }

    @Test
    void aStepsMessageIsNoIssue() {
        Api.Account writer = Api.writer("Hidden");
        String slug = Api.publication(writer.token());
        long sequence = sequence(writer.token(), slug, Map.of("name", "Quiet", "trigger", "confirmed"));
        step(writer.token(), slug, sequence, "Not an issue", 0, "Body.");
        long message = Db.count(db, "SELECT issue_id FROM sequence_step WHERE sequence_id = ?", sequence);
        List<?> issues = as(writer.token()).get("/api/v1/publications/" + slug + "/issues").then().statusCode(200)
                .extract().as(List.class);
        assertThat(issues).isEmpty();
        as(writer.token()).get("/api/v1/publications/" + slug + "/issues/" + message).then().statusCode(404);
        as(writer.token()).body(Map.of()).post("/api/v1/publications/" + slug + "/issues/" + message + "/send").then()
                .statusCode(404);
    }

    @Test
    void theStudioPagesNeedTheFormTokenAndShowTheSteps() {
        Api.Account writer = Api.writer("Studio");
        String slug = Api.publication(writer.token());
        String list = "/studio/publications/" + slug + "/sequences";
        StudioForms.Page page = StudioForms.open(writer, list, "ko");
        assertThat(page.html()).contains("aria-current=\"page\"").contains("시퀀스");

        StudioForms.post(writer, page.withoutToken(), list, Map.of("name", "Forged", "trigger", "confirmed"), "en").then()
                .statusCode(403);
        long publication = Db.count(db, "SELECT id FROM publication WHERE slug = ?", slug);
        assertThat(Db.count(db, "SELECT count(*) FROM sequence WHERE publication_id = ?", publication)).isZero();

        StudioForms.post(writer, page, list, Map.of("name", "Cooking class", "trigger", "topic", "topic", ""), "en").then()
                .statusCode(422).body(containsString("needs its topic"));
        String created = StudioForms.post(writer, page, list, Map.of("name", "Welcome", "trigger", "confirmed"), "en")
                .then().statusCode(303).extract().header("Location");
        long sequence = Db.count(db, "SELECT id FROM sequence WHERE publication_id = ?", publication);
        assertThat(created).endsWith(list + "/" + sequence);

        String newStep = list + "/" + sequence + "/steps/new";
        StudioForms.Page editor = StudioForms.open(writer, newStep, "en");
        assertThat(editor.html()).contains("toastui-editor").contains("name=\"bodyMarkdown\"");
        StudioForms.post(writer, editor.withoutToken(), newStep,
                Map.of("subject", "Forged step", "delay", "0", "unit", "minutes"), "en").then().statusCode(403);
        StudioForms.post(writer, editor, newStep, Map.of("subject", "Hello", "delay", "soon", "unit", "minutes"), "en")
                .then().statusCode(422).body(containsString("whole number"));
        StudioForms.post(writer, editor, newStep, Map.of("subject", "안녕하세요", "preheader", "첫 편지",
                "bodyMarkdown", "# 반가워요", "delay", "0", "unit", "minutes", "templateId", "0"), "en").then().statusCode(303);
        StudioForms.post(writer, editor, newStep, Map.of("subject", "Two days on", "delay", "2", "unit", "days"), "en")
                .then().statusCode(303);
        assertThat(Db.count(db, "SELECT delay_minutes FROM sequence_step WHERE sequence_id = ? AND position = 2",
                sequence)).isEqualTo(2880);

        String shown = StudioForms.open(writer, list + "/" + sequence, "en").html();
        assertThat(shown).contains("안녕하세요").contains("Two days on").contains("At once").contains("2 days");

        StudioForms.Page settings = StudioForms.open(writer, list + "/" + sequence, "en");
        StudioForms.post(writer, settings.withoutToken(), list + "/" + sequence + "/delete", Map.of(), "en").then()
                .statusCode(403);
        assertThat(Db.count(db, "SELECT count(*) FROM sequence WHERE id = ? AND deleted_at IS NULL", sequence)).isOne();
        StudioForms.post(writer, settings, list + "/" + sequence + "/delete", Map.of(), "en").then().statusCode(303);
        as(writer.token()).get(path(slug) + "/" + sequence).then().statusCode(404);
    }
}
