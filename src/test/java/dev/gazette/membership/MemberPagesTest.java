package dev.gazette.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.core.SignedTokens;
import dev.gazette.testing.Api;
import dev.gazette.testing.Db;
import dev.gazette.testing.StudioForms;

/** The studio's plans and members pages: their forms, their refusals, and whose they are. */
@QuarkusTest
class MemberPagesTest {

    @Inject
    DataSource db;

    @Inject
    SignedTokens tokens;

    @Test
    void aWriterCreatesAndRetiresAPlanAndGivesAndRemovesACompInTheStudio() {
        Members.Pub pub = Members.monthly("Studio");
        Members.Reader reader = Members.reader(db, tokens, pub);
        String plans = "/studio/publications/" + pub.slug() + "/plans";
        StudioForms.Page page = StudioForms.open(pub.writer(), plans, "ko");
        assertThat(page.html()).contains("요금제").contains("Monthly");
        StudioForms.post(pub.writer(), page, plans, Map.of("name", "연간", "interval", "year", "price", "50000",
                "currency", "KRW", "trialDays", "14"), "ko").then().statusCode(303);
        assertThat(Db.count(db, "SELECT count(*) FROM plan p JOIN publication u ON u.id = p.publication_id"
                + " WHERE u.slug = ? AND p.name = '연간' AND p.billing_interval = 'year' AND p.price = 50000"
                + " AND p.trial_days = 14", pub.slug())).isOne();
        StudioForms.post(pub.writer(), page, plans, Map.of("name", "Bad", "interval", "month", "price", "12.5",
                "currency", "KRW"), "en").then().statusCode(422)
                .body(org.hamcrest.Matchers.containsString("id=\"plan-error\""));
        StudioForms.post(pub.writer(), page, plans, Map.of("name", "Bad", "interval", "month", "price", "abc"), "en")
                .then().statusCode(422);
        assertThat(Db.count(db, "SELECT count(*) FROM plan WHERE name = 'Bad'")).isZero();
        StudioForms.post(pub.writer(), page.withoutToken(), plans, Map.of("name", "Forged", "interval", "month",
                "price", "100"), "en").then().statusCode(403).body("code", equalTo("csrf_failed"));
        StudioForms.post(pub.writer(), page, plans + "/" + pub.planId() + "/retire", Map.of(), "en").then()
                .statusCode(303);
        assertThat(Db.count(db, "SELECT count(*) FROM plan WHERE id = ? AND retired_at IS NOT NULL", pub.planId()))
                .isOne();

        String members = "/studio/publications/" + pub.slug() + "/members";
        StudioForms.Page list = StudioForms.open(pub.writer(), members, "en");
        assertThat(list.html()).contains("id=\"no-members\"");
        StudioForms.post(pub.writer(), list, members + "/comp", Map.of("email", "nobody@example.com"), "en").then()
                .statusCode(422).body(org.hamcrest.Matchers.containsString("id=\"comp-error\""));
        StudioForms.post(pub.writer(), list, members + "/comp", Map.of("email", reader.email(), "until", "2001-01-01"),
                "en").then().statusCode(422);
        StudioForms.post(pub.writer(), list, members + "/comp", Map.of("email", reader.email(), "until", "2099-12-31",
                "reason", "early reader"), "en").then().statusCode(303);
        assertThat(Members.state(db, reader)).isEqualTo("active");
        assertThat(StudioForms.open(pub.writer(), members, "en").html()).contains(reader.email()).contains("complimentary");
        StudioForms.post(pub.writer(), list.withoutToken(), members + "/" + reader.id() + "/remove-comp", Map.of(), "en")
                .then().statusCode(403);
        StudioForms.post(pub.writer(), list, members + "/" + reader.id() + "/remove-comp", Map.of(), "en").then()
                .statusCode(303);
        assertThat(Members.ledger(db, reader)).containsExactly("comp_given:->active", "ended:active>ended");
    }

    @Test
    void anotherWritersPlansAndMembersAreNotFound() {
        Members.Pub pub = Members.monthly("Private");
        Api.Account nosy = Api.writer("Nosy");
        for (String path : new String[]{"/plans", "/members"}) {
            StudioForms.session(nosy, "en").get("/studio/publications/" + pub.slug() + path).then().statusCode(404);
        }
        StudioForms.Page own = StudioForms.open(nosy, "/studio", "en");
        StudioForms.post(nosy, own, "/studio/publications/" + pub.slug() + "/plans/" + pub.planId() + "/retire",
                Map.of(), "en").then().statusCode(404);
        assertThat(Db.count(db, "SELECT count(*) FROM plan WHERE id = ? AND retired_at IS NULL", pub.planId())).isOne();
    }
}
