package dev.gazette.segment;

import static dev.gazette.segment.SegmentFixtures.all;
import static dev.gazette.segment.SegmentFixtures.any;
import static dev.gazette.segment.SegmentFixtures.delivered;
import static dev.gazette.segment.SegmentFixtures.event;
import static dev.gazette.segment.SegmentFixtures.group;
import static dev.gazette.segment.SegmentFixtures.issueSend;
import static dev.gazette.segment.SegmentFixtures.members;
import static dev.gazette.segment.SegmentFixtures.path;
import static dev.gazette.segment.SegmentFixtures.segment;
import static dev.gazette.segment.SegmentFixtures.subscriberId;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Db;
import dev.gazette.testing.Scenario;

/**
 * Each filter kind, and all/any with groups, against a seeded list of six subscribers whose every
 * attribute is known: a segment's members are exactly the expected ones. Hostile input in every
 * field is refused with a code naming the field, or matched literally, and changes nothing.
 */
@QuarkusTest
class SegmentsTest {

    @Inject
    DataSource db;

    private Scenario list;
    private String ann, ben, cho, dan, eve, fay;

    /**
     * ann: active, vip+news, Seoul, 34, since 2024-05-01, joined 5 days ago, opened the newest issue, tipped.
     * ben: active, news, Busan, "19" (a text), imported, joined 400 days ago, a person's click on the oldest
     * issue and only a machine's open of the newest, a refunded tip.
     * cho: unsubscribed, vip, "seoul-si", joined 40 days ago, a visible comment.
     * dan: bounced, 70, since 2023-01-15, joined 1000 days ago, opened the oldest issue, a deleted comment.
     * eve: pending, nothing else, joined a day ago.
     * fay: active, sports, a city that reads like SQL, joined 10 days ago, received the newest issue, opened nothing.
     */
    @BeforeEach
    void seed() {
        list = Scenario.writer("Segmenter");
        ann = subscriber("Ann", List.of("vip", "news"), Map.of("city", "Seoul", "age", 34, "since", "2024-05-01"));
        ben = subscriber("Ben", List.of("news"), Map.of("city", "Busan", "age", "19"));
        cho = subscriber("Cho", List.of("vip"), Map.of("city", "seoul-si"));
        dan = subscriber("Dan", List.of(), Map.of("age", 70, "since", "2023-01-15"));
        eve = subscriber("Eve", List.of(), Map.of());
        fay = subscriber("Fay", List.of("sports"), Map.of("city", "O'Brien'; DROP TABLE subscriber;--"));
        status(cho, "unsubscribed");
        status(dan, "bounced");
        status(eve, "pending");
        Instant now = Instant.now();
        joined(ann, now.minus(Duration.ofDays(5)));
        joined(ben, now.minus(Duration.ofDays(400)));
        joined(cho, now.minus(Duration.ofDays(40)));
        joined(dan, now.minus(Duration.ofDays(1000)));
        joined(eve, now.minus(Duration.ofDays(1)));
        joined(fay, now.minus(Duration.ofDays(10)));
        // ben was imported too (a writer's attested consent, as an import writes it)
        Db.execute(db, "INSERT INTO consent (subscriber_id, source, method, given_at, wording, policy_version) "
                + "VALUES (?, 'import', 'writer_attested', now(), 'imported', 'v1')", id(ben));

        long publication = publication();
        long oldest = issueSend(db, publication, list.issue(Map.of()), now.minus(Duration.ofDays(30)));
        long middle = issueSend(db, publication, list.issue(Map.of()), now.minus(Duration.ofDays(20)));
        long newest = issueSend(db, publication, list.issue(Map.of()), now.minus(Duration.ofDays(10)));
        for (long send : List.of(oldest, middle, newest)) {
            delivered(db, send, id(ann));
            delivered(db, send, id(ben));
        }
        event(db, Db.count(db, "SELECT id FROM delivery WHERE send_id = ? AND subscriber_id = ?", newest, id(ann)), "open",
                false);
        event(db, Db.count(db, "SELECT id FROM delivery WHERE send_id = ? AND subscriber_id = ?", oldest, id(ben)), "click",
                false);
        event(db, Db.count(db, "SELECT id FROM delivery WHERE send_id = ? AND subscriber_id = ?", newest, id(ben)), "open",
                true);
        event(db, delivered(db, oldest, id(dan)), "open", false);
        delivered(db, newest, id(fay));
        for (long send : List.of(oldest, middle, newest)) {
            SegmentFixtures.finished(db, send);
        }

        tip(publication, id(ann), "paid");
        tip(publication, id(ben), "refunded");
        comment(publication, id(cho), "visible");
        comment(publication, id(dan), "deleted");
        member(publication, id(cho), "active");
        member(publication, id(fay), "past_due");
        member(publication, id(ann), "ended");
    }

    @Test
    void statusTopicsAndSourceGiveExactlyTheirMembers() {
        expect(all(Map.of("kind", "status", "op", "in", "values", List.of("active"))), ann, ben, fay);
        expect(all(Map.of("kind", "status", "op", "not_in", "values", List.of("active", "pending"))), cho, dan);
        expect(all(Map.of("kind", "tag", "op", "any", "values", List.of("VIP"))), ann, cho);
        expect(all(Map.of("kind", "tag", "op", "all", "values", List.of("vip", "news"))), ann);
        expect(all(Map.of("kind", "tag", "op", "none", "values", List.of("news"))), cho, dan, eve, fay);
        expect(all(Map.of("kind", "source", "op", "in", "values", List.of("import"))), ben);
        expect(all(Map.of("kind", "source", "op", "not_in", "values", List.of("import"))), ann, cho, dan, eve, fay);
    }

    @Test
    void attributesCompareAsTextNumbersAndDays() {
        expect(all(attribute("city", "equals", "Seoul")), ann);
        expect(all(attribute("city", "not_equals", "Seoul")), ben, cho, dan, eve, fay);
        expect(all(attribute("city", "contains", "SEOUL")), ann, cho);
        expect(all(attribute("age", "exists", null)), ann, ben, dan);
        expect(all(attribute("city", "not_exists", null)), dan, eve);
        expect(all(attribute("age", "gt", "30")), ann, dan);
        expect(all(attribute("age", "gte", "34")), ann, dan);
        expect(all(attribute("age", "lt", "34")), ben);
        expect(all(attribute("age", "lte", "19.0")), ben);
        expect(all(attribute("since", "before", "2024-01-01")), dan);
        expect(all(attribute("since", "after", "2024-01-01")), ann);
        // the day itself is neither before nor after it
        expect(all(attribute("since", "before", "2024-05-01")), dan);
        expect(all(attribute("since", "after", "2024-05-01")));
        expect(all(attribute("since", "after", "2024-04-30")), ann);
        // a day ending in 9: the text just past it ends in ':', still above every day that starts with it
        expect(all(attribute("since", "after", "2024-04-29")), ann);
        expect(all(attribute("since", "after", "2023-01-19")), ann);
        expect(all(attribute("since", "after", "9999-12-31")));
        // a text that is no number or day is simply not compared
        expect(all(attribute("city", "gt", "0")));
        expect(all(attribute("city", "before", "2999-01-01")));
    }

    @Test
    void signupDaysCountInThePublicationsZone() {
        LocalDate today = LocalDate
                .now(ZoneId.of(Db.text(db, "SELECT time_zone FROM publication WHERE slug = ?", list.slug())));
        expect(all(Map.of("kind", "signup", "op", "within_days", "value", "7")), ann, eve);
        expect(all(Map.of("kind", "signup", "op", "older_than_days", "value", 365)), ben, dan);
        expect(all(Map.of("kind", "signup", "op", "before", "value", today.minusDays(30).toString())), ben, cho, dan);
        expect(all(Map.of("kind", "signup", "op", "after", "value", today.minusDays(30).toString())), ann, eve, fay);
    }

    @Test
    void engagementCountsPeopleOnlyOverTheLastIssues() {
        expect(all(engagement("opened", 1)), ann);
        // a person's click is an open too (images blocked); the machine's open of the newest is not
        expect(all(engagement("opened", 3)), ann, ben, dan);
        expect(all(engagement("clicked", 3)), ben);
        expect(all(engagement("clicked", 2)));
        expect(all(engagement("not_opened", 1)), ben, cho, dan, eve, fay);
        expect(all(engagement("not_clicked", 3)), ann, cho, dan, eve, fay);
        // received at least one issue and opened none: not eve (received nothing), not ben (clicked)
        expect(all(Map.of("kind", "engagement", "op", "never_opened")), fay);
        expect(all(Map.of("kind", "engagement", "op", "tipped")), ann);
        // a running membership (past_due reads paid parts while a payment is retried); an ended one is not
        expect(all(Map.of("kind", "engagement", "op", "paid_member")), cho, fay);
        expect(all(Map.of("kind", "engagement", "op", "not_paid_member")), ann, ben, dan, eve);
        expect(all(Map.of("kind", "engagement", "op", "not_tipped")), ben, cho, dan, eve, fay);
        expect(all(Map.of("kind", "engagement", "op", "commented")), cho);
        expect(all(Map.of("kind", "engagement", "op", "not_commented")), ann, ben, dan, eve, fay);
    }

    @Test
    void allAnyAndNestedGroupsCombine() {
        Map<String, Object> active = Map.of("kind", "status", "op", "in", "values", List.of("active"));
        Map<String, Object> vip = Map.of("kind", "tag", "op", "any", "values", List.of("vip"));
        expect(all(active, vip), ann);
        expect(any(active, vip), ann, ben, cho, fay);
        expect(all(active, group("any", Map.of("kind", "tag", "op", "any", "values", List.of("sports")),
                attribute("city", "equals", "Busan"))), ben, fay);
        // three levels: the filter, a group, a group in it
        expect(any(group("all", vip, group("any", attribute("age", "gt", "30"), attribute("city", "contains", "si")))),
                ann, cho);
        // no condition: everyone
        expect(all(), ann, ben, cho, dan, eve, fay);
        // the count of an unsaved filter says the same, and how many of them may be mailed: not a suppressed address
        as(list.token()).body(Map.of("filter", any(active, vip))).post(path(list.slug()) + "/count").then().statusCode(200)
                .body("matching", equalTo(4)).body("mailable", equalTo(3));
        Db.execute(db, "INSERT INTO suppression (email_hash, reason, created_at) SELECT email_hash, 'bounced', now() "
                + "FROM subscriber WHERE email = ?", ann);
        as(list.token()).body(Map.of("filter", any(active, vip))).post(path(list.slug()) + "/count").then().statusCode(200)
                .body("matching", equalTo(4)).body("mailable", equalTo(2));
    }

    @Test
    void hostileInputIsRefusedWithTheFieldsCodeAndChangesNothing() {
        long segmentsBefore = Db.count(db, "SELECT count(*) FROM segment");
        long subscribersBefore = Db.count(db, "SELECT count(*) FROM subscriber WHERE publication_id = ?", publication());
        refused(Map.of("match", "all", "conditions", List.of(Map.of("kind", "sql"))), "filter.conditions[0].kind",
                "unknown_kind");
        refused(all(Map.of("kind", "status", "op", "in'; DROP TABLE segment;--", "values", List.of("active"))),
                "filter.conditions[0].op", "unknown_operator");
        refused(all(Map.of("kind", "status", "op", "in", "values", List.of("active' OR '1'='1"))),
                "filter.conditions[0].values[0]", "unknown_value");
        refused(all(Map.of("kind", "status", "op", "in", "values", List.of("active"), "where", "1=1")),
                "filter.conditions[0].where", "unknown_field");
        refused(all(Map.of("kind", "tag", "op", "any", "values", List.of("vip'); --"))), "filter.conditions[0].values",
                "invalid_tag");
        refused(all(Map.of("kind", "source", "op", "in", "values", "form")), "filter.conditions[0].values", "invalid_type");
        refused(all(attribute("x".repeat(201), "equals", "a")), "filter.conditions[0].key", "too_long");
        refused(all(attribute("city", "equals", "nul\u0000byte")), "filter.conditions[0].value", "invalid_characters");
        refused(all(attribute("age", "gt", "1e999999")), "filter.conditions[0].value", "out_of_range");
        refused(all(attribute("age", "gt", "9".repeat(40))), "filter.conditions[0].value", "out_of_range");
        refused(all(attribute("age", "gt", "1 OR 1=1")), "filter.conditions[0].value", "invalid_number");
        refused(all(attribute("since", "before", "2024-13-45")), "filter.conditions[0].value", "invalid_date");
        refused(all(attribute("age", "exists", "anything")), "filter.conditions[0].value", "not_allowed");
        refused(all(engagement("opened", 101)), "filter.conditions[0].issues", "out_of_range");
        refused(all(Map.of("kind", "engagement", "op", "opened", "issues", "3; DELETE FROM subscriber")),
                "filter.conditions[0].issues", "invalid_number");
        refused(all(Map.of("kind", "engagement", "op", "opened", "issues", -1)), "filter.conditions[0].issues",
                "out_of_range");
        refused(all(Map.of("kind", "engagement", "op", "opened", "issues", 99999999999L)), "filter.conditions[0].issues",
                "out_of_range");
        refused(all(Map.of("kind", "signup", "op", "within_days", "value", 2147483648L)), "filter.conditions[0].value",
                "out_of_range");
        refused(Map.of("match", "every", "conditions", List.of()), "filter.match", "unknown_match");
        Map<String, Object> deep = group("all", group("all", group("all", attribute("a", "exists", null))));
        refused(all(deep), "filter.conditions[0].conditions[0].conditions[0]", "too_deep");
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            many.add(attribute("a", "exists", null));
        }
        refused(Map.of("match", "all", "conditions", many), "filter.conditions", "too_many");
        as(list.token()).body(Map.of("name", "No filter")).post(path(list.slug())).then().statusCode(400)
                .body("errors.field", hasItem("filter")).body("errors.code", hasItem("required"));
        as(list.token()).body(Map.of("name", "Text filter", "filter", "everyone")).post(path(list.slug())).then()
                .statusCode(400).body("errors.code", hasItem("invalid_type"));
        as(list.token()).body(Map.of("name", "Two\nlines", "filter", all())).post(path(list.slug())).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation_failed"));
        as(list.token()).body("{\"name\": \"Broken\", \"filter\": {\"match\": ").post(path(list.slug())).then()
                .statusCode(400);
        assertThat(Db.count(db, "SELECT count(*) FROM segment")).isEqualTo(segmentsBefore);
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE publication_id = ?", publication()))
                .isEqualTo(subscribersBefore);

        // quotes, SQL and any script are only ever values: matched literally, and nothing else happens
        expect(all(attribute("city", "equals", "O'Brien'; DROP TABLE subscriber;--")), fay);
        expect(all(attribute("city", "contains", "'; drop")), fay);
        expect(all(attribute("city", "contains", "%")));
        expect(all(attribute("city", "contains", "_")));
        expect(all(attribute("'; DROP TABLE segment;--", "exists", null)));
        expect(all(attribute("도시 🚀", "not_exists", null)), ann, ben, cho, dan, eve, fay);
        expect(all(attribute("age", "lt", "-99999999999999999999.5")));
        assertThat(Db.count(db, "SELECT count(*) FROM subscriber WHERE publication_id = ?", publication()))
                .isEqualTo(subscribersBefore);
    }

    private void refused(Map<String, Object> filter, String field, String code) {
        as(list.token()).body(Map.of("name", "Hostile", "filter", filter)).post(path(list.slug())).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation_failed"))
                .body("errors.field", hasItem(field)).body("errors.code", hasItem(code));
        as(list.token()).body(Map.of("filter", filter)).post(path(list.slug()) + "/count").then().statusCode(400)
                .body("errors.code", hasItem(code));
    }

    private void expect(Map<String, Object> filter, String... emails) {
        long segment = segment(list.token(), list.slug(), "Expected", filter);
        assertThat(members(list.token(), list.slug(), segment)).as("%s", filter).isEqualTo(Set.of(emails));
        as(list.token()).get(path(list.slug()) + "/" + segment).then().statusCode(200).body("matching",
                equalTo(emails.length));
        as(list.token()).delete(path(list.slug()) + "/" + segment).then().statusCode(204);
    }

    private static Map<String, Object> attribute(String key, String op, String value) {
        Map<String, Object> condition = new HashMap<>(Map.of("kind", "attribute", "key", key, "op", op));
        if (value != null) {
            condition.put("value", value);
        }
        return condition;
    }

    private static Map<String, Object> engagement(String op, int issues) {
        return Map.of("kind", "engagement", "op", op, "issues", issues);
    }

    private String subscriber(String name, List<String> tags, Map<String, Object> attributes) {
        String email = dev.gazette.testing.Api.uniqueEmail(name.toLowerCase());
        as(list.token()).body(Map.of("email", email, "name", name, "tags", tags, "attributes", attributes))
                .post(list.subscribersPath()).then().statusCode(201);
        return email;
    }

    private void status(String email, String status) {
        Db.execute(db, "UPDATE subscriber SET status = ? WHERE email = ?", status, email);
    }

    private void joined(String email, Instant at) {
        Db.execute(db, "UPDATE subscriber SET created_at = ? WHERE email = ?", Timestamp.from(at), email);
    }

    private long id(String email) {
        return subscriberId(db, email);
    }

    private long publication() {
        return Db.count(db, "SELECT id FROM publication WHERE slug = ?", list.slug());
    }

    private void tip(long publication, long subscriber, String status) {
        Db.execute(db, "INSERT INTO tip (public_id, publication_id, subscriber_id, coffees, unit_price, amount, currency, "
                + "provider, status, created_at, updated_at) VALUES (?, ?, ?, 1, 5000, 5000, 'KRW', 'test', ?, now(), now())",
                java.util.UUID.randomUUID().toString(), publication, subscriber, status);
    }

    private void comment(long publication, long subscriber, String status) {
        long issue = Db.count(db, "SELECT min(id) FROM issue WHERE publication_id = ?", publication);
        Db.execute(db, "INSERT INTO comment (issue_id, publication_id, subscriber_id, author_name, body_markdown, body_html, "
                + "status, created_at) VALUES (?, ?, ?, 'Reader', 'Hi', '<p>Hi</p>', ?, now())", issue, publication,
                subscriber, status);
    }

    private void member(long publication, long subscriber, String state) {
        Db.execute(db, "INSERT INTO membership (publication_id, subscriber_id, kind, state, provider, current_period_start, "
                + "started_at, updated_at) VALUES (?, ?, 'comp', ?, 'comp', now(), now(), now())", publication, subscriber,
                state);
    }
}
