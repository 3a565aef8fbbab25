package dev.gazette.membership;

import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.gazette.core.SignedTokens;
import dev.gazette.embedded.CapturedMessage;
import dev.gazette.testing.Api;
import dev.gazette.testing.Scenario;

/**
 * The leak test: an issue's paid part (below the paywall marker) is read everywhere its text can
 * go (the email to a free subscriber, its text part, the shared web page and its description, the
 * page as a free subscriber and as a stranger with its forms, the Atom feed, the publication's
 * archive page) and found in none; the paid member's email and web page have it. Issues for
 * subscribers only and for paid members only are cut the same way.
 */
@QuarkusTest
class PaywallLeakTest {

    private static final Pattern FEEDBACK = Pattern.compile("https?://[^/\\s\"]+(/feedback/[A-Za-z0-9_\\-.]+)\\?rating=good");
    private static final Pattern READER = Pattern.compile("\\?r=([A-Za-z0-9_\\-.]+)");

    @Inject
    DataSource db;

    @Inject
    SignedTokens tokens;

    @Test
    void thePaidPartReachesOnlyPaidMembers() {
        Members.Pub pub = Members.monthly("Leak");
        Members.Reader free = Members.reader(db, tokens, pub);
        Members.Reader member = Members.reader(db, tokens, pub);
        as(pub.writer().token()).body(Map.of()).post("/api/v1/publications/" + pub.slug() + "/members/" + member.id()
                + "/comp").then().statusCode(201);
        Scenario scenario = pub.scenario();
        String slug = "paid-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        long issue = scenario.issue(Map.of("title", "Paid " + slug, "slug", slug, "subtitle", "",
                "bodyMarkdown", "Opening FREEPART for everyone.\n\n<!-- paywall -->\n\n## Deep dive\n\nSECRETPAID analysis"
                        + " that only members read.\n"));
        scenario.send(issue);

        CapturedMessage freeMail = Scenario.awaitIssueMail(free.email(), "Paid " + slug);
        CapturedMessage memberMail = Scenario.awaitIssueMail(member.email(), "Paid " + slug);
        assertThat(freeMail.rawText()).doesNotContain("SECRETPAID").doesNotContain("Deep dive");
        assertThat(freeMail.htmlPart().orElseThrow()).contains("FREEPART").doesNotContain("SECRETPAID").contains("#paywall");
        assertThat(freeMail.textPart().orElseThrow()).contains("FREEPART").doesNotContain("SECRETPAID");
        assertThat(memberMail.htmlPart().orElseThrow()).contains("FREEPART").contains("SECRETPAID")
                .doesNotContain("#paywall").doesNotContain("&lt;!-- paywall");
        assertThat(memberMail.textPart().orElseThrow()).contains("SECRETPAID");

        // the web version: the shared page, the free subscriber's and the member's own (from their mail's link)
        String page = "/p/" + pub.slug() + "/" + slug;
        String shared = Members.browser(Api.randomClient()).get(page).then().statusCode(200).extract().asString();
        assertThat(shared).contains("FREEPART").doesNotContain("SECRETPAID").doesNotContain("Deep dive")
                .contains("id=\"join-link\"").contains("/p/" + pub.slug() + "/join?issue=" + slug);
        String freeToken = readerToken(freeMail);
        String asFree = Members.browser(Api.randomClient()).get(page + "?r=" + freeToken).then().statusCode(200).extract()
                .asString();
        assertThat(asFree).contains("FREEPART").doesNotContain("SECRETPAID").contains("id=\"join-link\"");
        String asMember = Members.browser(Api.randomClient()).get(page + "?r=" + readerToken(memberMail)).then()
                .statusCode(200).extract().asString();
        assertThat(asMember).contains("FREEPART").contains("SECRETPAID").doesNotContain("id=\"join-link\"");
        // after the member's page was made, the shared one (kept in the cache) still has no paid part
        assertThat(Members.browser(Api.randomClient()).get(page).then().statusCode(200).extract().asString())
                .doesNotContain("SECRETPAID");
        assertThat(Members.browser(Api.randomClient()).get(page + "?forms=1").then().statusCode(200).extract().asString())
                .doesNotContain("SECRETPAID");
        // a forged or another purpose's token reads as a stranger
        assertThat(Members.browser(Api.randomClient()).get(page + "?r=" + tokens.sign("subscriber-preferences", member.id()))
                .then().statusCode(200).extract().asString()).doesNotContain("SECRETPAID");

        String feed = Api.anonymous().get("/p/" + pub.slug() + "/feed.xml").then().statusCode(200).extract().asString();
        assertThat(feed).contains("FREEPART").doesNotContain("SECRETPAID").doesNotContain("Deep dive");
        String archive = Members.browser(Api.randomClient()).get("/p/" + pub.slug()).then().statusCode(200).extract()
                .asString();
        assertThat(archive).doesNotContain("SECRETPAID");
    }

    @Test
    void anIssueForSubscribersShowsStrangersNoBodyAndAPaidOnlyIssueShowsFreeReadersNone() {
        Members.Pub pub = Members.monthly("Access");
        Members.Reader free = Members.reader(db, tokens, pub);
        Members.Reader member = Members.reader(db, tokens, pub);
        as(pub.writer().token()).body(Map.of()).post("/api/v1/publications/" + pub.slug() + "/members/" + member.id()
                + "/comp").then().statusCode(201);
        Scenario scenario = pub.scenario();
        String subs = "subs-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        long forSubscribers = scenario.issue(Map.of("title", "Subs " + subs, "slug", subs, "subtitle", "",
                "bodyMarkdown", "SUBSONLY words for subscribers.", "access", "subscribers"));
        scenario.sendAndAwait(forSubscribers);
        assertThat(Scenario.awaitIssueMail(free.email(), "Subs " + subs).htmlPart().orElseThrow()).contains("SUBSONLY");
        String page = "/p/" + pub.slug() + "/" + subs;
        assertThat(Members.browser(Api.randomClient()).get(page).then().statusCode(200).extract().asString())
                .doesNotContain("SUBSONLY").contains("class=\"box paywall\"");
        assertThat(Members.browser(Api.randomClient()).get(page + "?r=" + free.token()).then().statusCode(200).extract()
                .asString()).contains("SUBSONLY");
        assertThat(Api.anonymous().get("/p/" + pub.slug() + "/feed.xml").then().statusCode(200).extract().asString())
                .doesNotContain("SUBSONLY");

        String paid = "allpaid-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        long forMembers = scenario.issue(Map.of("title", "All " + paid, "slug", paid, "subtitle", "",
                "bodyMarkdown", "ALLPAID every word.", "access", "paid"));
        scenario.send(forMembers);
        assertThat(Scenario.awaitIssueMail(free.email(), "All " + paid).rawText()).doesNotContain("ALLPAID");
        assertThat(Scenario.awaitIssueMail(member.email(), "All " + paid).htmlPart().orElseThrow()).contains("ALLPAID");
        String paidPage = "/p/" + pub.slug() + "/" + paid;
        assertThat(Members.browser(Api.randomClient()).get(paidPage + "?r=" + free.token()).then().statusCode(200)
                .extract().asString()).doesNotContain("ALLPAID").contains("id=\"join-link\"");
        assertThat(Members.browser(Api.randomClient()).get(paidPage + "?r=" + member.token()).then().statusCode(200)
                .extract().asString()).contains("ALLPAID");
        assertThat(Api.anonymous().get("/p/" + pub.slug() + "/feed.xml").then().statusCode(200).extract().asString())
                .doesNotContain("ALLPAID");

        // who may read an issue is one of three words; anything else is refused and changes nothing
        as(pub.writer().token()).body(Map.of("access", "vip")).patch(scenario.issuePath(scenario.issue(Map.of()))).then()
                .statusCode(400).body("code", equalTo("validation_failed")).body("errors[0].code", equalTo("invalid_access"));
        as(Api.writer("Nosy").token()).get(scenario.issuePath(forMembers)).then().statusCode(404);
    }

    /** The reader's token on the web version their mail's link opens. */
    private static String readerToken(CapturedMessage mail) {
        Matcher m = FEEDBACK.matcher(mail.textPart().orElseThrow());
        assertThat(m.find()).isTrue();
        String location = Members.browser(Api.randomClient()).get(m.group(1) + "/web").then().statusCode(303).extract()
                .header("Location");
        Matcher r = READER.matcher(location);
        assertThat(r.find()).isTrue();
        return r.group(1);
    }
}
