package dev.gazette.issue;

import static dev.gazette.issue.IssueFixtures.createIssue;
import static dev.gazette.issue.IssueFixtures.createTemplate;
import static dev.gazette.issue.IssueFixtures.issuePath;
import static dev.gazette.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.quarkus.qute.Engine;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gazette.testing.Api;

@QuarkusTest
class IssueTemplateSandboxTest {

    private static final String SECRET = "planted-secret-7f3a9c";

    private Api.Account writer;
    private String pub;

    @BeforeEach
    void setUp() {
        writer = Api.writer("Templater");
        pub = Api.publication(writer.token());
    }

    private String templates() {
        return "/api/v1/publications/" + pub + "/templates";
    }

    private Response save(String source) {
        return as(writer.token()).body(Map.of("name", "t", "source", source)).post(templates());
    }

    @Inject
    Engine injectedEngine;

    @Test
    void theSecretIsReallyThereForAnUnrestrictedEngine() {
        assertThat(ConfigProvider.getConfig().getValue("planted.secret", String.class)).isEqualTo(SECRET);
        // what the sandbox exists for: the engine Quarkus injects reads configuration for anyone
        assertThat(injectedEngine.parse("{config:['planted.secret']}").render()).isEqualTo(SECRET);
    }

    @Test
    void aTemplateIsSavedReadUpdatedAndDeleted() {
        long id = createTemplate(writer.token(), pub, "<h1>{issue.title}</h1>{issue.body}");
        as(writer.token()).get(templates() + "/" + id).then().statusCode(200).body("name", equalTo("My layout"))
                .body("source", equalTo("<h1>{issue.title}</h1>{issue.body}"));
        as(writer.token()).body(Map.of("name", "Renamed", "source", "<h2>{issue.title}</h2>")).put(templates() + "/" + id)
                .then().statusCode(200).body("name", equalTo("Renamed"));
        as(writer.token()).get(templates()).then().statusCode(200).body("size()", equalTo(1));
        // in use by a draft: kept
        long issue = createIssue(writer.token(), pub, Map.of("templateId", id));
        as(writer.token()).delete(templates() + "/" + id).then().statusCode(409).body("code", equalTo("template_in_use"));
        as(writer.token()).body(Map.of("templateId", 0)).patch(issuePath(pub, issue)).then().statusCode(200);
        as(writer.token()).delete(templates() + "/" + id).then().statusCode(204);
        as(writer.token()).get(templates() + "/" + id).then().statusCode(404).body("code", equalTo("template_not_found"));
    }

    @Test
    void aBrokenTemplateIsRefusedWithLineAndColumn() {
        save("<h1>{issue.title}</h1>\n<p>\n  {#unknown issue.subtitle}x{/unknown}\n</p>\n")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("template_syntax")).body("line", equalTo(3)).body("column", equalTo(3));
        // a section left open is found where the source ends
        save("<h1>{issue.title}</h1>\n<p>\n  {#if issue.subtitle}{issue.subtitle}\n</p>\n")
                .then().statusCode(422).body("code", equalTo("template_syntax")).body("line", equalTo(4));
        save("<p>one</p>\n<p>{issue.title</p>\n").then().statusCode(422)
                .body("code", equalTo("template_syntax")).body("line", equalTo(2));
        // an update with a broken source keeps the old one
        long id = createTemplate(writer.token(), pub, "<p>{issue.title}</p>");
        as(writer.token()).body(Map.of("name", "x", "source", "{#for}")).put(templates() + "/" + id)
                .then().statusCode(422).body("code", equalTo("template_syntax")).body("line", equalTo(1));
        as(writer.token()).get(templates() + "/" + id).then().body("source", equalTo("<p>{issue.title}</p>"));
    }

    @Test
    void everyForbiddenConstructIsRefusedAtSave() {
        String[][] forbidden = {
                {"<p>{config:['planted.secret']}</p>", "template_forbidden", "1"},
                {"<p>\n{config:planted.secret}</p>", "template_forbidden", "2"},
                {"{inject:signedTokens}", "template_forbidden", "1"},
                {"{cdi:signedTokens}", "template_forbidden", "1"},
                {"{str:eval('{config:planted.secret}')}", "template_forbidden", "1"},
                {"{str:concat('a', 'b')}", "template_forbidden", "1"},
                {"{issue.title.or(config:['planted.secret'])}", "template_forbidden", "1"},
                {"{#if true}\n  {#eval '{config:planted.secret}' /}\n{/if}", "template_syntax", "2"},
                {"{#include page /}", "template_syntax", "1"},
                {"{#insert body}x{/insert}", "template_syntax", "1"},
                {"{#fragment id=x}x{/fragment}", "template_syntax", "1"},
                {"{#capture id=x}x{/capture}", "template_syntax", "1"},
        };
        long before = templateCount();
        for (String[] construct : forbidden) {
            Response refused = save(construct[0]);
            refused.then().statusCode(422).contentType("application/problem+json")
                    .body("code", equalTo(construct[1])).body("line", equalTo(Integer.parseInt(construct[2])));
            assertThat(refused.asString()).as(construct[0]).doesNotContain(SECRET);
        }
        assertThat(templateCount()).isEqualTo(before);
    }

    @Test
    void reflectionAndEscapeHatchesRenderEmptyAndTheSecretNeverAppears() {
        long template = createTemplate(writer.token(), pub, """
                <p>A[{issue.getClass()}]B[{subscriber.getClass.name}]C[{links.toString()}]D[{issue.title.getBytes()}]</p>
                <p>E[{subscriber.name.raw}]F[{subscriber.attributes.getClass()}]G[{subscriber.attributes.plan}]</p>
                <p>H[{planted.secret}]I[{publication.name.class}]J[{issue.hashCode}]</p>
                <h1>{issue.title}</h1>
                {#for tag in subscriber.attributes.keys}<i>{tag}</i>{/for}
                """);
        long issue = createIssue(writer.token(), pub, Map.of("templateId", template,
                "title", "<script>alert('x')</script> 제목"));
        String html = as(writer.token()).get(issuePath(pub, issue) + "/preview?format=html")
                .then().statusCode(200).extract().asString();
        assertThat(html).contains("A[]B[]C[]D[]").contains("E[]F[]G[free]").contains("H[]I[]J[]");
        assertThat(html).contains("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; 제목</h1>");
        assertThat(html).doesNotContain("<script>").doesNotContain(SECRET).doesNotContain("class ");
        assertThat(html).contains("<i>plan</i>");
        // a template without the unsubscribe link gets one anyway
        assertThat(html).contains("/unsubscribe/");
        String text = as(writer.token()).get(issuePath(pub, issue) + "/preview?format=text").asString();
        assertThat(text).doesNotContain(SECRET);
    }

    @Test
    void loopAndOutputBombsAreStopped() {
        String[] bombs = {
                "{#for i in 2147483647}x{/for}",
                "{#for a in 5000}{#for b in 5000}{/for}{/for}",
                "{#each 100000}{it}{/each}",
        };
        for (String bomb : bombs) {
            long issue = createIssue(writer.token(), pub, Map.of("templateId", createTemplate(writer.token(), pub, bomb)));
            as(writer.token()).get(issuePath(pub, issue) + "/preview").then().statusCode(422)
                    .contentType("application/problem+json").body("code", equalTo("template_loop_limit"));
        }
        long issue = createIssue(writer.token(), pub, Map.of("bodyMarkdown", "가나다라마바사 ".repeat(20_000),
                "templateId", createTemplate(writer.token(), pub, "{#for i in 9000}{issue.body}{/for}")));
        as(writer.token()).get(issuePath(pub, issue) + "/preview").then().statusCode(422)
                .body("code", equalTo("template_output_limit"));
        // a modest loop is fine
        long fine = createIssue(writer.token(), pub,
                Map.of("templateId", createTemplate(writer.token(), pub, "{#for i in 3}<b>{i}</b>{/for}")));
        assertThat(as(writer.token()).get(issuePath(pub, fine) + "/preview").then().statusCode(200).extract().asString())
                .contains("<b>1</b><b>2</b><b>3</b>");
    }

    private long templateCount() {
        return as(writer.token()).get(templates()).then().statusCode(200).extract().<java.util.List<?>>path("$").size();
    }
}
